"""A damaged state store is never a fresh start: each kind of damage stops in one line, and the repair
keeps every delivery it can read and mails nobody a second time.

Real files, a real SQLite store on disk and a real SMTP server (aiosmtpd) on 127.0.0.1.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from briefing import cli, deliver, repair, state
from briefing.build import build
from briefing.config import load
from briefing.errors import StateError
from .mailserver import MailServer
from .sendkit import REPO, WEEK, Project, write_config

PEOPLE = ["ann@example.com", "bob@example.com", "cy@example.com"]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("built")
    for name in ("seeds", "templates"):
        shutil.copytree(REPO / name, root / name)
    write_config(root, port=1)
    build(load(root)[0], WEEK)
    return root


@pytest.fixture
def sent(built, tmp_path, server) -> Project:
    """A project whose three subscribers got the week's PDF."""
    project = Project(tmp_path / "project", built, server.port)
    project.subscribe(*PEOPLE)
    deliver.approve(project.config, WEEK)
    assert deliver.send(project.config, WEEK).sent == 3
    assert len(server.box.received) == 3
    return project


def run(project: Project, capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(["--config", str(project.root / "briefing.toml"), *args])
    out, err = capsys.readouterr()
    return code, out, err


def raw(project: Project, *statements: str) -> None:
    """Change the store behind briefing's back, as a crash, a bad tool or an older script would."""
    db = sqlite3.connect(project.config.state_path, isolation_level=None)
    for sql in statements:
        db.execute(sql)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


def damage_pages(path: Path) -> None:
    """Overwrite every page after the first (the schema page) with garbage."""
    data = bytearray(path.read_bytes())
    for at in range(4096, len(data)):
        data[at] = (at * 131 + 7) % 251
    path.write_bytes(bytes(data))


def assert_refused(project: Project, server: MailServer, capsys, *fragments: str) -> None:
    before = len(server.box.received)
    for args in (("send", "--week", WEEK), ("subscribers", "list"), ("deliveries", "--week", WEEK)):
        code, out, err = run(project, capsys, *args)
        assert code == 1, (args, out, err)
        assert err.count("\n") == 1 and "Traceback" not in err, err
        assert err.startswith(f"briefing: error: {project.config.state_path}: ")
        assert "briefing deliveries --repair" in err
        for fragment in fragments:
            assert fragment in err
    assert len(server.box.received) == before, "a damaged store must never mail anyone"


def assert_repaired_and_nobody_mailed_twice(project: Project, server: MailServer, capsys, kept: str) -> str:
    """Repair, then send again; return the repair's line and the send's."""
    code, repaired, err = run(project, capsys, "deliveries", "--repair")
    assert code == 0, err
    assert repaired.startswith(f"repaired {project.config.state_path}: {kept}")
    assert list(project.root.glob("state/briefing.sqlite3.damaged-*")), "the damaged file is kept"
    code, out, err = run(project, capsys, "send", "--week", WEEK)
    assert "Traceback" not in err and err.count("briefing: error:") <= 1
    assert len(server.box.received) == 3, "nobody is mailed a second time after a repair"
    return repaired + out + err


@pytest.mark.parametrize("table", ["deliveries", "subscribers", "approvals"])
def test_a_missing_table_is_refused_not_recreated(sent, server, capsys, table):
    raw(sent, f"DROP TABLE {table}")
    assert_refused(sent, server, capsys, f"table {table} is missing")
    names = {r[0] for r in sqlite3.connect(sent.config.state_path).execute("SELECT name FROM sqlite_master")}
    assert table not in names, "the table must not be created again"


def test_the_deliveries_table_gone_then_repaired_mails_nobody_again(sent, server, capsys):
    raw(sent, "DROP TABLE deliveries")
    assert_refused(sent, server, capsys, "table deliveries is missing")
    out = assert_repaired_and_nobody_mailed_twice(sent, server, capsys, "kept 3 subscribers, 1 approvals and 0 ")
    assert "0 sent, 0 already sent, 0 failed, 3 unconfirmed, not resent" in out
    assert {r["status"] for r in sent.ledger().values()} == {"sending"}
    code, out, _ = run(sent, capsys, "deliveries", "--confirm", PEOPLE[0], "--week", WEEK)
    assert code == 0 and sent.ledger()[PEOPLE[0]]["status"] == "sent"
    sent.subscribe("new@example.com")  # joined after the repair: still unknown for this week, so not mailed
    run(sent, capsys, "send", "--week", WEEK)
    assert len(server.box.received) == 3


def test_a_store_of_another_version_is_refused_then_converted_keeping_every_row(sent, server, capsys):
    raw(sent, "PRAGMA user_version = 7")
    assert_refused(sent, server, capsys, "schema version 7", "this briefing reads version 1")
    out = assert_repaired_and_nobody_mailed_twice(sent, server, capsys, "kept 3 subscribers, 1 approvals and 3 ")
    assert "0 sent, 3 already sent" in out


def test_a_store_of_an_older_layout_lacking_a_column_is_refused(sent, server, capsys):
    raw(sent, "ALTER TABLE deliveries DROP COLUMN reply")
    assert_refused(sent, server, capsys, "table deliveries lacks column reply")
    out = assert_repaired_and_nobody_mailed_twice(sent, server, capsys, "kept 3 subscribers, 1 approvals and 3 ")
    assert "3 already sent" in out


def test_damaged_pages_are_refused_then_repaired_without_mailing_anyone_again(sent, server, capsys):
    raw(sent)
    damage_pages(sent.config.state_path)
    assert_refused(sent, server, capsys, "the state database is damaged")
    out = assert_repaired_and_nobody_mailed_twice(sent, server, capsys, "kept ")
    assert "the ledger could not be read whole, so for weeks up to" in out
    sent.subscribe(*PEOPLE)  # the operator imports the list again and approves the week again
    deliver.approve(sent.config, WEEK)
    report = deliver.send(sent.config, WEEK)
    assert (report.sent, len(report.unconfirmed)) == (0, 3)
    assert len(server.box.received) == 3


def test_a_file_that_is_no_database_at_all_is_refused(sent, server, capsys):
    raw(sent)
    path = sent.config.state_path
    path.write_bytes(b"this is not SQLite" * 500)
    assert_refused(sent, server, capsys, "file is not a database")
    assert path.read_bytes() == b"this is not SQLite" * 500, "the damaged file is left as it was"
    assert_repaired_and_nobody_mailed_twice(sent, server, capsys, "kept 0 subscribers")


def test_an_empty_file_is_damage_not_a_new_store(sent, server, capsys):
    raw(sent)
    sent.config.state_path.write_bytes(b"")
    assert_refused(sent, server, capsys, "the file is empty")


def test_an_interrupted_repair_is_finished_from_its_pristine_copy(sent, server, capsys):
    raw(sent, "DROP TABLE approvals")
    path = sent.config.state_path
    repair._set_aside(path, path.with_name(path.name + state.REPAIR_MARK))
    path.write_bytes(b"")  # killed while the store was being replaced
    with pytest.raises(StateError, match="a repair of the state database was interrupted"):
        state.connect(path)
    out = assert_repaired_and_nobody_mailed_twice(sent, server, capsys, "kept 3 subscribers, 0 approvals and 3 ")
    assert "some approvals could not be read: approve those weeks again" in out
    deliver.approve(sent.config, WEEK)
    assert deliver.send(sent.config, WEEK).already_sent == 3


def test_a_sound_store_needs_no_repair(sent, capsys):
    code, out, _ = run(sent, capsys, "deliveries", "--repair")
    assert code == 0 and "sound; nothing to repair" in out


def test_a_send_lock_that_is_a_folder_is_one_line(sent, server, capsys):
    path = sent.config.state_path
    lock = path.with_name(path.name + ".send-lock")
    lock.unlink()
    lock.mkdir()
    sent.subscribe("dan@example.com")
    code, _, err = run(sent, capsys, "send", "--week", WEEK)
    assert code == 1 and err.count("\n") == 1 and "cannot be opened as the send lock" in err
    assert len(server.box.received) == 3


def test_a_state_path_that_is_a_folder_is_one_line(built, tmp_path, capsys):
    project = Project(tmp_path / "project", built, 1)
    project.config.state_path.mkdir(parents=True)
    code, _, err = run(project, capsys, "subscribers", "list")
    assert code == 1 and "is a folder, not the state database" in err and err.count("\n") == 1
