"""Week over week: five weeks across a year boundary built in order, read back from their outputs."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys

import pytest
from pypdf import PdfReader

from briefing import cli

from .conftest import EPOCH, ROOT, copy_project
from .weekgen import LITHIUM, SPAN, write_span


def _run(project, *args) -> int:
    return cli.main(["--config", str(project / "briefing.toml"), *args])


@pytest.fixture(scope="module")
def span(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("history") / "project")
    shutil.rmtree(project / "seeds")
    write_span(project / "seeds")
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
    try:
        assert _run(project, "build", "--weeks", f"{SPAN[0]}..{SPAN[2]}") == 0
        early = {p.name: p.read_bytes() for p in (project / "output" / SPAN[2]).iterdir()}
        assert _run(project, "build", "--weeks", f"{SPAN[3]}..{SPAN[-1]}") == 0
    finally:
        mp.undo()
    return project, early


def _doc(project, week):
    return json.loads((project / "output" / week / "items.json").read_text(encoding="utf-8"))


def _pdf(project, week) -> str:
    pages = PdfReader(str(project / "output" / week / f"briefing-{week}.pdf")).pages
    return " ".join(" ".join((p.extract_text() or "").split()) for p in pages)


def test_the_first_week_has_nothing_to_compare(span):
    project, _ = span
    assert _doc(project, SPAN[0])["changes"] is None
    assert 'id="changes"' not in (project / "output" / SPAN[0] / f"briefing-{SPAN[0]}.html").read_text()


def test_price_moves_against_the_previous_week(span):
    project, _ = span
    (move,) = _doc(project, SPAN[-1])["changes"]["prices"]
    assert (move["value"], move["previous"], move["week"]) == (LITHIUM[-1], LITHIUM[-2], SPAN[-2])
    assert move["change"] == LITHIUM[-1] - LITHIUM[-2] and round(move["percent"], 1) == 2.2
    assert "+1,800 yuan/mt (+2.2 %) on 2026-01" in _pdf(project, SPAN[-1])
    (down,) = _doc(project, SPAN[3])["changes"]["prices"]
    assert down["change"] == -800 and down["week"] == "2025-52"  # across the year boundary


def test_a_project_told_in_three_weeks_is_followed_up(span):
    project, _ = span
    doc = _doc(project, SPAN[-1])
    (follow,) = [f for f in doc["changes"]["followups"] if "Hilltown" in f["told"]]
    assert follow["week"] == SPAN[2] and "Awards Cell Contract" in follow["headline"] and not follow["repeat"]
    html = (project / "output" / SPAN[-1] / f"briefing-{SPAN[-1]}.html").read_text(encoding="utf-8")
    assert f'href="#item-{follow["item"]}"' in html
    assert "Follow-up of" in _pdf(project, SPAN[-1])


def test_a_revised_forecast_names_the_earlier_value(span):
    project, _ = span
    (revised,) = _doc(project, SPAN[3])["changes"]["revised"]
    assert (revised["text"], revised["previous"], revised["week"], revised["year"]) == ("65GWh", "50GWh", SPAN[1], 2030)
    assert "65GWh, was 50GWh in 2025-51" in _pdf(project, SPAN[3])


def test_new_companies_and_company_activity(span):
    project, _ = span
    changes = _doc(project, SPAN[3])["changes"]
    assert any(name.startswith("Toyota") for name in changes["new_companies"])
    top = changes["activity"][0]
    assert top["company"].startswith("Gotion") and top["recent"] == 4 and top["this_week"] == 1


def test_price_chart_across_weeks_has_one_point_per_week(span):
    project, _ = span
    (series,) = _doc(project, SPAN[-1])["changes"]["series"]
    assert [p["week"] for p in series["points"]] == list(SPAN)
    assert [p["value"] for p in series["points"]] == list(LITHIUM)
    svg = (project / "output" / SPAN[-1] / "chart-trends.svg").read_text(encoding="utf-8")
    assert all(week in svg for week in SPAN)


def test_an_earlier_week_rebuilt_after_later_ones_is_byte_identical(span, monkeypatch):
    project, early = span
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    assert _run(project, "build", "--week", SPAN[2]) == 0
    again = {p.name: p.read_bytes() for p in (project / "output" / SPAN[2]).iterdir()}
    assert again == early


def test_rebuilding_a_week_replaces_its_rows(span):
    project, _ = span
    db = sqlite3.connect(project / "state" / "history.sqlite3")
    counts = db.execute("SELECT week, count(*) FROM items GROUP BY week ORDER BY week").fetchall()
    stored = db.execute("SELECT week, items FROM weeks ORDER BY week").fetchall()
    db.close()
    assert [w for w, _ in counts] == list(SPAN) and counts == stored


def test_history_command_prints_a_product_series_and_a_companys_items(span, capsys):
    project, _ = span
    assert _run(project, "history", "--product", "lithium carbonate", "--format", "json") == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["week"] for r in rows] == list(SPAN) and [r["value"] for r in rows] == list(LITHIUM)
    assert _run(project, "history", "--company", "Crestline", "--weeks", "3") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("week,section,headline") and [line[:7] for line in lines[1:]] == [SPAN[2], SPAN[4]]
    assert _run(project, "weeks") == 0
    assert all("stored" in line for line in capsys.readouterr().out.splitlines())


def test_a_build_killed_while_recording_leaves_the_store_as_it_was(span):
    project, _ = span
    path = project / "state" / "history.sqlite3"
    before = sqlite3.connect(path).execute("SELECT * FROM items ORDER BY week, id").fetchall()
    script = ("import os, signal, sys\nfrom briefing import cli\nfrom briefing.history import store\n"
              "real = store.replace_week\n"
              "def replace(db, week, rows):\n"
              "    db.set_trace_callback(lambda sql: sql.startswith('INSERT INTO prices') and "
              "os.kill(os.getpid(), signal.SIGKILL))\n"
              "    real(db, week, rows)\n"
              "store.replace_week = replace\n"
              "cli.main(['build', '--week', sys.argv[1]])\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "SOURCE_DATE_EPOCH": EPOCH}
    run = subprocess.run([sys.executable, "-c", script, SPAN[1]], cwd=project, env=env, capture_output=True,
                         timeout=180)
    assert run.returncode == -signal.SIGKILL
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("SELECT * FROM items ORDER BY week, id").fetchall() == before


def test_a_file_that_is_no_history_store_is_one_line_and_nothing_is_built(project, capsys):
    store = project / "state" / "history.sqlite3"
    store.parent.mkdir(parents=True)
    db = sqlite3.connect(store)
    db.execute("CREATE TABLE other (x)")
    db.commit()
    db.close()
    assert _run(project, "build", "--week", "2025-47") == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "history.sqlite3: is an SQLite file but not a history store" in err
    assert not (project / "output" / "2025-47").exists()


def test_a_store_of_a_newer_version_is_refused(project, capsys):
    from briefing.history import store as history_store

    path = project / "state" / "history.sqlite3"
    assert _run(project, "build", "--week", "2025-47") == 0
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {history_store.VERSION + 1}")
    db.commit()
    db.close()
    capsys.readouterr()
    assert _run(project, "build", "--week", "2025-47") == 1
    assert "history store is of schema version 2" in capsys.readouterr().err


def test_an_older_store_is_migrated_on_open(tmp_path, monkeypatch):
    from briefing.history import store as history_store

    path = tmp_path / "history.sqlite3"
    with history_store.opened(path):
        pass
    monkeypatch.setattr(history_store, "MIGRATIONS", (*history_store.MIGRATIONS,
                                                      "ALTER TABLE weeks ADD COLUMN note TEXT;"))
    monkeypatch.setattr(history_store, "VERSION", 2)
    with history_store.opened(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 2
        assert "note" in {row[1] for row in db.execute("PRAGMA table_info(weeks)")}


def test_two_builds_of_different_weeks_at_once_both_land(tmp_path):
    project = copy_project(tmp_path / "project")
    shutil.rmtree(project / "seeds")
    write_span(project / "seeds")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "SOURCE_DATE_EPOCH": EPOCH}
    runs = [subprocess.Popen([sys.executable, "-m", "briefing", "build", "--week", week], cwd=project, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for week in SPAN[:2]]
    assert [run.wait(timeout=300) for run in runs] == [0, 0]
    db = sqlite3.connect(project / "state" / "history.sqlite3")
    assert [w for (w,) in db.execute("SELECT week FROM weeks ORDER BY week")] == list(SPAN[:2])


def test_a_locked_store_is_one_line_and_nothing_is_published(project, capsys, monkeypatch):
    from briefing.history import store as history_store

    assert _run(project, "build", "--week", "2025-47") == 0
    out = project / "output" / "2025-47"
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (project / "seeds" / "000_31ebcd339b878c11.txt").write_text(
        (project / "seeds" / "000_31ebcd339b878c11.txt").read_text(encoding="utf-8") + "\nOne more line of text.\n",
        encoding="utf-8")
    monkeypatch.setattr(history_store, "BUSY_SECONDS", 0.2)
    holder = sqlite3.connect(project / "state" / "history.sqlite3", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        capsys.readouterr()
        assert _run(project, "build", "--week", "2025-47") == 1
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot use the history store (database is locked)" in err, err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_two_items_of_one_article_with_the_same_headline_have_their_own_ids_and_are_recorded(project):
    """A page may carry the same label twice (a morning comment's "Copper:" under two markets):
    both items are kept, each with its own id, and the week is recorded in the history."""
    shutil.rmtree(project / "seeds")
    (project / "seeds").mkdir()
    (project / "seeds" / "comment.txt").write_text(
        "Morning comment\nNov 18, 2025 09:00\nSource:SMM\n\n"
        "[Copper: Prices] On November 17, LME copper rose 1% to $10,800/mt on a weaker dollar.\n"
        "[Copper: Prices] On November 17, SHFE copper fell 0.5% to 86,000 yuan/mt as stocks grew.\n",
        encoding="utf-8")
    assert _run(project, "build", "--week", "2025-47") == 0
    items = [i for s in _doc(project, "2025-47")["sections"] for i in s["items"]]
    assert len(items) == 2 and len({i["id"] for i in items}) == 2
    assert sorted(i["seq"] for i in items) == [0, 1]
    with sqlite3.connect(project / "state" / "history.sqlite3") as db:
        assert db.execute("SELECT COUNT(*) FROM items WHERE week = '2025-47'").fetchone()[0] == 2
