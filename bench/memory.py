"""`python -m bench.memory SCENARIO`: one run of a job scenario in a fresh process, and its
peak memory: the process's largest resident set (its own high-water mark, VmHWM of
/proc/self/status: everything the process held: Python objects, the database driver's
buffers, the zip being written), printed as JSON. The runner starts it once per job
scenario that has a memory target, after seeding, with the bench's environment (its
database)."""

import json
import os
import resource
import sys


def _peak_mb() -> float:
    """This process's largest resident set, in MB. Not `getrusage`'s ru_maxrss: Linux carries
    it across execve, so a child the bench spawns (by vfork and exec) would report the bench's
    own peak, reached by the scenarios timed before it. VmHWM is the high-water mark of the
    process's own memory, which starts afresh at exec."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def main(argv=None):
    (name,) = argv if argv is not None else sys.argv[1:]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "desk.settings")
    import warnings

    import django

    warnings.filterwarnings("ignore", message="No directory at")
    django.setup()
    from bench.scenarios import SCENARIOS

    (scenario,) = [s for s in SCENARIOS if s.name == name]
    before = _peak_mb()  # Django, the apps and the models loaded
    scenario.run()
    print(json.dumps({"scenario": name, "before_mb": before, "peak_mb": _peak_mb()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
