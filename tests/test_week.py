"""A multi-article week: duplicates merged with every source, provenance in every
output, prices in the market section, the summary line, the parse cache, and
`briefing parse`."""

from __future__ import annotations

import re

import io
import json
import shutil
from pathlib import Path

import pytest

from briefing import corpus
from briefing import cache, cli, dedup, ingest, parse
from briefing.build import build
from briefing.corpus import read_week

from .conftest import EPOCH, copy_project, load_config

WEEK = Path(__file__).resolve().parent / "fixtures" / "week"


@pytest.fixture(scope="module")
def week_build(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("week") / "project")
    shutil.copytree(WEEK, root / "seeds" / "2025-46")
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
    mp.chdir(root)
    try:
        out = io.StringIO()
        mp.setattr("sys.stdout", out)
        assert cli.main(["build", "--week", "2025-46"]) == 0
    finally:
        mp.undo()
    return root, out.getvalue()


def test_summary_counts_articles_items_duplicates_and_skips(week_build):
    _, line = week_build
    assert line.startswith("briefing 2025-46: 4 items in ")
    assert ("in 1 section from 3 articles (2 duplicates merged, 2 in other weeks, 0 files skipped, 0 items rejected, "
            "0 characters dropped)") in line
    assert line.count("\n") == 1


def test_items_json_lists_every_source_of_a_merged_item(week_build):
    root, _ = week_build
    doc = json.loads((root / "output" / "2025-46" / "items.json").read_text(encoding="utf-8"))
    items = {i["headline"]: i for s in doc["sections"] for i in s["items"]}
    assert len(items) == 4
    cobalt = items["Refined Cobalt Rises on Export Quotas"]
    assert [(s["file"], s["date"]) for s in cobalt["sources"]] == [
        ("2025-11-11_cobalt.txt", "2025-11-11"), ("2025-11-14_review.txt", "2025-11-14")]
    lithium = items["Carbonate Steady"]
    assert lithium["sources"][0]["url"] == "https://example.com/news/lithium-daily-1112"
    assert all(i["sources"] for i in items.values())


def test_html_shows_provenance_price_table_and_chart(week_build):
    import lxml.html

    root, _ = week_build
    page = lxml.html.parse(str(root / "output" / "2025-46" / "briefing-2025-46.html")).getroot()
    provenance = page.cssselect("article.item .provenance")
    assert len(provenance) == 4
    told = [p for p in provenance if p.text_content().startswith("Sources:")]
    assert told and all(".txt" not in p.text_content() for p in provenance)  # sites and dates, never file names
    assert any(re.search(r"Sources: SMM, 1\d Nov 2025; SMM, 1\d Nov 2025", p.text_content()) for p in told)
    rows = page.cssselect("#overview table.prices tbody tr")
    assert len(rows) == 4
    cells = {r.cssselect("th, td")[0].text_content(): r.cssselect("th, td")[1].text_content() for r in rows}
    assert cells["Refined cobalt"] == "242,000–246,000"
    assert page.cssselect("#overview #chart-prices svg")


def test_pdf_and_docx_show_provenance_and_prices(week_build):
    import docx
    from pypdf import PdfReader

    root, _ = week_build
    text = " ".join(p.extract_text() for p in PdfReader(root / "output" / "2025-46" / "briefing-2025-46.pdf").pages)
    assert "Prices this week" in text and "Sources: SMM, 11 Nov 2025; SMM, 14 Nov 2025" in text
    assert ".txt" not in text
    document = docx.Document(str(root / "output" / "2025-46" / "briefing-2025-46.docx"))
    paragraphs = [p.text for p in document.paragraphs]
    assert any("Sources: SMM, 11 Nov 2025; SMM, 14 Nov 2025" in p for p in paragraphs)
    prices = document.tables[0]
    assert [c.text for c in prices.rows[0].cells] == ["Product", "Price", "Unit", "Change", "Date", "Source"]
    assert len(prices.rows) == 5
    assert any(s._inline.docPr.get("title", "").startswith("Prices this week") for s in document.inline_shapes)


def _items(folder: Path):
    out = []
    for path in sorted(folder.rglob("*.*")):
        result = ingest.read_all(path)
        out += [i for s in result for i in parse.parse(s).items]
    return out


def test_two_translations_and_a_repeat_are_merged_but_different_days_are_not():
    items = _items(WEEK)
    merged, count = dedup.merge(items)
    assert count == 2 and len(merged) == 4
    a, b = items[0], items[1]  # refined cobalt vs cobalt sulphate: same day, other news
    assert not dedup.same_news(a, b)


def test_cache_reparses_only_changed_files(project, monkeypatch):
    cfg = load_config(project)
    shutil.copytree(WEEK, project / "seeds" / "2025-46")
    parsed: list[str] = []
    real = corpus.parse_file
    monkeypatch.setattr(corpus, "parse_file", lambda path, data: parsed.append(path.name) or real(path, data))
    first, counts, _ = read_week(cfg, "2025-46")
    assert len(parsed) == 5 and len(first) == 3 and counts["2025-46"] == 3
    parsed.clear()
    again, counts_again, _ = read_week(cfg, "2025-46")
    assert parsed == [] and again == first and counts_again == counts
    changed = project / "seeds" / "2025-46" / "daily" / "2025-11-11_cobalt.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    (project / "seeds" / "2025-46" / "daily" / "2025-11-12_lithium.meta.toml").write_text(
        'title = "Pinned"\n', encoding="utf-8")
    read_week(cfg, "2025-46")
    assert sorted(parsed) == ["2025-11-11_cobalt.txt", "2025-11-12_lithium.md"]
    parsed.clear()
    monkeypatch.setattr(cache, "parser_version", lambda: "another parser")
    read_week(cfg, "2025-46")
    assert len(parsed) == 5


def test_damaged_cache_is_rebuilt(project):
    cfg = load_config(project)
    read_week(cfg, None)
    (cfg.cache_dir / cache.FILE_NAME).write_bytes(b"not a pickle")
    articles, _, skipped = read_week(cfg, None)
    assert len(articles) == 2 and not skipped


def test_parse_command_prints_json(tmp_path, capsys):
    fixture = Path(__file__).resolve().parent / "fixtures" / "formats"
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    assert cli.main(["parse", str(fixture / "12_year_boundary_range.txt"), str(fixture / "37_feed.xml"), str(bad)]) == 0
    doc = json.loads(capsys.readouterr().out)
    first, feed, empty = doc["files"]
    (article,) = first["articles"]
    assert article["date"]["how"] == "the page's publication stamp"
    assert article["period"] == {"value": "2025-12-26", "text": "December 26-31, 2025", "explicit": True,
                                 "how": "written in full", "end": "2025-12-31", "kind": "range"}
    item = article["items"][0]
    assert item["dates"][0]["explicit"] is False and item["figures"][0]["unit"] == "yuan/mt"
    assert {f["kind"] for f in article["furniture"]} == {"stamp", "source"}
    assert [a["part"] for a in feed["articles"]] == ["entry 1", "entry 2"]
    assert empty["articles"] == [] and empty["skipped"][0].startswith("empty file")


def test_parse_command_missing_file_is_one_line_error(capsys):
    assert cli.main(["parse", "no-such-file.txt"]) == 2
    assert capsys.readouterr().err.startswith("briefing: error: no-such-file.txt: no such file")


def test_project_alias_table_is_used_and_invalidates_the_cache(project):
    cfg = load_config(project)
    (project / "seeds" / "co.txt").write_text(
        "Deals\niconNov 12, 2025 10:00\nSource:SMM\n\n[Cells: Deal] On November 11, Acme Cells signed a deal.\n",
        encoding="utf-8")
    table = project / "data" / "companies.csv"
    table.parent.mkdir()
    table.write_text("key,name,aliases,codes\nacme,\"Acme Cells Co., Ltd.\",Acme Cells|Acme,300999.SZ\n",
                     encoding="utf-8")
    try:
        articles, _, _ = read_week(cfg, "2025-46")
        (company,) = articles[0].items[0].companies
        assert (company.key, company.canonical, company.codes) == ("acme", "Acme Cells Co., Ltd.", ("300999.SZ",))
        table.write_text("key,name,aliases,codes\n", encoding="utf-8")
        articles, _, _ = read_week(cfg, "2025-46")
        assert articles[0].items[0].companies == ()
    finally:
        from briefing.parse import companies

        companies.use_aliases(companies.ALIASES_FILE)


def test_price_table_is_a_dataframe_of_the_weeks_prices():
    from briefing import prices

    items, _ = dedup.merge(_items(WEEK))
    frame = prices.table(prices.collect(items))
    assert list(frame.columns) == prices.COLUMNS
    rows = frame[["product", "value", "low", "high", "unit"]].astype(object)
    assert rows.where(rows.notna(), None).values.tolist() == [
        ["Battery-grade lithium carbonate", 82000.0, 81000.0, 83000.0, "yuan/mt"],
        ["Cobalt sulphate", 52000.0, None, None, "yuan/mt"],
        ["Nickel sulphate", 28500.0, None, None, "yuan/mt"],
        ["Refined cobalt", 244000.0, 242000.0, 246000.0, "yuan/mt"],
    ]
    assert str(frame["date"][0]) == "2025-11-12" and "review" not in frame["source"][0].file


def test_a_bids_unit_price_is_a_figure_of_its_item_not_a_price():
    from briefing import prices

    (item,) = [i for i in _items(Path(__file__).resolve().parent.parent / "seeds") if "Wuhai" in i.headline]
    assert prices.collect([item]) == ()
    assert any((f.value, f.unit) == (0.55, "yuan/Wh") for f in item.figures)


def test_parallel_parse_gives_what_one_process_gives(monkeypatch):
    fixtures = Path(__file__).resolve().parent / "fixtures" / "formats"
    jobs = [(p, p.read_bytes()) for p in ingest.discover(fixtures)]
    monkeypatch.setattr(corpus, "PARALLEL_FROM", 2)
    together = corpus.parse_files(jobs, 2)
    alone = corpus.parse_files(jobs, 1)
    assert [(e.weeks, e.skipped, e.articles()) for e in together] == [(e.weeks, e.skipped, e.articles()) for e in alone]
