"""Parse stage: one decoded source becomes one Article with its Items.

The page is read line by line. Page furniture (breadcrumb, stamp, site menu,
contact notes and staff lists, tag line, related news, promotion lines, image
links, a summary given twice) is recognised and kept apart; the rest is the
article: highlights, overview paragraphs, headings, items and forecasts.

Items are marked in many ways (see ``shared/FORMATS.md``): ``[Category:
Headline] body`` and its variants (full-width brackets, padding, a colon after
the bracket, the bracket alone on its line, several items on one line),
Roman-numeral sections holding ``Label: text`` paragraphs, labels alone on
their line, bare subheadings and listing pages of headline and summary pairs,
dash labels (``Copper - Overnight, ...``), ``- `` bullet lists (also glued
together) and price logs. A bracket that is a series tag (``[SMM Weekly
Review]``) is not a headline. An article with no markers at all is split into
items sentence by sentence (see ``narrative``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from . import dates, extract, narrative
from .readers import web_url
from .models import Article, Furniture, Item, Provenance, ResolvedDate, Source

BREADCRUMB = re.compile(r"^\s*(?:Home|首页)\s*(?:/|>|›|»)")
SOURCE = re.compile(r"^\s*(?:Source|来源)\s*[:：]\s*(?P<source>.+?)\s*$", re.I)
SUMMARY = re.compile(r"^\s*(?:Highlights|Key Points|Preface|Summary|Abstract)\s*[:：]\s*(?P<text>.*\S)?\s*$", re.I)
ITEM = re.compile(r"^\s*[\[【]\s*(?P<inner>[^\]】\[【]{3,}?)\s*[\]】]\s*[:：]?\s*(?P<body>.*)$")
STATEMENT = re.compile(r"^\s*Data Source Statement\s*[:：]\s*(?P<text>.+)$", re.I)
RELATED = re.compile(r"^\s*(?:Related (?:news|articles|reading)|More news|Recommended(?: reading)?|相关新闻|相关阅读)\s*[=\-:：]*\s*$", re.I)
_CONTACT_START = re.compile(
    r"\s*(?:\**Note:?\**|For queries|For more information|Phone\s*:|Tel\s*:|Contact\s*:|E-?mail\s*:|"
    r"(?:Analysts?|Editors?|Reporters?|Authors?|Staff|Contacts?|Team|Writers?)\s*[:：])", re.I)
_PLEASE = re.compile(r"please (?:contact|email)", re.I)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
_PHONE = re.compile(r"(?:\+?86[-\s]?)?(?<!\d)(?:0\d{2,3}[-\s]\d{7,8}|0\d{2,3}[-\s]\d{4}[-\s]\d{4}|1[3-9]\d{9})(?!\d)"
                    r"|\+\d{1,3}[-\s]\d{1,4}[-\s]\d{3,4}[-\s]\d{4}(?!\d)")
# contact notes and staff lists, as one pattern (``is_contact`` tries its parts one by one)
CONTACT = re.compile(rf"^{_CONTACT_START.pattern}|{_PLEASE.pattern}|{_EMAIL.pattern}|{_PHONE.pattern}", re.I)
_DIGITS = re.compile(r"\d{4}")


def is_contact(line: str) -> bool:
    """Contact notes and staff lists: the same test as ``CONTACT``, each part tried only when it can match."""
    if _CONTACT_START.match(line):
        return True
    if "@" in line:
        return bool(_EMAIL.search(line))
    if len(line) >= 200:
        return False
    if ("lease" in line or "LEASE" in line) and _PLEASE.search(line):
        return True
    return bool(_DIGITS.search(line) and _PHONE.search(line))


PROMO = re.compile(r"^\s*》")
FORECAST = re.compile(r"\b(?:projection|projected|forecast|expected to|estimated|outlook|by (?:19|20)\d{2})\b", re.I)
IMAGE = re.compile(r"!\[(?P<alt>[^\]]*(?:\][^\]]*)?)\]\((?P<url>[^)\s]*)[^)]*\)")
# A bracket that names the series, not the news: "[SMM Weekly Review]", "Prices Edge Up [SMM Weekly Review]"
SERIES = re.compile(
    r"^(?:SMM|Mysteel|Fastmarkets|Argus|Reuters)?\s*(?:[A-Z][\w&-]*\s+){0,2}?"
    r"(?:Weekly|Daily|Monthly|Morning|Evening|Market|Price|Quarterly)\s+"
    r"(?:Review|Report|Hot|Outlook|Summary|Brief(?:ing)?|Comment(?:ary)?|Wrap|Digest|Update|Watch)(?:\s+\d{3,4})?$"
    r"|^(?:SMM|Mysteel)(?:\s+\w+){0,2}$", re.I)
TITLE_TAG = re.compile(r"\s*[\[【](?P<tag>[^\]】]{3,40})[\]】]\s*$")
ROMAN = re.compile(r"^(?P<num>(?:X{0,3})(?:IX|IV|V?I{0,3}))[.、)]\s+(?P<title>\S.{0,80})$")
NUMBERED = re.compile(r"^(?P<num>\d{1,2})[.、)]\s+(?P<rest>\S.*)$")
LABEL = re.compile(r"^(?P<label>[A-Z\u4e00-\u9fff][^:：.!?]{0,50}?)\s*[:：]\s*(?P<body>\S.*)$")
LABEL_ALONE = re.compile(r"^(?P<label>[A-Z\u4e00-\u9fff][^:：.!?]{0,50}?)\s*[:：]$")
DASH_LABEL = re.compile(r"^(?P<label>[A-Z][\w/&'’ ]{1,30}?)\s+[-–—]\s+(?P<body>[A-Z0-9“\"].+)$")
BULLET = re.compile(r"^[-•·*]\s+(?P<body>\S.*)$")
GLUED_BULLET = re.compile(r"(?<=[.!?;。])\s*-\s+(?=[A-Z\"“\u4e00-\u9fff])")
PRICE_LOG = re.compile(
    r"^(?:Sale|Sold|Sales|Purchase|Purchased|Bought|Offer(?:ed)?|Bid|Deal|Transaction|Traded|Trade)s?\b.{0,80}?\d"
    r".{0,40}?(?:yuan|RMB|USD|US\$|\$|元)", re.I)
CREDIT = re.compile(r"(?<=[.。!?！？”\"])\s*[(（](?P<credit>[^()（）]{2,30})[)）]\s*$")
STRUCTURAL_HEADINGS = re.compile(r"^(?:Outlook|Forecasts?|Market (?:Overview|Outlook|Review)|Overview|Summary|Conclusions?|"
                                 r"Introduction|Background|Progress of .*)$", re.I)
_CJK = re.compile(r"[\u4e00-\u9fff]")
# a colon after words like these ends a clause ("The company said: ..."), not a label
_CLAUSE_VERB = re.compile(r"\b(?:said|says|stated|states|noted|added|told|announced|explained|is|are|was|were|will|has|have)\b")
_MENU_WORD = re.compile(r"^[A-Za-z&'’/-]+$")


def _is_heading(line: str) -> bool:
    words = line.split()
    return (
        0 < len(words) <= 12
        and not line.rstrip().endswith((".", ",", ";", ":", "!", "?", "\"", "”"))
        and line[:1].isupper()
        and sum(w[:1].isupper() for w in words if len(w) > 3) >= max(1, len([w for w in words if len(w) > 3]) // 2)
    )


def split_item(inner: str) -> tuple[str, str]:
    """``Category: Headline`` -> (category, headline); a bracket without a colon is all headline."""
    category, sep, headline = inner.replace("：", ":").partition(":")
    if not sep or not headline.strip():
        return "", inner.strip()
    return category.strip(), headline.strip()


def make_item(category: str, headline: str, body: str, anchor: dt.date, article: str,
              origin: str, derived: bool = False, provenance: Provenance | None = None,
              credit: str = "") -> Item:
    text = f"{headline}. {body}"
    return Item(
        category=category, headline=headline, body=body.strip(),
        dates=dates.event_dates(body, anchor),
        companies=extract.companies(text),
        figures=extract.figures(body),
        article=article, origin=origin, derived_headline=derived,
        sources=(provenance,) if provenance else (), credit=credit,
    )


def _source_from_contacts(furniture: list[Furniture]) -> str:
    """A page without a source line: name the publisher from its contact address (``...@smm.cn`` -> SMM)."""
    for line in furniture:
        if m := re.search(r"@(?:[\w-]+\.)*?([\w-]+)\.(?:com|cn|net|org)(?:\.\w+)?\b", line.text):
            return m[1].upper()
    return "unknown"


def _publication(source: Source, stamp: dt.datetime | None, dateline: tuple[int, int] | None,
                 body: str, title: str = "") -> ResolvedDate:
    """When the article was published, and how we know."""
    pinned = source.sidecar.date
    if pinned is not None:
        return ResolvedDate(pinned.date(), pinned.isoformat(), True, "pinned by the editor in the sidecar file")
    if source.found.date is not None:
        found = source.found.date
        return ResolvedDate(found.date(), found.isoformat(), True, f"the {source.kind} file's own metadata")
    if stamp is not None:
        return ResolvedDate(stamp.date(), stamp.strftime("%b %d, %Y %H:%M"), True, "the page's publication stamp")
    inferred = dates.infer_year(body)
    if inferred and (coded := dates.title_date(title, None, inferred[0])):
        return ResolvedDate(coded.value, coded.text, False, f"{coded.how} ({inferred[1]})", kind="title")
    if dateline and inferred:
        year, why = inferred
        try:
            return ResolvedDate(dt.date(year, *dateline), f"{dateline}", False, f"dateline month and day; year inferred: {why}")
        except ValueError:
            pass
    if inferred:
        year, why = inferred
        first = dates.EVENT.search(body)
        if first:
            month, day = dates.month_number(first["month"]), int(first["day"])
            try:
                value = dt.date(int(first["year"] or year), month, day)
            except ValueError:
                value = dt.date(year, 1, 1)
            return ResolvedDate(value, first.group(0), False,
                                f"inferred from the first date in the text ({first.group(0).strip()}); year: {why}")
        return ResolvedDate(dt.date(year, 1, 1), str(year), False, f"only the year could be inferred: {why}")
    raise ValueError("no date found (no stamp, dateline or year in the text); "
                     f"pin one in {source.path.stem}.meta.toml (date = 2025-11-20)")


def _menu_lines(lines: list[str]) -> set[int]:
    """Indices of a site menu: a run of six or more short navigation lines."""
    out: set[int] = set()
    run: list[int] = []
    for n, raw in enumerate(lines + ["."]):
        line = raw.strip()
        if not line:
            continue
        words = line.split()
        if len(words) <= 3 and len(line) <= 30 and all(_MENU_WORD.match(w) for w in words) and line[:1].isupper():
            run.append(n)
            continue
        if len(run) >= 6:
            out.update(run)
        run = []
    return out


def _split_physical(line: str) -> list[str]:
    """Several items on one physical line (listing pages) and glued bullets become separate lines."""
    if line.count("【") >= 2:
        parts = [p.strip() for p in re.split(r"(?=【)", line) if p.strip()]
        if all(p.startswith("【") for p in parts[1:]):
            return parts
    if line.startswith("[") and line.count("[") >= 2:
        parts = [p.strip() for p in re.split(r"(?<=[.)）。])\s*(?=\[[^\]\d][^\]]{6,}\]\s*\S)", line) if p.strip()]
        if len(parts) > 1:
            return parts
    if BULLET.match(line) and GLUED_BULLET.search(line):
        return ["- " + p.strip() for p in GLUED_BULLET.split(line[1:].strip()) if p.strip()]
    return [line]


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+|[\u4e00-\u9fff]", text.lower()) if len(w) > 2 or not w.isascii()}


def _repeats(text: str, earlier: list[set[str]]) -> bool:
    """True when ``text`` says what an earlier paragraph said (a repeat or a second translation)."""
    words = _words(text)
    if len(words) < 8:
        return False
    for other in earlier:
        common = len(words & other)
        if common / max(1, len(words | other)) >= 0.45 or common / max(1, min(len(words), len(other))) >= 0.7:
            return True
    return False


def _parse_items_file(source: Source) -> Article:
    """A .json list of ready-made items: the article is the list itself."""
    title = source.sidecar.title or source.found.title or source.path.stem
    given = [dt.date.fromisoformat(str(i["date"])[:10]) for i in source.items
             if isinstance(i.get("date"), str) and re.match(r"\d{4}-\d{2}-\d{2}", i["date"])]
    if source.sidecar.date is None and source.found.date is None and given:
        latest = max(given)
        when = ResolvedDate(latest, latest.isoformat(), True, "the latest date given in the item list")
    else:
        when = _publication(source, None, None, source.text, title)
    published = source.sidecar.date or source.found.date or dt.datetime.combine(when.value, dt.time())
    origin = source.path.name
    url = source.sidecar.url or source.found.url
    provenance = Provenance(title, published.date(), origin, url)
    items = _ready_items(source, when.value, title, origin, provenance)
    return Article(
        path=source.path, title=title, published=published, date=when,
        source=source.sidecar.source or source.found.source or "unknown", url=url, highlights="",
        overview=(), headings=(), items=tuple(items), forecasts=(), forecast_figures=(),
        statement="", furniture=(), part=source.part, kind=source.kind, encoding=source.encoding,
    )


def parse(source: Source) -> Article:
    """Read one source into an Article; raise ValueError if it holds no article."""
    if source.items:
        return _parse_items_file(source)
    text = source.text.replace("\r\n", "\n").replace("\r", "\n").replace("\u3000", " ").replace("\ufeff", "")
    lines = [line.rstrip() for line in text.split("\n")]
    furniture: list[Furniture] = []
    title = source.sidecar.title or source.found.title or ""
    raw_title = title
    stamp: dt.datetime | None = None
    origin = source.path.name + (f"#{source.part}" if source.part else "")
    source_name = source.sidecar.source or source.found.source or ""
    highlights = ""
    statement = ""
    dateline: tuple[int, int] | None = None
    dateline_text = ""
    blocks: list[str] = []  # body lines, in order
    in_related = False
    want_summary = False
    menu = _menu_lines(lines) if len(lines) > 6 and sum(0 < len(x) <= 30 for x in lines) >= 6 else set()
    for n, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        if in_related:
            furniture.append(Furniture("related", line))
            continue
        if line[0] in "[【" and blocks and "](" not in line and "@" not in line:
            blocks.extend(_split_physical(line))  # an item line: no furniture test can match it
            continue
        if n in menu:
            furniture.append(Furniture("menu", line))
            continue
        if "](" in line and "![" in line:
            for m in IMAGE.finditer(line):
                furniture.append(Furniture("image", m.group(0)))
            line = IMAGE.sub("", line).strip()
            if not line:
                continue
        first = line[0].upper()  # each test below can only match lines opening with certain characters
        if first in "H首" and BREADCRUMB.match(line):
            furniture.append(Furniture("breadcrumb", line))
            if not title:
                title = raw_title = re.split(r"\s*(?:/|>|›|»)\s*", line)[-1].strip()
            continue
        if stamp is None and len(line) < 60 and (found := dates.parse_stamp(line)) \
                and len(dates.STAMP.sub("", line).split()) <= 2:
            stamp = found
            furniture.append(Furniture("stamp", line))
            continue
        if first in "S来" and (m := SOURCE.match(line)):
            source_name = source_name or m["source"]
            furniture.append(Furniture("source", line))
            continue
        if first in "HKPSA" and (m := SUMMARY.match(line)):
            text_ = (m["text"] or "").strip()
            if not text_:
                want_summary = True
            elif not highlights:
                highlights = text_
            elif text_ == highlights or _repeats(text_, [_words(highlights)]):
                furniture.append(Furniture("duplicate", line))
            else:
                blocks.append(text_)
            continue
        if want_summary:
            want_summary = False
            if not highlights:
                highlights = line
                continue
        if first.isupper() and (m := (dates.DATELINE.match(line) or dates.WIRE_DATELINE.match(line))):
            if dateline is None:
                dateline, dateline_text = (dates.month_number(m["month"]), int(m["day"])), m.group(0).strip()
            furniture.append(Furniture("dateline", m.group(0).strip()))
            rest = line[m.end():].strip()
            if rest:
                blocks.append(rest)
            continue
        if first in "-–•" and (m := dates.FEED_DAY.match(line)):
            if dateline is None:
                dateline, dateline_text = (dates.month_number(m["month"]), int(m["day"])), line
            furniture.append(Furniture("dateline", line))
            continue
        if first in "-–•" and dates.FEED_TIME.match(line):
            furniture.append(Furniture("time", line))
            continue
        if first in "RM相" and RELATED.match(line):
            in_related = True
            furniture.append(Furniture("related", line))
            continue
        if first == "D" and (m := STATEMENT.match(line)):
            statement = m["text"].strip()
            if blocks and len(blocks[-1].split()) <= 4 and not blocks[-1].endswith("."):
                furniture.append(Furniture("tag", blocks.pop()))
            continue
        if is_contact(line):
            furniture.append(Furniture("contact", line))
            continue
        if first == "》":
            furniture.append(Furniture("promo", line))
            continue
        if title and (line == title or line == raw_title):
            continue
        if not title and not blocks and not ITEM.match(line) and (
                _is_heading(line) or (len(line) < 120 and (dates.TITLE_DDMM.search(line) or dates.TITLE_CODE.search(line)))
                or (len(line) <= 40 and _CJK.search(line) and not re.search(r"[。，；！？]", line))):
            title = raw_title = line
            continue
        if title and not blocks and (tag := TITLE_TAG.search(line)) and line[:tag.start()].strip() == title:
            continue
        blocks.extend(_split_physical(line))
    # A short tag line left at the end, after contact notes, is furniture too.
    while blocks and len(blocks[-1].split()) <= 4 and not blocks[-1].endswith((".", ":", "：")) \
            and not ITEM.match(blocks[-1]) and not PRICE_LOG.match(blocks[-1]):
        furniture.append(Furniture("tag", blocks.pop()))
    # A title that ends with its series tag: "Prices Edge Up [SMM Weekly Review]"
    if title and (tag := TITLE_TAG.search(title)) and SERIES.match(tag["tag"].strip()):
        furniture.append(Furniture("series", tag.group(0).strip()))
        title = title[:tag.start()].strip() or title
    # Summary paragraphs given twice (the same text, or a second translation of it)
    seen: list[set[str]] = [_words(highlights)] if highlights else []
    kept: list[str] = []
    for block in blocks:
        if len(block) > 60 and not ITEM.match(block) and not BULLET.match(block):
            if _repeats(block, seen):
                furniture.append(Furniture("duplicate", block))
                continue
            seen.append(_words(block))
        kept.append(block)
    blocks = kept
    body_text = "\n".join(blocks)
    if not body_text.strip() and not highlights:
        raise ValueError("no article text found (only page furniture); check the file")
    when = _publication(source, stamp, dateline, body_text, raw_title)
    published = source.sidecar.date or source.found.date or stamp or dt.datetime.combine(when.value, dt.time())
    title_derived = not title
    if title_derived:
        title = narrative.title_from(body_text)
    coded = dates.title_date(raw_title, when.value) if raw_title else None
    dl = None
    if dateline:
        value = dates.nearest_year(*dateline, when.value)
        if value:
            dl = ResolvedDate(value, dateline_text, False,
                              f"dateline month and day; year {value.year} from the publication date", kind="dateline")
    provenance = Provenance(title, published.date(), origin, source.sidecar.url or source.found.url)
    items, overview, headings, forecasts = _structure(blocks, when.value, title, origin, provenance, furniture)
    if not items:
        intro, pieces = narrative.split(overview)
        overview = intro
        for headline, body in pieces:
            items.append(make_item("", headline, body, when.value, title, origin, derived=True, provenance=provenance))
    forecast_figures = tuple(f for text in forecasts for f in extract.figures(text) if f.year)
    period = next((r for text in (raw_title, highlights, *overview[:3]) if text
                   for _, _, r in dates.date_ranges(text, when.value)), None)
    return Article(
        path=source.path, title=title, published=published, date=when, period=period,
        source=source_name or _source_from_contacts(furniture), url=source.sidecar.url or source.found.url,
        highlights=highlights,
        overview=tuple(overview), headings=tuple(headings), items=tuple(items),
        forecasts=tuple(forecasts), forecast_figures=forecast_figures,
        statement=statement, furniture=tuple(furniture), title_derived=title_derived,
        dateline=dl, title_date=coded, part=source.part, kind=source.kind, encoding=source.encoding,
    )


def _ready_items(source: Source, anchor: dt.date, title: str, origin: str,
                 provenance: Provenance) -> list[Item]:
    """Items given ready-made in a .json file: their own date, else dates read from the body."""
    out: list[Item] = []
    for n, raw in enumerate(source.items, 1):
        body = str(raw.get("body") or "").strip()
        headline = str(raw.get("headline") or "").strip()
        derived = not headline
        if derived:
            headline = narrative.headline(narrative.sentences(body)[0]) if body else f"Item {n}"
        item = make_item(str(raw.get("category") or "").strip(), headline, body, anchor, title, origin, derived,
                         Provenance(provenance.title, provenance.date, f"{origin} item {n}",
                                    web_url(raw.get("url")) or provenance.url))
        when = raw.get("date")
        if isinstance(when, str):
            try:
                day = dt.date.fromisoformat(when[:10])
                rest = tuple(d for d in item.dates if d.value != day)
                item = dataclasses.replace(item, dates=(ResolvedDate(day, when, True, "given in the item list"),) + rest)
            except ValueError:
                pass
        out.append(item)
    return out


def _structure(blocks: list[str], anchor: dt.date, title: str, origin: str, provenance: Provenance,
               furniture: list[Furniture]) -> tuple[list[Item], list[str], list[str], list[str]]:
    """Cut the article's body lines into items, overview paragraphs, headings and forecasts."""
    items: list[Item] = []
    overview: list[str] = []
    headings: list[str] = []
    forecasts: list[str] = []
    section = ""  # the Roman-numeral section (or subheading) the items stand under
    pending: tuple[str, str] | None = None  # (category, headline) waiting for its body
    open_item: list | None = None  # [category, headline, [paragraphs], derived]: a labelled item taking more paragraphs

    def item(category: str, headline: str, body: str, derived: bool = False, credit: str = "") -> None:
        if not credit and (c := CREDIT.search(body)):
            credit, body = c["credit"].strip(), body[:c.start()].rstrip()
        items.append(make_item(category, headline, body, anchor, title, origin, derived, provenance, credit))

    def close() -> None:
        nonlocal open_item
        if open_item is not None:
            category, headline, paragraphs, derived = open_item
            if paragraphs:
                item(category, headline, " ".join(paragraphs), derived)
            else:
                headings.append(headline)
            open_item = None

    def is_plain(block: str) -> bool:
        return not (ITEM.match(block) or ROMAN.match(block) or BULLET.match(block) or LABEL_ALONE.match(block)
                    or (_is_heading(block) and not block.endswith(".")))

    for n, block in enumerate(blocks):
        following = blocks[n + 1] if n + 1 < len(blocks) else ""
        m = ITEM.match(block)
        if m and SERIES.match(m["inner"].strip()):
            furniture.append(Furniture("series", f"[{m['inner'].strip()}]"))
            block, m = m["body"].strip(), None
            if not block:
                continue
        if m:
            close()
            pending = None
            category, headline = split_item(m["inner"])
            if m["body"].strip():
                item(category, headline, m["body"].strip())
            else:
                pending = (category, headline)
            continue
        if pending is not None and is_plain(block):
            item(pending[0], pending[1], block)
            pending = None
            continue
        pending = None
        if (r := ROMAN.match(block)) and r["num"]:
            close()
            section = r["title"].strip().rstrip(":：")
            if (lab := LABEL.match(section)) and len(lab["label"].split()) <= 6:
                section = lab["label"].strip()
                item(section, section, lab["body"])
            headings.append(block)
            continue
        if nm := NUMBERED.match(block):
            rest = nm["rest"].strip()
            if (lab := LABEL.match(rest)) and len(lab["label"].split()) <= 8:
                close()
                item(section, lab["label"].strip(), lab["body"])
                continue
            if (lab := LABEL_ALONE.match(rest)) or (_is_heading(rest) and following and is_plain(following)):
                close()
                label = lab["label"].strip() if lab else rest
                open_item = [section, label, [], False]
                continue
            if len(rest.split()) > 6:
                close()
                item(section, narrative.headline(narrative.sentences(rest)[0]), rest, derived=True)
                continue
        if b := BULLET.match(block):
            close()
            body = b["body"].strip()
            if (lab := LABEL.match(body)) and len(lab["label"].split()) <= 6:
                item(section, lab["label"].strip(), lab["body"])
            else:
                item(section, narrative.headline(narrative.sentences(body)[0]), body, derived=True)
            continue
        if PRICE_LOG.match(block) and len(block) < 200:
            close()
            item(section or "Price log", block.rstrip("."), block, derived=True)
            continue
        if lab := LABEL_ALONE.match(block):
            close()
            open_item = [section, lab["label"].strip(), [], False]
            continue
        if (lab := LABEL.match(block)) and len(lab["label"].split()) <= 6 and not _CLAUSE_VERB.search(lab["label"]) \
                and (section or not FORECAST.search(lab["label"])):
            close()
            item(section, lab["label"].strip(), lab["body"])
            continue
        if (d := DASH_LABEL.match(block)) and len(d["label"].split()) <= 4:
            close()
            item(section, d["label"].strip(), d["body"])
            continue
        if _is_heading(block):
            close()
            if following and is_plain(following) and not STRUCTURAL_HEADINGS.match(block) \
                    and not (items and FORECAST.search(following)):
                open_item = [section, block, [], False]
            else:
                headings.append(block)
            continue
        if open_item is not None and not (open_item[2] and FORECAST.search(block) and not section):
            open_item[2].append(block)
            continue
        close()
        if items and FORECAST.search(block):
            forecasts.append(block)
        elif items:
            overview.append(block) if not forecasts else forecasts.append(block)
        else:
            overview.append(block)
    close()
    return items, overview, headings, forecasts
