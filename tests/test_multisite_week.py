"""A week of many articles from several sites, read back as a reader reads it: highlights that sum the
week up, each paragraph once, every item in full or in the appendix, a short PDF, sources by site,
no file names; and a narrative week whose headlines are whole clauses."""

from __future__ import annotations

import json
import math
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from briefing.build import build

from .conftest import EPOCH, copy_project, load_config
from .weekgen import SITES, WEEK, write_week

ARTICLES = 24


class _Page(HTMLParser):
    """Texts of the HTML's paragraphs and list entries, and every element id."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.blocks: list[tuple[str, str, dict]] = []  # (tag, text, attributes)
        self._open: list[tuple[str, dict, list[str]]] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag in ("svg", "style"):
            self._skip += 1
        if tag in ("p", "li", "h2", "h3", "h4", "caption", "figcaption"):
            self._open.append((tag, attrs, []))

    def handle_endtag(self, tag):
        if tag in ("svg", "style"):
            self._skip -= 1
        if self._open and self._open[-1][0] == tag:
            name, attrs, parts = self._open.pop()
            self.blocks.append((name, " ".join("".join(parts).split()), attrs))

    def handle_data(self, data):
        if not self._skip:
            for _, _, parts in self._open:
                parts.append(data)


@pytest.fixture(scope="module")
def week(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("multisite") / "project")
    shutil.rmtree(root / "seeds")
    write_week(root / "seeds" / WEEK, ARTICLES)
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
    try:
        result = build(load_config(root), WEEK)
    finally:
        mp.undo()
    page = _Page()
    page.feed((result.out_dir / f"briefing-{WEEK}.html").read_text(encoding="utf-8"))
    items = json.loads((result.out_dir / "items.json").read_text(encoding="utf-8"))
    return result, page, items


def _section(page: _Page, start: str, stop: str) -> list[tuple[str, str, dict]]:
    """The blocks between the heading ``start`` and the next heading ``stop``."""
    names = [text for tag, text, _ in page.blocks]
    return page.blocks[names.index(start) + 1:names.index(stop)] if start in names else []


def test_duplicates_are_merged_and_all_articles_read(week):
    result, _, items = week
    assert result.articles == ARTICLES
    assert result.duplicates >= ARTICLES // 2  # a third of the stories are told again on another site
    told = [len(i["sources"]) for s in items["sections"] for i in s["items"]]
    assert len(told) >= 2 * ARTICLES and max(told) >= 2


def test_highlights_sum_the_week_up(week):
    _, page, items = week
    blocks = [b for b in page.blocks if b[1]]
    at = [n for n, b in enumerate(blocks) if b[0] == "h2" and b[1] == "Highlights"][0]
    paragraph = blocks[at + 1]
    assert paragraph[0] == "p"
    assert 15 <= len(paragraph[1].split()) <= 120
    headlines = {i["headline"]: i["id"] for s in items["sections"] for i in s["items"]}
    points = [text for tag, text, attrs in blocks[at + 2:at + 12] if tag == "li"]
    points = points[:next((n for n, t in enumerate(points) if t not in headlines), len(points))]
    assert 3 <= len(points) <= 6
    assert all(text in headlines for text in points)  # each point names a real item of the week
    assert all(f"item-{headlines[text]}" in page.ids or f"brief-{headlines[text]}" in page.ids for text in points)


def test_no_paragraph_is_printed_twice(week):
    _, page, _ = week
    paragraphs = [text for tag, text, _ in page.blocks if tag == "p" and len(text) > 40]
    repeated = {text for text in paragraphs if paragraphs.count(text) > 1}
    assert not repeated


def test_every_item_is_in_full_or_in_the_appendix(week):
    _, page, items = week
    ids = [i["id"] for s in items["sections"] for i in s["items"]]
    full = {i for i in ids if f"item-{i}" in page.ids}
    brief = {i for i in ids if f"brief-{i}" in page.ids}
    assert full | brief == set(ids) and not full & brief
    assert brief, "a week of this size has more items than the body shows"
    per_section = [sum(1 for i in s["items"] if i["id"] in full) for s in items["sections"]]
    assert max(per_section) <= 8


def test_pdf_is_short(week):
    result, page, items = week
    reader = PdfReader(str(result.out_dir / f"briefing-{WEEK}.pdf"))
    full = sum(1 for s in items["sections"] for i in s["items"] if f"item-{i['id']}" in page.ids)
    assert len(reader.pages) <= 6 + math.ceil(full / 4), (len(reader.pages), full)
    text = " ".join(p.extract_text() or "" for p in reader.pages)
    assert "More items this week" in text


def test_sources_list_each_article_once_by_site(week):
    _, page, _ = week
    names = [text for tag, text, _ in page.blocks]
    at = len(names) - 1 - names[::-1].index("Sources")
    after = page.blocks[at + 1:]
    sites = [text for tag, text, _ in after if tag == "h3"]
    entries = [text for tag, text, _ in after if tag == "li"]
    assert sorted(sites) == sorted(SITES)
    assert len(entries) == ARTICLES == len(set(entries))


def test_no_file_names_in_any_format(week):
    result, page, _ = week
    shown = " ".join(text for _, text, _ in page.blocks)
    pdf = " ".join(p.extract_text() or "" for p in PdfReader(str(result.out_dir / f"briefing-{WEEK}.pdf")).pages)
    docx = " ".join(p.text for p in Document(str(result.out_dir / f"briefing-{WEEK}.docx")).paragraphs)
    for text in (shown, pdf, docx):
        assert not re.search(r"\b\d{3}_\w+\.txt\b", text)


def test_item_meta_is_compact(week):
    _, page, _ = week
    metas = [text for tag, text, attrs in page.blocks if tag == "p" and attrs.get("class") == "meta"]
    assert metas
    for text in metas:
        assert "Weekly" not in text and "Roundup" not in text  # no article title repeated
        cited = re.findall(r"(?:" + "|".join(map(re.escape, SITES)) + r"), \d{2} \w{3} \d{4}", text)
        assert 1 <= len(cited) <= 3, text
        if "more" in text:
            assert re.search(r"and \d+ more", text)


def test_market_overview_has_one_paragraph_per_product(week):
    _, page, _ = week
    markets = [text for tag, text, attrs in page.blocks if attrs.get("class") == "market"]
    products = [text.split(".")[0] for text in markets]
    assert "Lithium carbonate" in products and len(products) == len(set(products))
    sentences = [s for text in markets for s in re.split(r"(?<=\.)\s+", text)]
    assert len(sentences) == len(set(sentences))
    lithium = markets[products.index("Lithium carbonate")]
    assert "yuan/mt" in lithium and re.search(r"\((?:[^()]*\d{4})\)$", lithium)


def test_one_article_week_keeps_its_highlights(built):
    html = (built.out_dir / "briefing-2025-47.html").read_text(encoding="utf-8")
    page = _Page()
    page.feed(html)
    names = [text for tag, text, _ in page.blocks]
    at = [n for n, (tag, text, _) in enumerate(page.blocks) if tag == "h2" and text == "Highlights"][0]
    paragraph = page.blocks[at + 1][1]
    assert paragraph.startswith("Industry consensus this week")  # the desk's own summary leads
    assert len(paragraph.split()) <= 120
    assert "More items this week" not in names  # ten items: every one in full


def test_narrative_week_headlines_are_whole_clauses(tmp_path, monkeypatch):
    root = copy_project(tmp_path / "project")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    result = build(load_config(root), "2024-09")
    items = json.loads((result.out_dir / "items.json").read_text(encoding="utf-8"))
    headlines = [i["headline"] for s in items["sections"] for i in s["items"]]
    assert len(headlines) >= 5
    pdf = " ".join(" ".join((p.extract_text() or "").split())
                   for p in PdfReader(str(result.out_dir / "briefing-2024-09.pdf")).pages)
    for headline in headlines:
        assert headline in pdf
        assert "…" not in headline and not headline.startswith(("Currently", '"', "“"))
        assert 3 <= len(headline.split()) <= 14
        assert headline.split()[-1].lower() not in {"of", "in", "the", "a", "and", "to", "with", "for", "such"}


def _empty_headings(page: _Page) -> list[str]:
    """Headings followed by nothing but another heading of the same or a higher level."""
    rank = {"h2": 2, "h3": 3, "h4": 4}
    heads = [(tag, text) for tag, text, _ in page.blocks if text]
    return [text for (tag, text), (after, _) in zip(heads, heads[1:] + [("h2", "")])
            if tag in rank and after in rank and rank[after] <= rank[tag]]


def test_no_heading_stands_empty(week):
    _, page, _ = week
    assert not _empty_headings(page)


def test_a_week_without_prices_forecasts_or_highlights_leaves_them_out(tmp_path, monkeypatch):
    from .weekgen import STORIES, _listing

    root = copy_project(tmp_path / "project")
    shutil.rmtree(root / "seeds")
    plain = [s for s in STORIES if "yuan/mt" not in s[2] and not re.search(r"20\d\d", s[2])][:4]
    (root / "seeds" / WEEK).mkdir(parents=True)
    (root / "seeds" / WEEK / "roundup.txt").write_text(_listing("Cell Journal", 21, plain, 1), encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    result = build(load_config(root), WEEK)
    page = _Page()
    page.feed((result.out_dir / f"briefing-{WEEK}.html").read_text(encoding="utf-8"))
    titles = [text for tag, text, _ in page.blocks if tag == "h2"]
    assert "Market overview" not in titles and "Forecasts and outlook" not in titles
    assert "More items this week" not in titles
    assert not _empty_headings(page)
    assert result.items == 4
