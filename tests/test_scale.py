"""Large inputs: a file too big to be an article is refused with its reason and the week is built; the
charts stay bounded however many items a week has; the parser's steps that compared or re-read what came
before (repeated paragraphs, blocks joined to an item) give what they gave when they did so, in one pass.
No timings here: `make bench` (bench/bench_scale.py) measures them."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random
import re
from pathlib import Path

import pytest

from briefing import chartkinds, charts, dates, group, ingest
from briefing.corpus import parse_file
from briefing.models import Article, Skipped
from briefing.parse import page
from briefing.parse.patterns import CREDIT
from briefing.parse.shapes import State

from .conftest import load_config
from .test_failures import run_cli

HEAD = "Copper notes\nNov 20, 2025 10:00\nSource:SMM\n\n"


def dated_page(count: int, forecasts: int = 0) -> str:
    """A page of ``count`` items, each with its own company and day, then ``forecasts`` forecast paragraphs."""
    lines = [HEAD]
    for n in range(count):
        day = dt.date(2025, 11, 1) + dt.timedelta(days=n % 40)
        lines.append(f"[Copper: Plant {n} Starts] On {day:%B} {day.day}, 2025, Smelter{n} Mining Co., Ltd. "
                     f"started line {n} with {100 + n} tonnes of output.")
    for n in range(forecasts):
        lines.append(f"Output is expected to reach {10 + n} GWh by {2026 + n % 5}, the desk said.")
    return "\n".join(lines) + "\n"


def week_briefing(text: str, name: str = "page.txt"):
    articles = [a for a in parse_file(Path(name), text.encode()) if isinstance(a, Article)]
    week, start, end = dates.parse_week("2025-47")
    return group.group(load_config(Path(__file__).resolve().parent.parent), week, start, end, articles)


# ---------------------------------------------------------------- charts

def test_the_timeline_shows_at_most_its_rows_and_its_alt_text_says_how_many_of_how_many():
    briefing = week_briefing(dated_page(60))
    dated = [i for i in briefing.items if i.date]
    assert len(dated) == 60
    chart = charts.draw_one("timeline", briefing)
    rows = chart.alt.split(": ", 1)[1].split("; ")
    assert len(rows) == charts.TIMELINE_ROWS == 24
    assert chart.alt.startswith("Timeline of 24 of 60 dated items (those dated in the week first")
    assert chart.title == "Timeline of the week's events (24 of 60)"
    shown, total = chartkinds.timeline_events(briefing)
    assert total == 60 and len(shown) == 24
    in_week = {i.headline for i in dated if briefing.start <= i.date <= briefing.end}
    assert len(in_week) == 11 and in_week <= {i.headline for _, i in shown}  # the week's own events first
    others = sorted((i.date for i in dated if i.headline not in in_week), reverse=True)
    assert sorted(d for d, i in shown if i.headline not in in_week) == sorted(others[:13])  # then the latest
    assert [day for day, _ in shown] == sorted(day for day, _ in shown)
    assert chart.svg.count("<title>") == 1 and "24 of 60" in chart.svg


def test_a_short_timeline_shows_every_dated_item_and_says_nothing_more():
    briefing = week_briefing(dated_page(5))
    chart = charts.draw_one("timeline", briefing)
    assert chart.alt.startswith("Timeline of 5 dated items from") and "(those dated" not in chart.alt
    assert chart.title == "Timeline of the week's events"


def test_items_told_by_more_sources_are_shown_before_other_items_of_the_week():
    briefing = week_briefing(dated_page(40))
    in_week = [i for i in briefing.items if briefing.start <= i.date <= briefing.end]
    told_twice = in_week[0]
    more = dataclasses.replace(told_twice, sources=told_twice.sources * 2)
    sections = tuple(dataclasses.replace(s, items=tuple(more if i is told_twice else i for i in s.items))
                     for s in briefing.sections)
    shown, _ = chartkinds.timeline_events(dataclasses.replace(briefing, sections=sections), most=1)
    assert [i for _, i in shown] == [more]


def test_the_forecast_chart_shows_the_largest_figures_and_says_how_many_of_how_many():
    briefing = week_briefing(dated_page(2, forecasts=30))
    chart = charts.draw_one("forecasts", briefing)
    assert chart.alt.startswith("Bar chart of forecast figures in GWh (the 16 largest of 30): "), chart.alt[:120]
    values = [int(v) for v in re.findall(r"(\d+) GWh in", chart.alt)]
    assert len(values) == 16 and min(values) == 24



def bar_rows(svg: str, color: str) -> int:
    """The rows the filled rectangles of one colour (the bars) stand on in a matplotlib SVG: bars
    drawn over each other count once."""
    starts = re.findall(rf'<path d="M [\d.]+ ([\d.]+)[^"]*z\s*"(?: clip-path="[^"]*")? style="fill: {color}"', svg)
    return len(set(starts))


def test_bars_whose_labels_read_the_same_are_still_one_bar_each():
    briefing = week_briefing(dated_page(2, forecasts=10))  # ten forecasts of "Output", five distinct years
    chart = charts.draw_one("forecasts", briefing)
    assert len(set(re.findall(r"Output \d+ GWh in (\d{4})", chart.alt))) == 5
    assert bar_rows(chart.svg, charts.INK) == 10

# ---------------------------------------------------------------- files too large to be an article

BIG = {
    "line.txt": lambda: (HEAD + "[Copper: Line] " + "The smelter raised output again. " * 620_000 + "\n"),
    "long.md": lambda: (HEAD + "[Copper: Line] " + "The smelter raised output again. " * 30_000 + "\n"),
    "lines.txt": lambda: HEAD + "a\n" * 100_000,
    "list.json": lambda: json.dumps([{"headline": f"Item {n}", "body": "x"} for n in range(20_000)]),
}


@pytest.mark.parametrize("name", list(BIG))
def test_a_file_with_more_text_than_an_article_is_skipped_with_its_reason(name):
    result = ingest.read_all(Path(name), BIG[name]().encode())
    assert isinstance(result, Skipped)
    assert result.reason == {
        "line.txt": "too much text for one file (20 MB, more than 500,000 characters); split it into its articles",
        "long.md": "too much text for one file (990,060 characters, limit 500,000); split it into its articles",
        "lines.txt": "too many lines for one article (100,005, limit 5,000); split it into its articles",
        "list.json": "too many items in one list (20,000, limit 5,000); split the list",
    }[name]


def test_a_feed_is_limited_by_its_text_not_by_its_entries(monkeypatch):
    entries = "".join(f"<item><title>Copper {n}</title><pubDate>Thu, 20 Nov 2025 08:00:00 GMT</pubDate>"
                      f"<description>[Copper: Item {n}] On November 19, copper rose {n} yuan.</description></item>"
                      for n in range(300))
    feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title>{entries}</channel></rss>'.encode()
    assert len(ingest.read_all(Path("feed.xml"), feed)) == 300
    monkeypatch.setattr(ingest, "MAX_TEXT", 10_000)
    result = ingest.read_all(Path("feed.xml"), feed)
    assert isinstance(result, Skipped) and result.reason.startswith("too much text for one file (")


def test_a_20_mb_line_a_50_mb_file_and_a_list_of_20000_items_cost_the_week_nothing(tmp_path):
    from .conftest import copy_project

    project = copy_project(tmp_path / "project")
    seeds = project / "seeds"
    (seeds / "line.txt").write_text(BIG["line.txt"](), encoding="utf-8")
    with open(seeds / "huge.txt", "wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # a sparse file: the size is refused before a byte is read
    (seeds / "list.json").write_text(BIG["list.json"](), encoding="utf-8")
    result = run_cli(project, "build", "--week", "2025-47")
    assert result.returncode == 0, result.stderr
    line = result.stdout
    assert "from 1 article (" in line and "3 files skipped" in line, line
    assert "line.txt (too much text for one file (20 MB, more than 500,000 characters); split it into its " \
           "articles)" in line
    assert "huge.txt (too large (50 MB, limit 20 MB); split it)" in line
    assert "list.json (too many items in one list (20,000, limit 5,000); split the list)" in line
    assert (project / "output" / "2025-47" / "briefing-2025-47.pdf").exists()


# ---------------------------------------------------------------- one pass where the parser used to go back

def _joined_one_by_one(body: str, credit: str, blocks: list[str]) -> tuple[str, str]:
    """What joining each block in turn to the item's body gave: a credit closing it is cut there."""
    for block in blocks:
        body = f"{body} {block}".strip()
        if not credit and (c := CREDIT.search(body)):
            credit, body = c["credit"].strip(), body[:c.start()].rstrip()
    return body, credit


@pytest.mark.parametrize("seed", range(20))
def test_blocks_joined_to_an_item_give_the_body_and_credit_of_joining_them_one_by_one(seed):
    rnd = random.Random(seed)
    pieces = ["Lot size 500 tonnes", "Delivery in December.", "(Reuters)", "Payment on sight.", "(SMM)",
              "Prices held.", "x" * 300, "Output rose 5% (est.)", "Grade A (99.99%)."]
    blocks = [rnd.choice(pieces) for _ in range(rnd.randrange(1, 12))]
    state = State(dt.date(2025, 11, 20), "t", "o.txt", None, [])
    state.item("Copper", "Tender", "On November 19, the smelter opened a tender.")
    for block in blocks:
        state.attach(block)
    state.close()
    (item,) = state.items
    body, credit = _joined_one_by_one("On November 19, the smelter opened a tender.", "", blocks)
    assert (item.body, item.credit) == (body, credit)
    assert [d.value for d in item.dates] == [dt.date(2025, 11, 19)]


def test_a_spec_sheet_of_thousands_of_fields_is_one_item_with_every_field():
    fields = "\n".join(f"Lot {n}: Min {n} tonnes" for n in range(3000))
    text = HEAD + "[Copper: Cathode Tender] The smelter opened a tender on November 19.\n" + fields + "\n"
    (article,) = parse_file(Path("sheet.txt"), (text + "The desk said more lots may follow.\n").encode())
    item = article.items[0]
    assert item.body.startswith("The smelter opened a tender on November 19. Lot 0: Min 0 tonnes Lot 1: Min 1 tonnes")
    assert item.body.endswith("Lot 2999: Min 2999 tonnes")
    assert len(item.figures) == 3000 and [d.value for d in item.dates] == [dt.date(2025, 11, 19)]


def test_a_paragraph_said_again_far_down_the_page_is_still_a_repeat():
    rnd = random.Random(5)
    words = [f"word{n}" for n in range(3000)]
    paragraphs = [" ".join(rnd.sample(words, 30)).capitalize() + "." for _ in range(400)]
    text = HEAD + "\n".join([*paragraphs, paragraphs[3]]) + "\n"
    parsed = page.read(ingest.read_all(Path("long.txt"), text.encode())[0])
    assert [f.text for f in parsed.furniture if f.kind == "duplicate"] == [paragraphs[3]]
