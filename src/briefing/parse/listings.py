"""Listings and dashboards: bulleted news and price logs, a listing's entry dates, a kicker over an entry's headline, headlines over their
summaries (in sentence case, or bulleted), and a dashboard's entries that say the same of one name after another.
"""

from __future__ import annotations

from .blocks import EntryDate
from .labels import label_ok
from .patterns import BULLET, ITEM, LABEL, NUMBERED, ROMAN, is_heading, is_headline, is_plain
from .state import State

__all__ = ["bullet_run", "entry_date_run", "headline_like", "kicker", "listed_headlines", "parallel_run", "parallel_test",
           "price_log_run"]


def kicker(block: str, following: str) -> bool:
    """A kicker: a word or two in capitals over a headline ("ANALYSIS" over a listing's entry), a tag of it."""
    return (not isinstance(block, EntryDate) and block.isupper() and len(block.split()) <= 2 and len(block) <= 20
            and bool(following) and headline_like(following) and not following.isupper())


def entry_date_run(block: str, _m, state: State) -> None:
    if state.open_item is not None and not state.open_item[2] and not state.dates_lead:
        state.entry_date = block.value  # "Headline / Site· 2025-08-25 / summary": the entry's date, under its headline
        return
    state.close()
    if state.dates_lead:
        state.entry_date = block.value
    elif state.items:
        state.date_last(block.value)


def parallel_test(block: str, state: State) -> str | None:
    """Under a heading whose one paragraph opens with it ("LME Copper" over "LME Copper 3M settled at ..."), a
    paragraph that says the same of another name ("LME Nickel 3M settled at ..."): a dashboard's next entry,
    its heading lost. Returns that name."""
    if state.open_item is None or len(state.open_item[2]) != 1:
        return None
    heading, first = state.open_item[1], state.open_item[2][0]
    said = first[len(heading):].split()[:2] if first.startswith(heading) else []
    words = block.split()
    if len(said) < 2 or block.startswith(heading):
        return None
    return next((" ".join(words[:n]) for n in range(1, 6) if words[n:n + 2] == said), None)


def parallel_run(block: str, name: str, state: State) -> None:
    state.open(name)
    state.open_item[2].append(block)


_SENTENCE_END = (".", "。", "!", "?", "”", "\"", "…", "[…]", "[...]")


def headline_like(block: str) -> bool:
    return not isinstance(block, EntryDate) and (is_heading(block) or is_headline(block)) and not ITEM.match(block) and not LABEL.match(block)


def listed_headlines(blocks: list[str]) -> set[int]:
    """A listing of entries, each a headline over its summary: the headlines, when there are two or more
    (a headline in sentence case, then a paragraph that ends as a sentence does; or bulleted headlines,
    each over a paragraph more than twice its length)."""
    def under(n: int) -> int:  # the block under a headline, past its entry's date line
        return n + 2 if n + 2 < len(blocks) and isinstance(blocks[n + 1], EntryDate) else n + 1

    bullets = {n for n in range(len(blocks) - 1) if (b := BULLET.match(blocks[n])) and is_plain(blocks[n + 1])
               and not b["body"].rstrip().endswith(_SENTENCE_END) and len(blocks[n + 1]) > 2 * len(b["body"])}
    if len(bullets) >= 2:
        return bullets  # "• Headline" over its summary, entry after entry
    heads = {n for n in range(len(blocks) - 1) if headline_like(blocks[n]) and not ROMAN.match(blocks[n])
             and not NUMBERED.match(blocks[n]) and is_plain(text := blocks[under(n)]) and not LABEL.match(text)
             and not headline_like(text) and (under(n) + 1 == len(blocks)  # the page's last text may be cut off
                                               or text.rstrip().endswith(_SENTENCE_END))}
    return heads if len(heads) >= 2 else set()


def bullet_run(block: str, b, state: State) -> None:
    body = b["body"].strip()
    if state.index in state.listed:
        state.open(body)  # a listed headline as a bullet, over its summary
        return
    if len(body.split()) <= 12 and not body.endswith((".", "。", "!", "?")) and not LABEL.match(body) \
            and (state.open_item is not None or state.items or state.overview):
        state.attach(block)  # a fragment listed under its paragraph ("- Prices indicated at $6.50-8.00")
        return
    state.close()
    if (lab := LABEL.match(body)) and label_ok(lab["label"], 6):
        state.item(state.section, lab["label"].strip(), lab["body"])
    else:
        state.derived(body)


def price_log_run(block: str, _m, state: State) -> None:
    state.close()
    state.item(state.section or "Price log", block.rstrip("."), block, derived=True)
