"""The locks cover what pyproject.toml asks for, every pin with its hashes: `make install`
installs requirements-dev.lock alone (the project with --no-deps), so a package added to
pyproject.toml without `make lock` would be missing on a fresh machine."""

import re
import tomllib
from pathlib import Path

import pytest
from django.conf import settings
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(settings.BASE_DIR)
PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^ ;\\]+)")


def _pins(lock):
    text = (ROOT / lock).read_text()
    pins = {canonicalize_name(m[1]): m[2] for m in map(PIN.match, text.splitlines()) if m}
    blocks = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[-1])
    unhashed = [b.split()[0] for b in blocks if PIN.match(b) and "--hash=sha256:" not in b]
    return pins, unhashed


def _wanted(*, dev):
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = project["dependencies"] + (project["optional-dependencies"]["dev"] if dev else [])
    return [Requirement(line) for line in wanted]


@pytest.mark.parametrize(
    ("lock", "dev"), [("requirements.lock", False), ("requirements-dev.lock", True)]
)
def test_the_lock_pins_every_dependency_within_its_range_with_hashes(lock, dev):
    pins, unhashed = _pins(lock)

    missing = [
        str(req)
        for req in _wanted(dev=dev)
        if req.specifier and not req.specifier.contains(pins.get(canonicalize_name(req.name), ""))
    ]
    assert missing == [], f"{lock} lacks these or pins them out of range: run `make lock`"
    assert unhashed == []
