"""The build's second process and its reuse of charts and PDFs: the same bytes whichever way
they were made, and nothing drawn or printed again when its inputs did not change."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefing import charts, drawing, printing, reuse
from briefing.build import build
from briefing.documents import pdf_job
from briefing.errors import TemplateError
from briefing.printer import Printer

from .conftest import EPOCH, ROOT, copy_project, load_config

WEEK = "2025-47"


def _project(folder: Path, **settings: str) -> Path:
    root = copy_project(folder)
    toml = root / "briefing.toml"
    text = toml.read_text(encoding="utf-8")
    for key, value in settings.items():
        text = text.replace(next(line for line in text.splitlines() if line.startswith(f"{key} =")),
                            f"{key} = {value}")
    toml.write_text(text, encoding="utf-8")
    return root


def _files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def test_two_process_build_gives_the_one_process_bytes(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    two = build(load_config(_project(tmp_path / "two", pdf_process="true", cache='""')), WEEK)
    one = build(load_config(_project(tmp_path / "one", pdf_process="false", cache='""')), WEEK)
    first, second = _files(two.out_dir), _files(one.out_dir)
    assert first.keys() == second.keys() and f"briefing-{WEEK}.pdf" in first
    for name in first:
        assert first[name] == second[name], name
    reader = PdfReader(str(two.out_dir / f"briefing-{WEEK}.pdf"))
    assert len(reader.pages) >= 5 and "Page 2 of" in reader.pages[1].extract_text()


def test_worker_prints_what_this_process_prints(built):
    cfg = load_config(built.out_dir.parents[1])
    job = pdf_job(cfg, (built.out_dir / f"briefing-{WEEK}.html").read_text(encoding="utf-8"))
    here = printing.print_pdf(*job)
    with Printer.start() as printer:
        assert printer.worker is not None
        printer.submit(*job)
        pages = printer.pages()
        pdf = printer.pdf()
    assert pages == here.pages and pages["highlights"] >= 2
    assert pdf == here.pdf


def test_worker_that_dies_is_replaced_by_this_process(built):
    cfg = load_config(built.out_dir.parents[1])
    job = pdf_job(cfg, "<html lang='en'><body><h1 id='top'>Weekly</h1><p>text</p></body></html>")
    with Printer.start() as printer:
        printer.worker.kill()
        printer.worker.wait()
        printer.submit(*job)
        assert printer.pages() == {"top": 1}
        assert printer.worker is None
        pdf = printer.pdf()
    assert pdf == printing.print_pdf(*job).pdf


def test_template_error_in_the_worker_is_raised_here(built, tmp_path):
    cfg = load_config(built.out_dir.parents[1])
    outside = tmp_path / "secret.css"
    outside.write_text("p { color: red }", encoding="utf-8")
    job = pdf_job(cfg, f"<html lang='en'><head><link rel='stylesheet' href='file://{outside}'></head>"
                       f"<body><p>x</p></body></html>")
    with Printer.start() as printer, pytest.raises(TemplateError, match="outside the folders the PDF may read"):
        printer.submit(*job)
        printer.pages()


REBUILD = """
import json, sys
from pathlib import Path
from briefing import config
from briefing.build import build
result = build(config.load(Path(sys.argv[1]))[0], sys.argv[2])
print(json.dumps({"modules": sorted(m for m in sys.modules if m.split(".")[0] in ("matplotlib", "weasyprint")),
                  "charts": result.charts_skipped}))
"""


def _rebuild(root: Path) -> dict:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, "-c", REBUILD, str(root), WEEK], capture_output=True, text=True,
                          env=env, check=True)
    return json.loads(done.stdout.splitlines()[-1])


def test_rebuild_of_the_same_week_draws_and_prints_nothing(tmp_path, monkeypatch):
    """Unchanged chart data and HTML: no matplotlib and no WeasyPrint imported, the same bytes."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    root = _project(tmp_path / "p", pdf_process="false")
    first = build(load_config(root), WEEK)
    before = _files(first.out_dir)
    drawn = len(charts.CHARTS) - len(first.charts_skipped)  # a chart with no data is planned, not kept
    assert drawn == 3 and len(list((root / ".cache" / reuse.CHARTS).glob("*.pickle"))) == drawn
    again = _rebuild(root)
    assert again["modules"] == []
    assert again["charts"] == list(first.charts_skipped)
    assert _files(first.out_dir) == before


def test_changed_chart_data_draws_again(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    root = _project(tmp_path / "p", pdf_process="false")
    first = build(load_config(root), WEEK)
    svg = (first.out_dir / "chart-sections.svg").read_text(encoding="utf-8")
    seed = root / "seeds" / "000_31ebcd339b878c11.txt"
    lines = seed.read_text(encoding="utf-8").splitlines(keepends=True)
    item = next(n for n, line in enumerate(lines) if line.startswith("[") and ":" in line)
    seed.write_text("".join(lines[:item] + lines[item + 1:]), encoding="utf-8")  # one item fewer
    again = _rebuild(root)
    assert "matplotlib" in again["modules"]
    assert (first.out_dir / "chart-sections.svg").read_text(encoding="utf-8") != svg


def test_chart_keys_follow_their_data(built):
    import dataclasses

    b = _briefing(built)
    def keys(briefing):
        return {plan.key: reuse.chart_key(plan) for plan in drawing.plan_all(briefing)[0]}
    same = keys(b)
    assert set(same) == {"sections", "forecasts", "timeline"} and same == keys(b)
    fewer = keys(dataclasses.replace(b, sections=b.sections[1:]))
    assert fewer["sections"] != same["sections"]
    assert fewer["forecasts"] == same["forecasts"]


def _briefing(built):
    from briefing import dates
    from briefing.build import week_briefing
    from briefing.corpus import read_week

    cfg = load_config(built.out_dir.parents[1])
    week, start, end = dates.parse_week(WEEK)
    articles, _, _ = read_week(cfg, week, False)
    return week_briefing(cfg, week, start, end, articles)[0]
