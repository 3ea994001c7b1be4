"""Shared fixtures: a copy of the project in a temporary folder, and one real build of 2025-47."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

# Fuzz tests explore new inputs on developers' machines; CI replays a fixed
# sequence, so a submission is never failed by chance.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

from briefing import config as config_mod
from briefing.build import build

ROOT = Path(__file__).resolve().parent.parent
EPOCH = "1763683200"  # 2025-11-21 00:00 UTC


def copy_project(dest: Path) -> Path:
    """A working copy of the project's inputs: config, seeds and templates."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "briefing.toml", dest / "briefing.toml")
    shutil.copytree(ROOT / "seeds", dest / "seeds")
    shutil.copytree(ROOT / "templates", dest / "templates")
    return dest


def load_config(root: Path):
    return config_mod.load(root)[0]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture
def server():
    """A real SMTP server (aiosmtpd) on 127.0.0.1 for one test."""
    from .mailserver import MailServer

    with MailServer() as running:
        yield running


def build_copy(folder: Path, week: str):
    """A real build of ``week`` in a copy of the project made in ``folder``, at the fixed build time."""
    root = copy_project(folder / "project")
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
    try:
        return build(load_config(root), week)
    finally:
        mp.undo()


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory):
    """One real build of week 2025-47 (HTML, PDF, DOCX), shared by the read-back tests."""
    return build_copy(tmp_path_factory.mktemp("built"), "2025-47")
