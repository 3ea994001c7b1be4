"""A week's folder is replaced as a set: killed at any step, a build leaves it entirely old or entirely
new, and the next run leaves no litter; a build still running keeps its staging files.

Each run is a real process on real files; it is killed with SIGKILL at a step of ``publish``.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefing import cli, publish

from .conftest import ROOT
from .test_failures import OLD, _previous_build

DRIVER = """
import json, os, signal, sys, time
from pathlib import Path
from briefing import publish
target, version, kill_at, wait_at, exchange = sys.argv[1:6]
steps = []
def at(step):
    steps.append(step)
    if step == kill_at:
        os.kill(os.getpid(), signal.SIGKILL)
    if step == wait_at:
        Path(str(target) + ".waiting").touch()
        while not Path(str(target) + ".go").exists():
            time.sleep(0.02)
publish.checkpoint = at
if exchange == "no":
    publish._exchange = lambda a, b: False  # a system without renameat2
files = {f"{n}.txt": f"{version} {n}".encode() for n in range(3)}
files[f"only-{version}.txt"] = version.encode()
publish.publish(Path(target), files, beside={"index.html": f"index {version}".encode()})
print(json.dumps(steps))
"""


def week_files(version: str) -> dict[str, bytes]:
    files = {f"{n}.txt": f"{version} {n}".encode() for n in range(3)}
    files[f"only-{version}.txt"] = version.encode()
    return files


def start(target: Path, version: str, kill_at: str = "", wait_at: str = "", exchange: str = "yes"):
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.Popen([sys.executable, "-c", DRIVER, str(target), version, kill_at, wait_at, exchange],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()} if folder.exists() else {}


def litter(output: Path) -> list[str]:
    return sorted(p.name for p in output.iterdir() if p.name.startswith("."))


def all_steps(scratch: Path, exchange: str) -> list[str]:
    """The steps of publishing the new week over the old one."""
    publish.publish(scratch / "2025-47", week_files("old"))
    run = start(scratch / "2025-47", "new", exchange=exchange)
    out, err = run.communicate(timeout=60)
    assert run.returncode == 0, err
    return json.loads(out)


@pytest.mark.parametrize("exchange", ["yes", "no"])
def test_killed_at_every_step_the_week_is_entirely_old_or_new_and_the_next_run_leaves_no_litter(tmp_path, exchange):
    steps = all_steps(tmp_path / "probe", exchange)
    assert len(steps) >= 8 and "switched" in steps and ("moved aside" in steps) == (exchange == "no")
    for n, step in enumerate(steps):
        output = tmp_path / f"run{n}"
        target = output / "2025-47"
        publish.publish(target, week_files("old"), beside={"index.html": b"index old"})
        killed = start(target, "new", kill_at=step, exchange=exchange)
        killed.communicate(timeout=60)
        assert killed.returncode == -signal.SIGKILL, step
        if step == "moved aside":  # two renames: the next run puts the old folder back
            publish.clean_stale(output)
        assert contents(target) in (week_files("old"), week_files("new")), step
        assert (output / "index.html").read_bytes() in (b"index old", b"index new"), step
        if contents(target) == week_files("old"):
            assert (output / "index.html").read_bytes() == b"index old", step
        again = start(target, "again", exchange=exchange)
        _, err = again.communicate(timeout=60)
        assert again.returncode == 0, err
        assert contents(target) == week_files("again") and litter(output) == [], step
        assert (output / "index.html").read_bytes() == b"index again"


def test_a_build_still_running_keeps_its_staging_files_while_another_publishes(tmp_path):
    target = tmp_path / "output" / "2025-47"
    first = start(target, "first", wait_at="wrote 1.txt")
    deadline = time.monotonic() + 30
    while not Path(f"{target}.waiting").exists():
        assert first.poll() is None and time.monotonic() < deadline, first.stderr and first.stderr.read()
        time.sleep(0.02)
    second = start(target, "second")
    _, err = second.communicate(timeout=60)
    assert second.returncode == 0, err
    assert contents(target) == week_files("second")
    assert any(p.is_dir() for p in target.parent.glob(".staging-*")), "the running build's staging stays"
    Path(f"{target}.go").touch()
    _, err = first.communicate(timeout=60)
    assert first.returncode == 0, err
    assert contents(target) == week_files("first")
    Path(f"{target}.waiting").unlink(), Path(f"{target}.go").unlink()
    assert litter(target.parent) == []


def test_staging_left_by_an_older_version_is_removed(tmp_path):
    stale = tmp_path / ".staging-2025-47-99999"
    stale.mkdir()
    (stale / "half.pdf").write_bytes(b"half")
    publish.clean_stale(tmp_path)
    assert not stale.exists()


def test_the_real_build_killed_while_switching_leaves_the_old_or_the_new_week(project):
    out = _previous_build(project)
    script = ("import os, signal, sys\nfrom briefing import cli, publish\n"
              "publish.checkpoint = lambda step: step == sys.argv[1] and os.kill(os.getpid(), signal.SIGKILL)\n"
              "cli.main(['build', '--week', '2025-47'])\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    for step in ("wrote briefing-2025-47.pdf", "switched"):
        run = subprocess.run([sys.executable, "-c", script, step], cwd=project, env=env, capture_output=True,
                             timeout=120)
        assert run.returncode == -signal.SIGKILL
        names = sorted(p.name for p in out.iterdir())
        if step == "switched":
            assert "briefing-2025-47.docx" in names and "previous" not in (out / "items.json").read_text()
        else:
            assert {p.name: p.read_bytes() for p in out.iterdir()} == OLD
    assert cli.main(["--config", str(project / "briefing.toml"), "build", "--week", "2025-47"]) == 0
    assert litter(project / "output") == []
    assert "2025-47/briefing-2025-47.docx" in (project / "output" / "index.html").read_text(encoding="utf-8")


def test_an_index_that_cannot_be_replaced_stops_before_the_week_is_switched(project, capsys):
    out = _previous_build(project)
    (project / "output" / "index.html").mkdir()
    code = cli.main(["--config", str(project / "briefing.toml"), "build", "--week", "2025-47"])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and "index.html: is a folder, so it cannot be replaced" in err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == OLD
    assert litter(project / "output") == []


@pytest.mark.parametrize("output", ["briefing.toml/out", "/proc/briefing-output", "/sys"])  # /sys: read-only
def test_an_output_folder_that_cannot_be_made_or_written_is_one_line(project, capsys, output):
    config = project / "briefing.toml"
    text = config.read_text(encoding="utf-8").replace('output = "output"', f"output = {json.dumps(output)}")
    config.write_text(text, encoding="utf-8")
    code = cli.main(["--config", str(config), "build", "--week", "2025-47"])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and "cannot write the output files" in err, err
    assert "set 'output' in briefing.toml" in err
