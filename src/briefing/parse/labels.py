"""Items marked by a label or a number: Roman-numeral sections ("II. Cathode Materials"), numbered news
("2. X" and "2.X"), ``Label: text`` paragraphs (a morning comment's ``Copper: LME ...``, a review's
``Silicon Metal:`` section), ``Label - text`` lines, and the unlabelled paragraphs that stand between them.
"""

from __future__ import annotations

import re

from .patterns import (CJK, CJK_SECTION, CLAUSE_VERB, DASH_LABEL, FORECAST, LABEL, LABEL_ALONE, NUMBERED, ROMAN,
                       SUMMARY_LABEL, is_heading, is_headline, is_plain)
from .state import State

__all__ = ["between_labels", "colon_headline", "colon_headline_test", "dash_test", "label_ok", "label_run", "label_test",
           "numbered_run", "numbered_test", "roman_run", "roman_test", "titled"]


def roman_test(block: str, state: State):
    r = ROMAN.match(block)
    return r if r and r["num"] else None


def roman_run(block: str, r, state: State) -> None:
    state.close()
    state.section = r["title"].strip().rstrip(":：")
    if (lab := LABEL.match(state.section)) and label_ok(lab["label"], 6):
        state.section = lab["label"].strip()
        state.item(state.section, state.section, lab["body"])
    state.headings.append(block)


def numbered_test(block: str, state: State):
    nm = NUMBERED.match(block)
    if not nm:
        return None
    rest = nm["rest"].strip()
    if CJK_SECTION.match(rest):
        return ("section", rest)  # "1.锂产品市场本周概要"
    if (lab := LABEL.match(rest)) and label_ok(lab["label"], 8):
        return ("label", lab)
    if (lab := LABEL_ALONE.match(rest)) or ((is_heading(rest) or is_headline(rest)) and state.following
                                            and is_plain(state.following)):
        return ("open", lab["label"].strip() if lab else rest)
    if len(rest.split()) > 6:
        return ("text", rest)
    return None


def numbered_run(block: str, found, state: State) -> None:
    how, what = found
    state.close()
    if how == "section":
        state.headings.append(block)
    elif how == "label":
        state.item(state.section, what["label"].strip(), what["body"])
    elif how == "open":
        state.open(what)
    else:
        state.derived(what)


def label_ok(label: str, most: int) -> bool:
    return len(label.split()) <= most


def label_test(block: str, state: State):
    lab = LABEL.match(block)
    if lab and label_ok(lab["label"], 6) and not CLAUSE_VERB.search(lab["label"]) and not _DAY_END.search(lab["label"]) \
            and (state.section or not FORECAST.search(lab["label"])):
        return lab
    return None


# a label that ends with a day is a dateline ("SMM, March 31: ..."), however garbled its place
_DAY_END = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}$")


def label_run(block: str, lab, state: State) -> None:
    state.close()
    if not state.items and not state.section and state.entry_date is None and SUMMARY_LABEL.match(lab["label"]):
        state.summary.append(lab["body"])  # "Market Overview for September 2024: ...": the page's summary
        return
    if CJK_SECTION.match(lab["label"].strip()) and titled(lab["body"]):
        state.headings.append(block)  # "核心驱动因素:新能源、政策、经济性": a section of the one story, not news
        return
    if titled(lab["body"]) and state.following and is_plain(state.following) \
            and not (LABEL.match(state.following) or DASH_LABEL.match(state.following)):
        state.open(block)  # "Cathode Materials: Output Slips", "宁德时代:首席科学家入选院士" over its text: a headline
        return
    state.item(state.section, lab["label"].strip(), lab["body"])


def titled(text: str) -> bool:
    """Words of a headline, not a sentence: short, with no closing punctuation."""
    short = len(text) <= 40 if CJK.search(text) else len(text.split()) <= 12
    return short and not text.rstrip().endswith((".", "。", "!", "?", "！", "？", "…", ";", "；", ",", "，"))


def dash_test(block: str, state: State):
    d = DASH_LABEL.match(block)
    return d if d and label_ok(d["label"], 4) else None


def between_labels(block: str, state: State) -> None:
    """A paragraph without a label between two "Label: text" items: news of its own when it names companies
    the item above does not ("Another e-drive is presented by Nidec" under GKN's), else more of that item."""
    state.derived(block)
    mine, last = state.items[-1], state.items[-2]
    if not mine.companies or {c.name for c in mine.companies} & {c.name for c in last.companies}:
        state.items.pop()
        state.attach(block)




def colon_headline(block: str) -> bool:
    """A headline written as one clause ending in a colon, over its paragraph ("LG Chem to invest 7.2 billion
    in battery plants in China:"): too long or too punctuated for a label, not a clause that opens a quote."""
    text = block.rstrip()
    if not text.endswith((":", "：")) or LABEL_ALONE.match(text) or re.search(r"[.!?。！？]\s", text):
        return False
    words = text[:-1].split()
    short = len(text) <= 60 if CJK.search(text) else 3 <= len(words) <= 30
    return short and text[:1].isupper() | bool(CJK.match(text)) and not CLAUSE_VERB.search(" ".join(words[-2:])) \
        and not _INTRODUCES.search(text)


# a clause that introduces what follows it ("... as follows:", "... said in a statement:", "... include:")
_INTRODUCES = re.compile(r"\b(?:follows|following|below|statement|said|says|saying|added|noted|told|wrote|explained|"
                         r"include|includes|including|namely|are|is|were|was|reads?|these|this)\s*[:：]$", re.I)


def colon_headline_test(block: str, state: State) -> bool:
    text = state.following.rstrip()
    return colon_headline(block) and bool(text) and is_plain(text) and not LABEL.match(text) \
        and not text.startswith(("“", "\"", "‘", "'", "「")) \
        and not colon_headline(text) and (len(text) > 150 or text.endswith((".", "。", "!", "?", "”")))
