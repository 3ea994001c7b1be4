"""The period of a figure and the forecaster a sentence names."""

from __future__ import annotations

import re

from .clauses import HARD, LONG, clause_start

_PERIOD = re.compile(r"(?:from|between)?\s?(?<![\d.])(?P<a>(?:19|20)\d{2})年?\s?(?:to|-|–|—|and|through|until|至|到)\s?"
                     r"(?P<b>(?:19|20)\d{2})(?:\b|(?=年))")
_NAME = r"(?:the\s)?(?P<name>[A-Z][\w&.'-]{0,30}(?:\s(?:[A-Z][\w&.'-]{0,30}|of|and|&)(?=\s[A-Z]|[\s,.;'])){0,5})"
_BY = [
    re.compile(rf"\b(?:according\sto|per|citing|cited\sby)\s{_NAME}(?:'s?)?(?:\s(?:latest\s|new\s|recent\s)?"
               r"(?:projections?|forecasts?|estimates?|data|statistics|reports?|research|analysis|survey|calculations"
               r"|predictions?))?(?=[\s,.;])"),
    re.compile(rf"\b(?i:an?|the)\s(?:\w+\s)?(?:report|study|survey|forecast|analysis|research\snote|note)\s(?:by|from)"
               rf"\s{_NAME}(?=[\s,.;])"),
    re.compile(rf"\b(?i:an?|the)\s{_NAME}\s(?:report|study|survey|forecast|analysis|research\snote|note)\b"),
    re.compile(rf"{_NAME}\s(?:projections?|forecasts?|estimates?|predictions?)\b(?!\s(?:to|that))"),
    re.compile(rf"(?<![\w,] ){_NAME}\s(?:projects|forecasts|expects|estimates|predicts|anticipates|sees|believes)\b"),
    re.compile(r"(?:据|據|根据|根據)(?P<name>[\u3400-\u9fffA-Za-z]{2,12}?)(?:预测|預測|预计|預計|测算|測算|统计|統計|数据|數據"
               r"|报告|報告)"),
    re.compile(r"(?<![\u3400-\u9fffA-Za-z])(?P<name>[A-Z][A-Za-z&]{1,15}|[\u3400-\u9fff]{2,8}(?:证券|證券|研究院|研究所|咨询"
               r"|諮詢|协会|協會))(?:预计|預計|预测|預測|认为|認為)"),
]
_NOT_FORECASTER = re.compile(r"^(?:By|In|On|The|This|It|We|They|According|Currently|However|China|Chinese|Global"
                             r"|Industry|Market|Analysts?|Experts?|Sources?|Some|Many|Most|Data|Report|Meanwhile)$")


def forecaster(text: str) -> str:
    """Who a sentence says forecasts: "SMM", "Guosen Securities"; "" when it names none."""
    text = text[:LONG]
    for rule in _BY:
        for m in rule.finditer(text):
            name = m["name"].strip(" .,'")
            name = re.sub(r"'s$", "", name)
            name = re.sub(r"^(?:the|The)\s", "", name)
            if name and not _NOT_FORECASTER.match(name.split()[0]) and len(name) >= 2:
                return name
    return ""


def period(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The years "from 2024 to 2030", "2024-2030" in the clause of the figure at ``start``-``end``."""
    clause = clause_start(text, start)
    stop = len(text)
    m = HARD.search(text, end)
    if m:
        stop = m.start()
    found = [p for p in _PERIOD.finditer(text, clause, stop)]
    if not found:
        return None
    near = min(found, key=lambda p: min(abs(p.start() - end), abs(p.end() - start)))
    a, b = int(near["a"]), int(near["b"])
    return (a, b) if a < b <= a + 50 else None
