"""Facts inside a piece of text: listed companies with their codes, and figures."""

from __future__ import annotations

import re

from .models import Company, Figure

# ---------------------------------------------------------------- companies

# (002407.SZ) (688559.SH) [300490] (002846) (03750) 300750.SZ
_CODE = re.compile(r"[(\[（【]\s*(?P<code>\d{6}(?:\.(?:SZ|SH|BJ|HK))?|\d{4,5}(?:\.HK)?)\s*[)\]）】]|\b(?P<bare>\d{6}\.(?:SZ|SH|BJ)|\d{4,5}\.HK)\b")
_SUFFIXED = re.compile(
    r"\b(?P<name>(?:[A-Z][\w&'’-]*\s+){0,7}?(?:[A-Z][\w&'’-]*\s*)(?:Co\.,\s*Ltd\.|Co\., Limited|Inc\.|Corp\.|Corporation|Ltd\.|Limited|Group|AG|GmbH|plc|LLC))"
)
_LEAD = {"On", "In", "The", "This", "That", "Yesterday", "Today", "Meanwhile", "Recently",
         "Previously", "Also", "And", "But", "While", "When", "As", "Its", "Their", "Both", "Among", "By"}
_CONNECT = {"of", "and", "&", "de"}


def normalise_code(code: str) -> str:
    """``300490`` -> ``300490.SZ``; ``688559.sh`` -> ``688559.SH``; ``3750`` -> ``03750.HK``."""
    code = code.upper().strip()
    if "." in code:
        number, market = code.split(".", 1)
        return f"{number.zfill(5) if market == 'HK' else number}.{market}"
    if len(code) == 6:
        if code.startswith(("60", "68", "90")):
            return f"{code}.SH"
        if code.startswith(("00", "30", "20")):
            return f"{code}.SZ"
        if code.startswith(("4", "8", "92")):
            return f"{code}.BJ"
        return code
    return f"{code.zfill(5)}.HK"


def _name_before(text: str, end: int) -> str:
    """The run of capitalised words that ends at ``end`` (a company name)."""
    words = text[:end].rstrip().split()
    name: list[str] = []
    for word in reversed(words):
        if len(name) >= 9:
            break
        if word[:1].isupper() or word in _CONNECT or word.startswith(("Co.,", "Ltd")):
            name.insert(0, word)
            if word.endswith((",", ";", ":")) and not word.startswith("Co.,") and len(name) > 1:
                name.pop(0)
                break
        else:
            break
    while name and (name[0] in _LEAD or name[0] in _CONNECT or name[0].endswith("-based")):
        name.pop(0)
    return " ".join(name).strip(" ,;:")


def companies(text: str) -> tuple[Company, ...]:
    """Companies named in ``text``: those with a stock code, then those with a legal suffix."""
    found: dict[str, Company] = {}
    covered: list[tuple[int, int]] = []
    for m in _CODE.finditer(text):
        raw = m["code"] or m["bare"]
        name = _name_before(text, m.start())
        if not name:
            continue
        company = Company(name=name, code=normalise_code(raw))
        found.setdefault(company.code or name, company)
        covered.append((m.start() - len(name) - 2, m.end()))
    for m in _SUFFIXED.finditer(text):
        if any(a <= m.start() < b for a, b in covered):
            continue
        words = m["name"].split()
        while words and (words[0] in _LEAD or words[0].endswith("-based")):
            words.pop(0)
        name = " ".join(words)
        if name and name not in {c.name for c in found.values()}:
            found.setdefault(name, Company(name=name))
    return tuple(found.values())


# ---------------------------------------------------------------- figures

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_MULT = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "万": 1e4, "亿": 1e8}
_UNITS = [
    "yuan/Wh", "yuan/kWh", "yuan/mt", "yuan/t", "USD/mt", "Wh/kg", "Wh/L", "g/m²", "g/m2",
    "GWh", "MWh", "kWh", "GW", "MW", "kW", "kV", "Ah", "μm", "um", "nm", "mu",
    "square meters", "kt", "mt", "tonnes", "tons", "yuan", "USD", "%",
]
_UNIT = "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))
FIGURE = re.compile(
    rf"(?<![\w.])(?P<num>{_NUM})(?:\s*-\s*(?P<high>{_NUM}))?\s*(?P<mult>million|billion|thousand|trillion|万|亿)?\s*"
    rf"(?P<unit>{_UNIT})(?:\s*/\s*(?P<num2>{_NUM})\s*(?P<unit2>GWh|MWh|kWh))?(?![A-Za-z])"
)
_PER = re.compile(r"\s*(?:per|/)\s*(?P<per>Wh|kWh|mt|tonne|ton|kg|W)\b")
_YEAR_AFTER = re.compile(r"^\s*(?:by|in|for)\s+((?:19|20)\d{2})\b")
_FORECAST = re.compile(r"\b(?:expected|projected|forecast|estimated|will|may|projection|outlook|by (?:19|20)\d{2})\b", re.I)
_LABEL_STOP = re.compile(
    r"\s(?:is|are|was|were|will|may|could|should|would|has|have|reached|reaches|to reach|stood|hit|at|of about|of around)\s.*$"
)


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _label(sentence: str, start: int) -> str:
    """What a figure measures: the clause before it, up to its verb."""
    clause = re.split(r"[,;:]|\bwhile\b|\band\b|\bwith\b", sentence[:start])[-1]
    clause = _LABEL_STOP.sub("", " " + clause + " ").strip()
    clause = re.sub(r"^(?:the|a|an|and|that|which)\s+", "", clause, flags=re.I)
    words = clause.split()
    return " ".join(words[-8:])


def figures(text: str) -> tuple[Figure, ...]:
    """Quantities with units in ``text``, with the year they refer to if given."""
    out: list[Figure] = []
    seen: set[tuple[str, int | None]] = set()
    for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", text):
        years = [int(y) for y in re.findall(r"\b((?:19|20)\d{2})\b", sentence)]
        is_forecast = bool(_FORECAST.search(sentence))
        previous_label = ""
        for m in FIGURE.finditer(sentence):
            unit = m["unit"]
            if unit in {"mu"} and not re.match(r"\s*mu\b", sentence[m.start("unit"):]):
                continue
            value = _number(m["num"]) * _MULT.get(m["mult"] or "", 1.0)
            end = m.end()
            per = _PER.match(sentence, end)
            if per and "/" not in unit and unit in {"yuan", "USD"}:
                unit, end = f"{unit}/{per['per']}", per.end()
            second = None
            if m["num2"]:
                unit, second = f"{unit}/{m['unit2']}", _number(m["num2"])
            after = _YEAR_AFTER.match(sentence[end:])
            year = int(after[1]) if after else None
            if year is None and is_forecast and years:
                year = max(years)
            label = _label(sentence, m.start()) or previous_label
            previous_label = label
            if (key := (sentence[m.start():end].strip(), year)) in seen:
                continue
            seen.add(key)
            out.append(Figure(
                text=sentence[m.start():end].strip(), value=value, unit=unit, second=second,
                year=year if is_forecast or after else None, label=label, forecast=is_forecast,
            ))
    return tuple(out)
