"""Price tables run together into one line of text, as market snapshots print them.

A header names the unit of the price column and, often, of a change column;
the rows that follow are a name, a price and its change::

    Latest three-month LME Prices Price ($ per tonne) Change since Friday's close ($)
    Copper 7,127.50 32.5 Aluminium 2,155 15 Lead 2,550 19

Each row is a price of the named product (prefixed with the exchange the text
names before the header: "LME Copper"), with its change ("up 32.5 USD/mt").
The numbers of such a table have no unit of their own, so they are no figures
of their text: this is the only place they are read.

A table written with pipes (``Material | Price Range (CNY/kg) | Average Price
(CNY/kg) | Weekly Change |``) is read the same way (``grid_rows``): each line
below the header is a product, each column whose header names a currency and
unit one price of it (a range or a value), and a change column its change. A
column that repeats another's name in a second currency is its conversion and
no price of its own.

A list under one assessment ("SMM assessed spot prices (yuan/mt) on November
20 as follows:" then "Battery-grade lithium carbonate: 72,000-75,000" a line)
is read by ``listed_rows``: each line a price of its product, in the heading's
unit and of its day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import dates

_CURRENCY = {"$": "USD", "us$": "USD", "usd": "USD", "yuan": "yuan", "rmb": "yuan", "cny": "yuan", "€": "EUR",
             "eur": "EUR"}
_PER = {"tonne": "mt", "ton": "mt", "mt": "mt", "t": "mt", "kg": "kg", "lb": "lb"}
_HEAD = re.compile(r"\bPrices?\s?\((?P<cur>\$|US\$|USD|yuan|RMB|CNY|€|EUR)\s?(?:per\s|/)\s?"
                   r"(?P<per>tonne|ton|mt|t|kg|lb)\)(?:\s?(?P<change>Change[^()]{0,40})\((?:\$|US\$|USD|yuan|RMB|CNY|€|EUR|%)\))?", re.I)
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_ROW = re.compile(rf"\s{{1,3}}(?P<name>[A-Z][a-z]+(?:[ -][a-z]+){{0,2}})\s(?P<value>{_NUMBER})"
                  rf"(?:\s(?P<change>[-+−]?(?:{_NUMBER})))?(?=\s|$)")
_EXCHANGE = re.compile(r"\b(LME|SHFE|COMEX|CME|DCE|GFEX|INE)\b")


@dataclass(frozen=True)
class Row:
    """One row of a price table: its product, price, unit, the change the table states, and the row as written."""

    product: str
    value: float
    unit: str
    change: str
    text: str
    low: float | None = None
    high: float | None = None
    day: tuple[int, int] | None = None  # (month, day) the rows' heading dates them to ("on November 20")


def rows(text: str) -> list[Row]:
    """The rows of every price table in ``text``; [] when it holds none."""
    out: list[Row] = []
    for head in _HEAD.finditer(text):
        unit = f"{_CURRENCY[head['cur'].lower()]}/{_PER[head['per'].lower()]}"
        exchange = _EXCHANGE.findall(text, max(0, head.start() - 80), head.start())
        at = head.end()
        while m := _ROW.match(text, at):
            at = m.end()
            name = f"{exchange[-1]} {m['name']}" if exchange else m["name"]
            out.append(Row(name, _number(m["value"]), unit, _change(m["change"], unit) if head["change"] else "",
                           m.group().strip()))
    return out


def _number(text: str) -> float:
    return float(text.replace(",", "").replace("−", "-"))


def _change(written: str | None, unit: str) -> str:
    if not written:
        return ""
    value = _number(written)
    shown = written.lstrip("+-−")
    return "unchanged" if value == 0 else f"{'up' if value > 0 else 'down'} {shown} {unit}"


_CELL_UNIT = re.compile(r"\((?P<cur>\$|US\$|USD|yuan|RMB|CNY|€|EUR)\s?(?:per\s|/)\s?(?P<per>tonne|ton|mt|t|kg|lb)\)", re.I)
_CELL_VALUE = re.compile(rf"^[^\d]{{0,4}}(?P<low>{_NUMBER})(?:\s?[-–—~]\s?[^\d]{{0,4}}(?P<high>{_NUMBER}))?\s*$")
_CELL_CHANGE = re.compile(r"^(?P<sign>[-+−])?\s?(?P<amount>\d+(?:\.\d+)?\s?%)$")
_KIND_WORDS = re.compile(r"\s*\b(?:material|materials|product|products|item|items|name|grade|grades|type|types)\b\s*", re.I)


def grid_rows(text: str) -> list[Row]:
    """The price rows of every table written with pipes in ``text``; [] when it holds none."""
    lines = [line.strip().strip("|").split("|") for line in text.splitlines()]
    out: list[Row] = []
    for n, cells in enumerate(lines):
        columns = _price_columns([c.strip() for c in cells])
        if columns:
            kind = _KIND_WORDS.sub(" ", cells[0]).strip()
            for row in lines[n + 1:]:
                row = [c.strip() for c in row]
                if len(row) < len(cells) and not all(set(c) <= set("-: ") for c in row):
                    break
                out += _grid_row(row, columns, kind)
    return out


def _price_columns(header: list[str]) -> list[tuple[int, str, str]]:
    """(column, unit, "price", "average" or "change") of a header's price and change columns."""
    columns, names = [], set()
    for n, cell in enumerate(header[1:], 1):
        unit = _CELL_UNIT.search(cell)
        name = _CELL_UNIT.sub("", cell).strip().casefold()
        if unit and name not in names:
            names.add(name)
            role = "average" if "average" in name and columns else "price"
            columns.append((n, f"{_CURRENCY[unit['cur'].lower()]}/{_PER[unit['per'].lower()]}", role))
        elif re.search(r"\bchange\b", cell, re.I):
            columns.append((n, "", "change"))
    return columns if any(role != "change" for _, _, role in columns) else []


def _grid_row(cells: list[str], columns: list[tuple[int, str, str]], kind: str) -> list[Row]:
    if not cells or not re.search(r"[A-Za-z]", cells[0]):
        return []  # the "---|---" line under the header
    said = any(w in kind.casefold() for w in cells[0].casefold().split() if len(w) > 3)  # "granular silicon"
    name = cells[0] if not kind or said else f"{cells[0]} {kind.lower()}"  # "N-type" of "Polysilicon Material"
    change = next((_cell_change(cells[n]) for n, _, role in columns if role == "change" and n < len(cells)), "")
    out = []
    for n, unit, role in columns:
        m = _CELL_VALUE.match(cells[n]) if role != "change" and n < len(cells) else None
        if m:
            low, high = _number(m["low"]), _number(m["high"]) if m["high"] else None
            product = f"{name} (average)" if role == "average" else name
            out.append(Row(product, (low + high) / 2 if high is not None else low, unit, change, cells[n],
                           low if high is not None else None, high))
    return out


def _cell_change(cell: str) -> str:
    m = _CELL_CHANGE.match(cell.strip())
    if not m:
        return ""
    return f"{'down' if m['sign'] in ('-', '−') else 'up'} {m['amount']}"


# an assessment that lists its prices below it, one a line
_LIST_HEAD = re.compile(r"^[^\n]*\b(?:assess(?:ed|es|ment)|quot(?:ed|es|ations?)|prices?)\b[^\n]{0,200}?\bas follows\s*[:：]"
                        r"\s*$", re.I | re.M)
_LIST_UNIT = re.compile(r"(?:\(|\bin\s)(?P<cur>\$|US\$|USD|yuan|RMB|CNY|€|EUR)\s?(?:per\s|/)\s?(?P<per>tonne|ton|mt|t|kg|lb)"
                        r"\b\)?", re.I)
_LIST_DAY = re.compile(dates._MONTH + r"\s+(?P<day>\d{1,2})\b", re.I)
_LIST_ROW = re.compile(rf"\s*(?:[-•*]\s*)?(?P<name>[A-Za-z#][^\n:：\d]{{1,60}}?)\s*[:：]?\s+(?P<low>{_NUMBER})"
                       rf"(?:\s?(?:-|–|—|~|to)\s?(?P<high>{_NUMBER}))?"
                       rf"(?:[\s,;(]*(?P<change>(?:up|down|flat|unchanged|stable|steady)\b[^\n()]{{0,30}}))?\)?\s*[.;]?",
                       re.I)


def listed_rows(text: str) -> list[Row]:
    """The prices listed a line each under an assessment that gives their unit; [] when there is none."""
    out: list[Row] = []
    for head in _LIST_HEAD.finditer(text):
        unit = _LIST_UNIT.search(head.group())
        if not unit:
            continue  # rows with units of their own are figures of the text, read with it
        unit_name = f"{_CURRENCY[unit['cur'].lower()]}/{_PER[unit['per'].lower()]}"
        day = _LIST_DAY.search(head.group())
        when = (dates.MONTHS[day["month"][:3].lower()], int(day["day"])) if day else None
        for line in text[head.end():].lstrip("\n").split("\n"):
            m = _LIST_ROW.fullmatch(line)
            if not m:
                break  # the list ends; a line with a unit of its own is a figure of the text, read with it
            low, high = _number(m["low"]), _number(m["high"]) if m["high"] else None
            out.append(Row(m["name"].strip(), (low + high) / 2 if high is not None else low, unit_name,
                           (m["change"] or "").strip(), line.strip(), low if high is not None else None, high, when))
    return out
