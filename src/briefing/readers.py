"""Readers: one per input format, each turning a file's bytes into article text.

``.txt`` page text as copied from a site; ``.html``/``.htm`` saved web pages
(main text and metadata by trafilatura); ``.md`` with YAML (``---``) or TOML
(``+++``) front matter; ``.xml``/``.rss``/``.atom`` feeds (feedparser; one
feed gives one article per entry); ``.json`` lists of ready-made items.
Text is decoded here: UTF-8 with or without BOM, UTF-16, and legacy
encodings (GB18030, Latin-1, ...) recognised by charset-normalizer.
A reader raises ``ValueError`` with the reason a file cannot be used.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from pathlib import Path

from .models import Note, Sidecar, Source

MIN_GUESS_BYTES = 64  # shorter than this, a legacy encoding is a guess: ask for UTF-8 instead
# A tag's attributes stop at the next "<" too, so that a run of unclosed tags is read once, not once per tag.
_LIST_ITEM = re.compile(r"(?i)<\s*li\b[^<>]*>")
_BLOCK_TAGS = re.compile(r"(?i)<\s*(?:br|/p|/div|/li|/h\d|/tr|/blockquote)\b[^<>]*>")
_TAG = re.compile(r"<[^<>]+>")


_CONTROL_BYTES = bytes(range(9)) + bytes(range(14, 32))


def sniff_binary(head: bytes) -> bool:
    """True for bytes that are no text in any encoding we read (NULs outside UTF-16, control bytes)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return False
    if b"\x00" in head:
        even, odd = head[0::2].count(0), head[1::2].count(0)
        # UTF-16 without BOM: NULs on one side only, for ASCII-range text
        return not (len(head) >= 8 and max(even, odd) > len(head) // 4 and min(even, odd) == 0)
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls > max(2, len(head) // 50)


_CJK = {"gb18030", "gb2312", "gbk", "cp936", "big5", "big5hkscs", "cp950", "shift_jis", "cp932",
        "euc_jp", "euc_kr", "cp949", "hz", "iso2022_jp", "iso2022_kr"}


def _western(data: bytes) -> str | None:
    """Text in the Western code page (Latin-1/cp1252) when its non-ASCII bytes read as letters and quotes."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    odd = [ch for ch in text if ord(ch) > 127]
    letters = sum(ch.isalpha() or ch in "‘’“”–—…€£°·×" for ch in odd)
    return text if odd and letters >= 0.9 * len(odd) else None


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name); raise ValueError saying why it is not text."""
    if sniff_binary(data[:4096]):
        raise ValueError("binary file (holds NUL or control bytes), not article text")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    if b"\x00" in data[:4096]:
        encoding = "utf-16-le" if data[1::2][:2048].count(0) > data[0::2][:2048].count(0) else "utf-16-be"
        return data.decode(encoding, errors="replace"), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        bad = f"not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
    if len(data) >= MIN_GUESS_BYTES:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:262144]).best()
        if (best is None or best.encoding not in _CJK) and (western := _western(data)):
            return western, "cp1252"
        if best is not None and best.encoding:
            encoding = {"gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030",
                        "ascii": "latin-1", "iso8859_1": "latin-1"}.get(best.encoding, best.encoding)
            try:
                return data.decode(encoding), encoding
            except (UnicodeDecodeError, LookupError):
                pass
    raise ValueError(f"{bad}; save it as UTF-8")


def _date(value) -> dt.datetime | None:
    """A date given in a file's metadata; ValueError for one that does not exist (2025-02-30)."""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    if isinstance(value, str) and value.strip():
        text = value.strip().replace("Z", "+00:00")
        try:
            return dt.datetime.fromisoformat(text).replace(tzinfo=None)
        except ValueError:
            m = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
            if m:
                try:
                    return dt.datetime(int(m[1]), int(m[2]), int(m[3]))
                except ValueError:
                    raise ValueError(f"date {value[:40]!r} is not a real date; write it as YYYY-MM-DD") from None
    return None


def web_url(value: object) -> str | None:
    """``value`` if it is an http(s) address, else None: briefings link only to the web
    (never to ``javascript:``, ``file:`` or other schemes an input might carry)."""
    from urllib.parse import urlsplit

    if not isinstance(value, str):
        return None
    url = value.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def _text(value) -> str | None:
    """A metadata value as text; lists, tables and other shapes are not text and give None."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    return str(value).strip() or None


def read_txt(path: Path, data: bytes) -> list[Source]:
    text, encoding = decode(data)
    return [Source(path=path, text=text, encoding=encoding, kind="text")]


# [ \t]* rather than \s*: a run of blank lines after the opening "---" is matched once, not once per line.
FRONT = re.compile(r"\A(?:---[ \t]*\n(?P<yaml>.*?)\n---|\+\+\+[ \t]*\n(?P<toml>.*?)\n\+\+\+)[ \t]*(?:\n|\Z)", re.S)
MAX_FRONT = 64 * 1024  # front matter is a few keys; a longer block is refused
MAX_ALIASES = 100  # YAML aliases (*name) in front matter: each may copy a whole tree ("billion laughs")
# A link's text holds no bracket and its address no "[": each character is then tried by one link at most,
# so a line of thousands of "[" or "](" is read in one pass.
_LINK = re.compile(r"(?<!!)\[([^\[\]]+)\]\([^)\s\[]+\)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_STAR_BULLET = re.compile(r"^\s*[*+]\s+")
_BOLD = re.compile(r"\*\*([^*]+)\*\*|__([^_]+)__")


def _yaml(block: str) -> object:
    """YAML front matter, read safely: plain data only, and aliases limited."""
    import yaml

    class Loader(yaml.SafeLoader):
        aliases = 0

        def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
            if self.check_event(yaml.AliasEvent):
                Loader.aliases += 1
                if Loader.aliases > MAX_ALIASES:
                    raise ValueError(f"more than {MAX_ALIASES} aliases (*name); write the values out")
            return super().compose_node(parent, index)

    return yaml.load(block, Loader=Loader)  # noqa: S506 (a SafeLoader)


def read_markdown(path: Path, data: bytes) -> list[Source]:
    text, encoding = decode(data)
    text = text.lstrip("\ufeff")
    meta: dict = {}
    if m := FRONT.match(text):
        if len(m.group(0)) > MAX_FRONT:
            raise ValueError(f"front matter is longer than {MAX_FRONT // 1024} KB; keep it to the title, date, "
                             "source and url keys")
        try:
            meta = (_yaml(m["yaml"]) if m["yaml"] is not None else tomllib.loads(m["toml"])) or {}
        except Exception as exc:  # a broken front matter block names its problem (RecursionError included)
            first = (str(exc).splitlines() or [type(exc).__name__])[0]
            raise ValueError(f"front matter is not valid ({first}); fix the block between the --- lines") from None
        if not isinstance(meta, dict):
            raise ValueError("front matter is not a table of keys; write e.g. 'title: ...' lines")
        text = text[m.end():]
    body = []
    for line in text.split("\n"):
        line = _HEADING.sub("", line, count=1)
        line = _STAR_BULLET.sub("- ", line, count=1)
        if "](" in line:
            line = _LINK.sub(r"\1", line)
        if "**" in line or "__" in line:
            line = _BOLD.sub(lambda m: m[1] or m[2], line)
        body.append(line)
    found = Sidecar(title=_text(meta.get("title")), date=_date(meta.get("date")),
                    source=_text(meta.get("source") or meta.get("publisher")), url=web_url(_text(meta.get("url"))))
    return [Source(path=path, text="\n".join(body), encoding=encoding, found=found, kind="markdown")]


def read_html(path: Path, data: bytes) -> list[Source]:
    text, encoding = decode(data)
    import logging

    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    body = trafilatura.extract(text, output_format="txt", include_comments=False, include_tables=True,
                               include_images=False, favor_recall=True, deduplicate=False)
    if not body or not body.strip():
        raise ValueError("no main text found in the HTML page; save the article page, not a listing or a script")
    meta = trafilatura.extract_metadata(text)
    found = Sidecar(
        title=_text(getattr(meta, "title", None)), date=_date(getattr(meta, "date", None)),
        source=_text(getattr(meta, "sitename", None)), url=web_url(_text(getattr(meta, "url", None))),
    )
    return [Source(path=path, text=body, encoding=encoding, found=found, kind="html")]


def _html_to_text(fragment: str) -> str:
    if "<" not in fragment:
        return fragment
    import lxml.html

    fragment = _LIST_ITEM.sub("\n- ", _BLOCK_TAGS.sub("\n", fragment))  # list items read as "- " bullets
    try:
        return lxml.html.fromstring(fragment).text_content()
    except Exception:
        return _TAG.sub(" ", fragment)


def read_feed(path: Path, data: bytes) -> list[Source]:
    import feedparser

    feed = feedparser.parse(data)
    if not feed.entries:
        why = getattr(feed, "bozo_exception", None)
        raise ValueError(f"no entries in the feed{f' ({why})' if why else ''}; check it is an RSS or Atom file")
    site = _text(feed.feed.get("title"))
    out = []
    for n, entry in enumerate(feed.entries, 1):
        content = entry.get("content")
        html = content[0].get("value") if content else entry.get("summary", "")
        body = _html_to_text(html or "").strip()
        if not body:
            continue
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        found = Sidecar(title=_text(entry.get("title")), date=dt.datetime(*when[:6]) if when else None,
                        source=site, url=web_url(_text(entry.get("link"))))
        out.append(Source(path=path, text=body, encoding=feed.get("encoding", "utf-8"), found=found,
                          part=f"entry {n}", kind="feed"))
    if not out:
        raise ValueError("every entry of the feed is empty; check the feed holds article text")
    return out


_ITEM_TEXT = ("headline", "body", "category", "url", "date")


def _item_problem(n: int, item: dict) -> str:
    """Why item ``n`` of a list cannot be used ("" when it can)."""
    for key in _ITEM_TEXT:
        value = item.get(key)
        if value is not None and not isinstance(value, str):
            shape = {dict: "an object", list: "a list", bool: "true/false"}.get(type(value), "a number")
            return f'item {n}: "{key}" is {shape}, not text; write it as a string in quotes'
    when = (item.get("date") or "").strip()
    if when:
        try:
            if not re.match(r"\d{4}-\d{2}-\d{2}", when):
                raise ValueError
            dt.date.fromisoformat(when[:10])
        except ValueError:
            return f"item {n}: date {when[:40]!r} is not a real date; write it as YYYY-MM-DD"
    return ""


def _items(items: list) -> tuple[tuple[dict, ...], tuple[Note, ...]]:
    """The usable items of a list, and a note for each one rejected."""
    good, notes = [], []
    for n, item in enumerate(items, 1):
        problem = _item_problem(n, item)
        if problem:
            notes.append(Note("rejected", 1, problem))
        elif _text(item.get("headline")) or _text(item.get("body")):
            good.append(item)
    if not good:
        why = notes[0].reason if notes else 'no item has a "headline" or "body"; add them'
        raise ValueError(f"no usable item ({why})" if notes else why)
    return tuple(good), tuple(notes)


def read_json(path: Path, data: bytes) -> list[Source]:
    text, encoding = decode(data)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg} at line {exc.lineno}); fix the file") from None
    except RecursionError:
        raise ValueError("nested too deeply to be an item list; write a list of objects "
                         '(with "headline" and "body")') from None
    meta = doc if isinstance(doc, dict) else {}
    items = doc.get("items") if isinstance(doc, dict) else doc
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise ValueError('expected a list of items (objects with "headline" and "body"), or {"items": [...]}')
    good, notes = _items(items)
    found = Sidecar(title=_text(meta.get("title")), date=_date(meta.get("date")),
                    source=_text(meta.get("source")), url=web_url(_text(meta.get("url"))))
    body = "\n".join(f"{i.get('headline') or ''}. {i.get('body') or ''}" for i in good)
    return [Source(path=path, text=body, encoding=encoding, found=found, kind="json", items=good, notes=notes)]


READERS = {
    ".txt": read_txt, ".text": read_txt,
    ".html": read_html, ".htm": read_html,
    ".md": read_markdown, ".markdown": read_markdown,
    ".xml": read_feed, ".rss": read_feed, ".atom": read_feed,
    ".json": read_json,
}
