"""A throw-away copy of the project for the delivery tests: the real week built once, a config per test."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from briefing import config, state, subscribers

REPO = Path(__file__).resolve().parents[1]
WEEK = "2025-47"


def toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value)
    return repr(value)


def write_config(root: Path, **mail: object) -> Path:
    """briefing.toml of the repository with its [mail] table replaced by ``mail``."""
    text = (REPO / "briefing.toml").read_text(encoding="utf-8")
    text = text[: text.index("[mail]")] + "[mail]\n"
    settings = {"host": "127.0.0.1", "security": "none", "retry_delay": 0.01, "timeout": 10.0,
                "sender": "Briefing Desk <briefing@example.com>", **mail}
    text += "".join(f"{key} = {toml_value(value)}\n" for key, value in settings.items())
    path = root / "briefing.toml"
    path.write_text(text, encoding="utf-8")
    return path


class Project:
    """A project folder with the week's built files, its own state database and config."""

    def __init__(self, root: Path, built: Path, port: int):
        self.root, self.port = root, port
        root.mkdir(parents=True, exist_ok=True)
        for name in ("seeds", "templates"):
            (root / name).symlink_to(built / name)
        shutil.copytree(built / "output" / WEEK, root / "output" / WEEK)
        self.configure()

    @property
    def pdf(self) -> Path:
        return self.root / "output" / WEEK / f"briefing-{WEEK}.pdf"

    def configure(self, **mail: object) -> config.Config:
        write_config(self.root, **{"port": self.port, **mail})
        return self.config

    @property
    def config(self) -> config.Config:
        return config.load(self.root)[0]

    def db(self) -> sqlite3.Connection:
        return state.connect(self.config.state_path)

    def subscribe(self, *emails: str, status: str = "active") -> None:
        db = self.db()
        for address in emails:
            subscribers.add(db, address, name=address.split("@")[0].title())
            if status == "unsubscribed":
                subscribers.remove(db, address)

    def ledger(self) -> dict[str, sqlite3.Row]:
        rows = self.db().execute("SELECT * FROM deliveries WHERE week = ?", (WEEK,))
        return {r["email"].lower(): r for r in rows}

    def cli(self, *args: str) -> subprocess.Popen:
        """``python -m briefing`` in its own process, as a user would run it."""
        env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
        return subprocess.Popen([sys.executable, "-m", "briefing", "--config", str(self.root / "briefing.toml"), *args],
                                cwd=self.root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
