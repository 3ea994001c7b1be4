"""Price tables run together into one line of text, as market snapshots print them.

A header names the unit of the price column and, often, of a change column;
the rows that follow are a name, a price and its change::

    Latest three-month LME Prices Price ($ per tonne) Change since Friday's close ($)
    Copper 7,127.50 32.5 Aluminium 2,155 15 Lead 2,550 19

Each row is a price of the named product (prefixed with the exchange the text
names before the header: "LME Copper"), with its change ("up 32.5 USD/mt").
The numbers of such a table have no unit of their own, so they are no figures
of their text: this is the only place they are read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
