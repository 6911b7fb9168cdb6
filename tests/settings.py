"""The suite's settings: desk.settings, with what a test run needs that a bare environment
does not give (production refuses to start without them, see tests/desk/test_settings.py):
a throwaway SECRET_KEY, and in-process tasks when no REDIS_URL names a broker."""

import os

os.environ.setdefault("SECRET_KEY", "insecure-key-of-the-test-suite-only")
if not os.environ.get("REDIS_URL"):
    os.environ.setdefault("TASKS_IN_PROCESS", "true")

from desk.settings import *  # noqa: E402, F403
