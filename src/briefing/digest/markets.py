"""The market overview: one short paragraph per product the week's articles speak of.

The products are a table (``products`` in briefing.toml, by default
``data/products.csv``: a name and the words that name it). A sentence of an
article's lead or market paragraphs, or of an item, is a market sentence
when it names a product and says something of its market: a price, or a word
of price, supply, demand or trade. It goes to the first product it names;
each sentence is said once, the most telling first (a price beats a trend
word), a few a product, and each paragraph lists the articles it came from.
Lead sentences that name no product but speak of the market make a short
general paragraph first.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import narrative
from ..models import Article, Item, Market, Provenance, site_of
from .highlights import LEANS as _LEANS, repeats, size, words_of

PER_PRODUCT = 2  # sentences a paragraph holds
MAX_WORDS = 60  # words a paragraph holds
GENERAL = 2  # sentences of the general paragraph
MAX_SENTENCE_WORDS = 70  # words, a Chinese character counting half
_PRICE = re.compile(r"\d[\d,.]*\s*(?:-|–|~|to)?\s*[\d,.]*\s*(?:yuan|USD|\$|RMB|CNY|元)\s*/\s*\w+|"
                    r"(?:yuan|USD|\$|RMB)\s*[\d,.]+\s*/\s*\w+|\$\s?[\d,.]+", re.I)
_CUE = re.compile(
    r"\b(?:prices?|quot\w+|rose|rise[sn]?|fell|fall(?:s|en)?|increas\w+|decreas\w+|rebound\w*|stabili[sz]\w+|"
    r"stable|steady|flat|up|down|gain\w*|drop\w*|declin\w+|slump\w*|surg\w+|climb\w*|edg\w+|eas\w+|"
    r"suppl\w+|demand|inventor\w+|stocks?|transactions?|traded|trading|spot|futures|market|purchas\w+|"
    r"procurement|operating rates?|output|production)\b", re.I)

# in an item, a bid, a contract or an investment states a sum, not what the market pays
_DEAL = re.compile(r"\b(?:bid(?:s|ding)?|tenders?|winning|won|procurement|contracts?|orders?|invest\w*|subsid\w+)\b", re.I)


@dataclass(frozen=True)
class Product:
    name: str
    pattern: re.Pattern[str]


def _alias_pattern(aliases: list[str]) -> re.Pattern[str]:
    """Lower-case names match in any case; names with capitals (MHP, LFP) only as written."""
    parts = []
    for alias in sorted(aliases, key=len, reverse=True):
        body = re.escape(alias)
        body = f"(?i:{body})" if alias == alias.lower() else body
        parts.append(body if not alias.isascii() else rf"(?<![\w-]){body}(?![\w-])")
    return re.compile("|".join(parts))


SHIPPED = Path(__file__).resolve().parents[3] / "data" / "products.csv"


@lru_cache(maxsize=8)
def products(path: Path) -> tuple[Product, ...]:
    """The product table: ``path`` when it exists, else the shipped one."""
    path = path if path.is_file() else SHIPPED
    if not path.is_file():
        return ()
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return tuple(Product(row["name"], _alias_pattern(row["aliases"].split("|")))
                 for row in rows if row.get("name") and row.get("aliases") is not None)


def place_of(name: str, table: tuple[Product, ...]) -> int | None:
    """The row of the product table that ``name`` names first, None when it names none."""
    product = _first_product(name, table)
    return next((n for n, row in enumerate(table) if row.name == product), None) if product else None


def _first_product(sentence: str, table: tuple[Product, ...]) -> str:
    best: tuple[int, int, str] | None = None  # (start, -length, name): the first, and the longest there
    for product in table:
        m = product.pattern.search(sentence)
        if m and (best is None or (m.start(), -len(m.group())) < best[:2]):
            best = (m.start(), -len(m.group()), product.name)
    return best[2] if best else ""


def _weight(sentence: str, lead: bool) -> float:
    return (2.0 if _PRICE.search(sentence) else 0.0) + min(len(_CUE.findall(sentence)), 3) * 0.5 + (0.5 if lead else 0)


def _sentences(articles: tuple[Article, ...], items: list[Item]):
    """(sentence, weight, provenance, from a lead) of every market sentence of the week."""
    for article in articles:
        source = Provenance(article.title, article.published.date() if article.date.known else None,
                            article.path.name, article.url, site_of(article))
        for paragraph in article.overview:
            for sentence in narrative.sentences(paragraph):
                yield sentence, source, True
    for item in items:
        for sentence in narrative.sentences(item.body):
            if _PRICE.search(sentence):
                yield sentence, item.sources[0] if item.sources else None, False


def overview(articles: tuple[Article, ...], items: list[Item], table: tuple[Product, ...]) -> tuple[Market, ...]:
    """The market paragraphs, the general one first, then products by how much the week says of them."""
    found: dict[str, list[tuple[float, int, str, Provenance | None]]] = {}
    for n, (sentence, source, lead) in enumerate(_sentences(articles, items)):
        if size(sentence) > MAX_SENTENCE_WORDS or not _CUE.search(sentence) or (not lead and _DEAL.search(sentence)) \
                or _LEANS.match(sentence) or "\n" in sentence or "|" in sentence:
            continue
        product = _first_product(sentence, table)
        if not product and not lead:
            continue
        found.setdefault(product, []).append((_weight(sentence, lead), n, sentence, source))
    markets = []
    for product, candidates in found.items():
        chosen, seen, total = [], [], 0.0
        for _, n, sentence, source in sorted(candidates, key=lambda c: (-c[0], c[1])):
            words = words_of(sentence)
            if repeats(words, seen) or total + size(sentence) > MAX_WORDS:
                continue
            total += size(sentence)
            chosen.append((n, sentence, source))
            seen.append(words)
            if len(chosen) == (PER_PRODUCT if product else GENERAL):
                break
        chosen.sort(key=lambda c: c[0])
        sources = tuple({s: None for _, _, s in chosen if s}.keys())
        markets.append((not product, -len(candidates), product, Market(product, tuple(s for _, s, _ in chosen), sources)))
    markets.sort(key=lambda m: (not m[0], m[1], m[2]))
    return tuple(m[3] for m in markets)

