"""The parser on the real-page corpus (``make eval-real``), and the scorer's matching rules on tiny cases.

No figure recorded in ``tests/realworld/scores.json`` may drop by more than 0.002, no page may crash the parser,
and no more furniture lines may become items than recorded. After a deliberate change, re-record with
``make eval-real ARGS=--record`` and review the diff of scores.json.
"""

from __future__ import annotations

import datetime as dt
import json
import dataclasses
import shutil
from types import SimpleNamespace

import pytest

from briefing import realeval, realpages
from briefing.models import UNKNOWN_DAY, Figure, Item, ResolvedDate

SLACK = 0.002
CORPUS = realeval.PAGES.parent


def item(headline: str = "", body: str = "") -> Item:
    return Item(category="", headline=headline, body=body, dates=(), companies=(), figures=(), article="", origin="")


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# ---------------------------------------------------------------- the corpus

@pytest.fixture(scope="module")
def scored():
    if not CORPUS.is_dir():
        pytest.skip(f"the real-page corpus {CORPUS} is absent")
    results, _missing = realeval.score()
    return results, realeval.summary(results)


def rates(summary: dict) -> dict[str, float]:
    """Every precision and recall of a summary, by a dotted name ("fields.items.recall", "kinds.listing.dates")."""
    out = {f"fields.{name}.{k}": row[k] for name, row in summary["fields"].items() for k in ("precision", "recall")}
    out |= {f"kinds.{kind}.{k}": v for kind, row in summary["kinds"].items() for k, v in row.items() if k != "pages"}
    return {k: v for k, v in out.items() if v is not None}


def recorded() -> dict:
    if not realeval.SCORES.is_file():
        pytest.skip("no tests/realworld/scores.json yet: make eval-real ARGS=--record")
    return json.loads(realeval.SCORES.read_text(encoding="utf-8"))


def test_no_recorded_score_drops(scored):
    now = rates(scored[1])
    drops = [f"{name}: recorded {was:.3f}, now {'-' if now.get(name) is None else f'{now[name]:.3f}'}"
             for name, was in rates(recorded()).items() if now.get(name) is None or now[name] < was - SLACK]
    print("\n".join(drops))
    assert not drops, "real-page scores dropped (make eval-real ARGS=-v shows the misses):\n" + "\n".join(drops)


def test_no_page_crashes_the_parser(scored):
    crashes = [f"{r.page.file}: {r.crash}" for r in scored[0] if r.crash]
    assert not crashes, "pages the parser crashed on (not a ValueError):\n" + "\n".join(crashes)


def test_no_more_furniture_items_than_recorded(scored):
    was, now = recorded()["furniture_items"], scored[1]["furniture_items"]
    lines = [f"{r.page.file}: {m}" for r in scored[0] for m in r.misses if m.startswith("furniture item")]
    assert now <= was, f"{now} furniture lines became items (recorded {was}):\n" + "\n".join(lines)


@pytest.fixture
def tiny(tmp_path, monkeypatch):
    """A corpus of one page (p1) and a hold-out of two (e1 present, e2 absent), with one more corpus label (p2)
    whose page is absent."""
    labels, pages, extra = tmp_path / "labels", tmp_path / "pages", tmp_path / "extra"
    for folder in (labels, pages, extra):
        folder.mkdir()
    text = "SMM, November 20, 2025: LME copper rose 2% to $9,348/mt on Thursday November 20, 2025."
    (pages / "p1.txt").write_text(text, encoding="utf-8")
    (extra / "e1.txt").write_text("BEIJING, Nov 20, 2025 - CATL said capacity rose 30% to 100 GWh.", encoding="utf-8")
    (tmp_path / "extra.toml").write_text('[[page]]\nfile = "e1.txt"\nurl = "u"\nkind = "wire"\n'
                                         '[[page]]\nfile = "e2.txt"\nurl = "u"\nkind = "wire"\n', encoding="utf-8")
    for name, kind in (("e1", ""), ("e2", ""), ("p1", "daily-price"), ("p2", "wire")):
        (labels / f"{name}.toml").write_text(
            f'file = "{name}.txt"\nkind = "{kind}"\npublished = "2025-11-20"\n[[item]]\nopening = "LME copper rose"\n'
            'figures = [{ text = "2%", value = 2, unit = "%" }]\n', encoding="utf-8")
    for attr, value in (("LABELS", labels), ("PAGES", pages), ("EXTRA_DIR", extra),
                        ("EXTRA_TOML", tmp_path / "extra.toml")):
        monkeypatch.setattr(realpages, attr, value)
    return SimpleNamespace(extra=extra, pages=pages)


def test_corpus_and_hold_out_are_loaded_apart_and_missing_pages_skipped(tiny):
    found, missing = realeval.load_pages()
    assert [(p.file, p.kind, p.path) for p in found] == [("p1.txt", "daily-price", tiny.pages / "p1.txt")]
    assert missing == ["p2.txt"]
    found, missing = realeval.load_pages(extra=True)
    assert [(p.file, p.kind, p.path) for p in found] == [("e1.txt", "wire", tiny.extra / "e1.txt")]
    assert missing == ["e2.txt"]


def test_recorded_scores_ignore_the_hold_out(tiny):
    with_extra = realeval.summary(realeval.score()[0])
    shutil.rmtree(tiny.extra)
    without = realeval.summary(realeval.score()[0])
    assert with_extra == without and with_extra["pages"] == 1 and list(with_extra["kinds"]) == ["daily-price"]
    assert with_extra["fields"]["items"]["labels"] == 1


def test_hold_out_pages_absent_are_skipped_not_missed(tiny):
    results, missing = realeval.score(extra=True)
    assert [r.page.file for r in results] == ["e1.txt"] and missing == ["e2.txt"]
    assert realeval.summary(results)["fields"]["items"]["labels"] == 1
    shutil.rmtree(tiny.extra)
    results, missing = realeval.score(extra=True)
    assert results == [] and missing == ["e1.txt", "e2.txt"]
    assert all(row["labels"] == 0 for row in realeval.summary(results)["fields"].values())
    assert "2 labelled pages missing, skipped" in realeval.render(results, missing, title="hold-out")[0]


def test_the_hold_out_is_never_recorded(tiny, monkeypatch, tmp_path):
    monkeypatch.setattr(realeval, "SCORES", tmp_path / "scores.json")
    assert realeval.main(["--extra", "--record"]) == 2 and not (tmp_path / "scores.json").exists()
    assert realeval.main(["--only", "p1", "--record"]) == 2 and not (tmp_path / "scores.json").exists()


def test_a_subset_is_scored_by_file_name_prefix(tiny, capsys):
    results, missing = realeval.score(extra=True, only="e2")
    assert results == [] and missing == ["e2.txt"]
    results, missing = realeval.score(extra=True, only="x,e1")
    assert [r.page.file for r in results] == ["e1.txt"] and missing == []
    assert realeval.main(["--extra", "--only", "e1"]) == 0
    assert capsys.readouterr().out.startswith("parser accuracy on 1 hold-out pages")


# ---------------------------------------------------------------- matching rules

@pytest.mark.parametrize("a, b", [
    ("USD/tonne", "usd/mt"), ("$ per ton", "USD/mt"), ("RMB/mt", "yuan/ton"), ("元/噸", "CNY/t"), ("元/吨", "yuan/mt"),
    ("per cent", "%"), ("percent", "%"), ("metric tons", "mt"), ("US$/T", "usd/mt"), ("days", "day"),
    ("yuan per ton", "yuan/mt"), ("Yuan", "yuan"),
])
def test_units_agree(a, b):
    assert realeval.norm_unit(a) == realeval.norm_unit(b)


@pytest.mark.parametrize("a, b", [("MW", "MWh"), ("%", "percentage points"), ("USD/mt", "USD/kg"), ("yuan", "USD"),
                                  ("USD/mt", "USD/dmt")])
def test_units_differ(a, b):
    assert realeval.norm_unit(a) != realeval.norm_unit(b)


def figure(text: str, value: float, unit: str, **kw) -> Figure:
    return Figure(text=text, value=value, unit=unit, **kw)


def agree(label: dict, parsed: Figure) -> bool:
    return any(realeval.label_quantity(label).agrees(q) for q in realeval.figure_quantities(parsed))


def test_values_agree_within_half_a_percent_only():
    label = {"text": "28,076 yuan/mt", "value": 28076, "unit": "yuan/mt"}
    assert agree(label, figure("28,076 yuan/mt", 28076, "yuan/mt", currency="CNY", per="mt"))
    assert agree(label, figure("28,100 yuan/mt", 28100, "yuan/mt", currency="CNY", per="mt"))
    assert not agree(label, figure("28,376 yuan/mt", 28376, "yuan/mt", currency="CNY", per="mt"))
    assert not agree(label, figure("28,076 USD/mt", 28076, "USD/mt", currency="USD", per="mt"))


def test_ranges_agree_only_with_ranges():
    label = {"text": "28,060-28,280 yuan/mt", "low": 28060, "high": 28280, "unit": "yuan/mt"}
    assert agree(label, figure(label["text"], 28060, "yuan/mt", low=28060, high=28280, currency="CNY", per="mt"))
    assert not agree(label, figure("28,060 yuan/mt", 28060, "yuan/mt", currency="CNY", per="mt"))
    assert not agree(label, figure(label["text"], 28060, "yuan/mt", low=28060, high=29280, currency="CNY", per="mt"))
    single = {"text": "28,060 yuan/mt", "value": 28060, "unit": "yuan/mt"}
    assert not agree(single, figure(label["text"], 28060, "yuan/mt", low=28060, high=28280, currency="CNY", per="mt"))


def test_a_pair_is_two_figures():
    pair = figure("200MW/800MWh", 200, "MW/MWh", second=800)
    assert agree({"text": "200MW", "value": 200, "unit": "MW"}, pair)
    assert agree({"text": "800MWh", "value": 800, "unit": "MWh"}, pair)
    assert not agree({"text": "800MW", "value": 800, "unit": "MW"}, pair)


def test_a_per_unit_the_text_does_not_write_is_optional():
    bare = figure("$9,348", 9348, "USD", currency="USD")
    assert agree({"text": "$9,348", "value": 9348, "unit": "USD/tonne"}, bare)
    assert agree({"text": "$9,348", "value": 9348, "unit": "USD/tonne"}, figure("$9,348", 9348, "USD/mt",
                                                                                  currency="USD", per="mt"))
    assert not agree({"text": "$9,348 a tonne", "value": 9348, "unit": "USD/tonne"}, bare)
    assert not agree({"text": "$937/T", "value": 937, "unit": "USD/T"}, figure("$937", 937, "USD", currency="USD"))


def test_chinese_tokens_are_characters():
    assert realeval.tokens("宁德时代于2026年1月") == ["宁", "德", "时", "代", "于", "2026", "年", "1", "月"]
    assert realeval.tokens("公司Electrovaya(纳斯达克") == ["公", "司", "electrovaya", "纳", "斯", "达", "克"]
    assert realeval.opening_matches(realeval.tokens("上周五MB钴价格"), item(body="上周五MB钴价格全线下跌"))


def test_openings():
    opening = realeval.tokens("On November 20, the SMM battery-grade")
    assert realeval.opening_matches(opening, item(body="SMM November 20 News: On November 20, the SMM battery-grade "
                                                       "nickel sulphate index"))
    assert realeval.opening_matches(opening, item(headline="On November 20, the SMM", body="battery-grade index"))
    late = " ".join(f"w{n}" for n in range(15))
    assert not realeval.opening_matches(opening, item(body=f"{late} On November 20, the SMM battery-grade"))
    assert not realeval.opening_matches(opening, item(body="On November 21, the SMM battery-grade"))
    assert not realeval.opening_matches([], item(body="anything"))
    assert realeval.opening_matches(realeval.tokens("Copper"), item(headline="Copper: prices", body="LME copper"))


def test_items_match_one_to_one_in_page_order():
    items = [item("Copper", "LME copper rose"), item("Zinc", "LME zinc fell")]
    wanted = [realeval.tokens(t) for t in ("LME copper", "LME copper", "LME zinc")]
    matched, extra = realeval.greedy(wanted, items, realeval.opening_matches)
    assert matched == [items[0], None, items[1]] and extra == []


@pytest.mark.parametrize("a, b, same", [
    ("Hymson Laser Technology Group Co., Ltd.", "Hymson Laser Technology", True),
    ("Tesla", "Tesla Inc.", True), ("CATL", "catl", True), ("Gotion High-tech", "Gotion", True),
    ("宁德时代", "宁德时代新能源科技股份有限公司", True), ("Sun", "Sunwoda", False), ("BYD", "CATL", False),
    ("Co., Ltd.", "Yinglian Co., Ltd.", False),
])
def test_company_names(a, b, same):
    assert realeval.names_match(a, b) is same


def test_dates_and_the_published_date():
    assert realeval.date_key(ResolvedDate(day("2025-05-26"), "5.26-5.30", True, "", end=day("2025-05-30"))) \
        == "2025-05-26/2025-05-30"
    assert realeval.date_key(ResolvedDate(day("2025-11-20"), "November 20", False, "")) == "2025-11-20"
    stated = SimpleNamespace(date=ResolvedDate(day("2025-08-07"), "Aug 7, 2025", True, ""))
    inferred = SimpleNamespace(date=ResolvedDate(day("2025-11-20"), "November 20", False, ""))
    unknown = SimpleNamespace(date=ResolvedDate(UNKNOWN_DAY, "", False, "no date", kind="unknown"))
    assert realeval.page_date(unknown) == (None, False)
    cases = [("2025-08-07", stated, 1), ("2025-08-08", stated, 0), ("unknown", stated, 0), ("unknown", inferred, 1),
             ("unknown", unknown, 1), ("2025-11-20", inferred, 1), ("2025-11-20", None, 0)]
    for want, article, tp in cases:
        r = realeval.Result(realeval.Page("p.txt", "wire", realeval.PAGES / "p.txt", {}))
        r.score_published(want, article)
        assert (r.scores["published"].tp, r.scores["published"].predicted) == (tp, int(article is not None)), want


def test_furniture_lines_that_became_items():
    assert realeval.is_furniture_item("Got it", item(headline="Got it", body=""))
    titled = item(headline="Eskom issues notice", body="Eskom has issued a notice")
    assert not realeval.is_furniture_item("Eskom issues notice", dataclasses.replace(titled, article="Eskom issues notice"))
    assert realeval.is_furniture_item("Eskom issues notice", titled)
    assert realeval.is_furniture_item("- SMM", item(headline="", body="SMM\nLME copper rose"))
    assert not realeval.is_furniture_item("- SMM", item(headline="", body="SMM learned that copper rose"))
    assert realeval.is_furniture_item("For queries, please contact Lemon Zhao",
                                      item(body="For queries, please contact Lemon Zhao at lemonzhao@smm.cn"))
    assert not realeval.is_furniture_item("Related news", item(headline="Copper", body="Related copper news"))


def test_a_code_counts_only_where_the_page_writes_it():
    assert realeval.is_written("03750.HK", "CATL (3750) rose")
    assert realeval.is_written("300750.SZ", "CATL 300750.SZ rose")
    assert not realeval.is_written("300750.SZ", "CATL rose 3007500 times")
    assert realeval.is_written("ALB", "Albemarle (NYSE: ALB) rose") and not realeval.is_written("ALB", "ALBA rose")


# ---------------------------------------------------------------- the corpus as one week

def test_every_real_page_builds_into_one_week(tmp_path):
    """All the real pages dropped into one week's folder, as an analyst drops a week's articles: the
    build ends well (no page, character or layout stops it) and every page is in the briefing."""

    import pypdf
    from docx import Document

    from .conftest import ROOT, copy_project
    from .test_failures import run_cli

    if not realeval.PAGES.is_dir():
        pytest.skip(f"the real-page corpus {realeval.PAGES} is absent")
    project = copy_project(tmp_path / "project")
    shutil.copytree(ROOT / "data", project / "data")
    shutil.rmtree(project / "seeds")
    week = project / "seeds" / "2025-47"
    week.mkdir(parents=True)
    pages = sorted(realeval.PAGES.glob("*.txt"))
    for page in pages:
        shutil.copy(page, week / page.name)
    result = run_cli(project, "build", "--week", "2025-47")
    assert result.returncode == 0, result.stderr
    assert f"from {len(pages)} articles" in result.stdout and "0 files skipped" in result.stdout, result.stdout
    out = project / "output" / "2025-47"
    items = json.loads((out / "items.json").read_text(encoding="utf-8"))
    told = {source["title"] for s in items["sections"] for i in s["items"] for source in i["sources"]}
    assert len(items["articles"]) == len(pages) and len(told) > len(pages) * 0.9, (len(items["articles"]), len(told))
    pdf = pypdf.PdfReader(out / "briefing-2025-47.pdf")
    assert len(pdf.pages) > 10 and any("Sources" in page.extract_text() for page in pdf.pages[-8:])
    assert len(Document(str(out / "briefing-2025-47.docx")).paragraphs) > 300
