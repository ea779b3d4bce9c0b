"""Ctrl-C during a build, as a terminal sends it: SIGINT to the whole process group."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time

from conftest import PROJECT, copy_site


def descendants(pid: int) -> list[int]:
    """Every process below `pid` (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for stat in os.listdir("/proc"):
        if stat.isdigit():
            try:
                fields = open(f"/proc/{stat}/stat").read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(stat))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def ignores_sigint(pid: int) -> bool:
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("SigIgn:"):
            return bool(int(line.split()[1], 16) & (1 << (signal.SIGINT - 1)))
    return False


def hashes(folder) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_ctrl_c_stops_the_workers_quietly_and_keeps_the_earlier_output(tmp_path):
    site = copy_site("clinic", tmp_path / "clinic")
    assert site.run("build", "--lang", "en") == 0
    before = hashes(site.output)
    build = subprocess.Popen(
        [sys.executable, "-m", "leafpress", "build", "--force", "--lang", "en", "--jobs", "2", "--config",
         str(site.config)], cwd=site.root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True, env={**os.environ, "PYTHONPATH": str(PROJECT)},
        # As a terminal starts it: a test run in the background inherits SIGINT ignored, which Python keeps.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 120
    progress = []
    while not progress or ".pdf" not in progress[-1]:  # the workers are rendering: the first PDF is done
        progress.append(build.stderr.readline())
        assert progress[-1] and time.monotonic() < deadline, "the build ended before it could be interrupted"
    # Every process but the main one ignores Ctrl-C (the race a traceback needs is too narrow to test by timing).
    helpers = [pid for pid in descendants(build.pid) if os.path.exists(f"/proc/{pid}")]
    assert len(helpers) >= 3  # the resource tracker, the fork server and its workers
    assert [pid for pid in helpers if not ignores_sigint(pid)] == []
    os.killpg(build.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the main process, the fork server, the workers
    _, err = build.communicate(timeout=60)
    assert build.returncode == 130
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert err.strip().splitlines()[-1] == "leafpress: interrupted; earlier output is unchanged"
    assert hashes(site.output) == before
