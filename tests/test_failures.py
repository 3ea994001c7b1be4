"""Bad input: each failure is one clear line, and nothing half-written is left behind."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefing import cli
from briefing.build import build
from briefing.errors import ConfigError, EmptyWeekError, InputError, TemplateError

from .conftest import load_config

OLD = {"briefing-2025-47.html": b"previous html", "briefing-2025-47.pdf": b"previous pdf",
       "items.json": b"previous items"}


def _previous_build(project: Path) -> Path:
    out = project / "output" / "2025-47"
    out.mkdir(parents=True)
    for name, data in OLD.items():
        (out / name).write_bytes(data)
    return out


def _assert_untouched(project: Path, out: Path) -> None:
    assert {p.name: p.read_bytes() for p in out.iterdir()} == OLD
    assert not [p for p in (project / "output").iterdir() if p.name.startswith(".")]


def run_cli(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "src")}
    return subprocess.run([sys.executable, "-m", "briefing", *args], cwd=project, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("week, fragment", [
    ("2025-60", "week '2025-60' does not exist: 2025 has weeks 01 to 52"),
    ("abc", "week 'abc' is malformed: give an ISO week as YYYY-WW"),
    ("", "WEEK is missing"),
])
def test_bad_week_is_one_line_exit_2(project, week, fragment):
    result = run_cli(project, "build", "--week", week)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and fragment in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "output").exists()


def test_empty_week_names_nearest_weeks_and_writes_nothing(project):
    with pytest.raises(EmptyWeekError) as err:
        build(load_config(project), "2025-46")
    message = str(err.value)
    assert "week 2025-46: no article" in message
    assert "2025-47 (1 article)" in message and "2024-09 (1 article)" in message
    assert not (project / "output" / "2025-46").exists()


def test_empty_week_cli_exit_status(project):
    result = run_cli(project, "build", "--week", "2025-46")
    assert result.returncode == 1 and result.stderr.startswith("briefing: error: week 2025-46: no article")


@pytest.mark.parametrize("name, data, reason", [
    ("latin1.txt", "Caf\xe9 prices rose".encode("latin-1"), "not UTF-8 (byte 0xe9 at offset 3); save it as UTF-8"),
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\n \t\n", "holds only white space"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary file"),
    ("furniture.txt", b"Home / Metal News / x\nFor queries, please contact a@b.cn\n", "no article text found"),
])
def test_unusable_file_is_skipped_with_reason(project, name, data, reason):
    (project / "seeds" / name).write_bytes(data)
    from briefing.corpus import read_articles

    articles, skipped = read_articles(load_config(project))
    assert len(articles) == 2
    assert [(s.path.name, reason in s.reason) for s in skipped] == [(name, True)]
    with pytest.raises(InputError, match=f"{name}: .*--strict"):
        read_articles(load_config(project), strict=True)


def test_syntax_error_in_template_names_file_and_line(project):
    out = _previous_build(project)
    page = project / "templates" / "briefing.html"
    lines = page.read_text(encoding="utf-8").splitlines()
    lines[9] = "{% if briefing.title %}<p>unclosed"
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(TemplateError) as err:
        build(load_config(project), "2025-47")
    assert str(err.value).startswith(f"{page}:")
    assert "template syntax error" in str(err.value)
    _assert_untouched(project, out)


def test_unknown_variable_in_template_names_file_and_line(project):
    out = _previous_build(project)
    macros = project / "templates" / "macros.html"
    text = macros.read_text(encoding="utf-8").replace("{{ c.title }}", "{{ c.no_such_field }}")
    macros.write_text(text, encoding="utf-8")
    line = next(n for n, l in enumerate(text.splitlines(), 1) if "no_such_field" in l)
    with pytest.raises(TemplateError) as err:
        build(load_config(project), "2025-47")
    assert str(err.value).startswith(f"{macros}:{line}: template error:")
    assert "no_such_field" in str(err.value)
    _assert_untouched(project, out)


def test_stale_staging_folder_is_removed(project):
    stale = project / "output" / ".staging-2025-47-99999"
    stale.mkdir(parents=True)
    (stale / "half.pdf").write_bytes(b"half")
    result = build(load_config(project), "2025-47")
    assert not stale.exists() and result.files


def test_config_errors_are_collected(project):
    cfg = project / "briefing.toml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace('title = "Weekly Hot"', "title = 3")
                   + '\ncolour = "red"\n[mail.extra]\n', encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(project)
    message = str(err.value)
    assert "title: expected str, got 3" in message
    assert "mail.extra: unknown setting" not in message  # unknown keys are warnings, not errors


def test_unknown_config_key_warns_and_strict_fails(project, capsys, monkeypatch):
    cfg = project / "briefing.toml"
    cfg.write_text('colour = "red"\n' + cfg.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(project)
    assert cli.main(["weeks"]) == 0
    out = capsys.readouterr()
    assert "colour: unknown setting" in out.err
    assert "2025-47\t1 article\t10 items" in out.out
    assert cli.main(["build", "--week", "2025-47", "--strict"]) == 1
    assert "--strict makes this fatal" in capsys.readouterr().err


def test_cli_build_prints_one_summary_line(project, capsys, monkeypatch):
    (project / "seeds" / "broken.txt").write_bytes(b"\xff\xfe\xfa bad")
    monkeypatch.chdir(project)
    assert cli.main(["build", "--week", "2025-47"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    assert out.startswith("briefing 2025-47: 10 items in 7 sections from 1 article "
                          "(0 duplicates merged, 1 in other weeks, 1 file skipped, 0 items rejected, 0 characters dropped)"
                          " -> output/2025-47/: html, pdf, docx, items.json, 3 charts (10 files) in ")
    assert "skipped: broken.txt (" in out


def test_items_command_csv(project, capsys, monkeypatch):
    monkeypatch.chdir(project)
    assert cli.main(["items", "--week", "2025-47", "--format", "csv"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[0].startswith("section,category,headline,date,companies")
    assert len(rows) == 11
    assert any(r.startswith("equipment,Solid-State Battery Equipment,Hnz Technology") and "300490.SZ" in r for r in rows)
