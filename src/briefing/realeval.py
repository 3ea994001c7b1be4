"""Parser accuracy on the real-page corpus (``make eval-real``): every page labelled in ``tests/realworld/labels/``
(format: its README) and read from ``../shared/realworld/pages``; ``--extra`` scores the hold-out instead, the pages
``tests/realworld/extra.toml`` lists (``realpages``). ``--only PREFIX`` scores the pages whose file names start with
one of PREFIX's comma-separated prefixes (``--extra --only 3``: the second hold-out alone). ``-v`` prints every miss;
``--record`` writes the whole corpus's scores to scores.json.

Subjects and metrics are scored on the figures that were found (a labelled figure matched by a parsed one): a
metric agrees when it is the label's word (the MWh of a power/energy pair is energy); a subject when the two share
most of their words (``subjects_agree``).
Precision counts the parsed figures that give a subject (or metric), recall the labels that have one."""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields

from . import ingest, parse, prices
from .parse import companies, figures
from .models import Article, Figure, Item, ResolvedDate
from .realpages import PAGES, ROOT, SCORES, Page, load_pages
FIELDS = ("items", "published", "dates", "figures", "subjects", "metrics", "codes", "companies", "prices", "principal")
KIND_FIELDS = ("items", "published", "dates", "figures")
WINDOW = 15  # a label opening may start this many tokens into a parsed body
TOLERANCE = 0.005  # values agree within 0.5%
PRINCIPAL = "principal" in {f.name for f in fields(Item)}  # measured once the parser gives items a principal

_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+")
_LEGAL = re.compile(r"\b(?:co|ltd|inc|corp|corporation|group|limited)\b\.?|股份有限公司|有限责任公司|有限公司|集团")
_EXCHANGES = r"NYSE American|NYSE|NASDAQ|Nasdaq|ASX|TSXV|TSX|LSE|AIM|OTCQX|OTC|PSE|SGX|纳斯达克|納斯達克|纽交所|紐交所"
_WRITTEN_PER = re.compile(r"/|\b(?:per|a)\b|每", re.I)
_SYNONYMS = {"mt": "mt t ton tons tonne tonnes metricton metrictons metrictonne metrictonnes 吨 噸",
             "cny": "yuan rmb cny 元 ¥ 人民币", "usd": "usd $ us$ dollar dollars 美元 美金", "%": "% percent pct pc",
             "pp": "percentagepoint percentagepoints 个百分点", "day": "day days 天", "week": "week weeks",
             "month": "month months 个月", "year": "year years 年", "cycle": "cycle cycles 次", "hour": "hour hours 小时",
             "kwh": "kwh 千瓦时", "kw": "kw 千瓦", "mwh": "mwh 兆瓦时", "mw": "mw 兆瓦", "gw": "gw gigawatt gigawatts"}
_UNIT_WORDS = {word: unit for unit, words in _SYNONYMS.items() for word in words.split()}


def tokens(text: str) -> list[str]:
    """Casefolded word tokens; each Chinese character is a token of its own."""
    return _TOKEN.findall(text.casefold())


def norm_unit(unit: str) -> str:
    """``USD/tonne``, ``$ per ton``, ``usd/mt`` -> ``usd/mt``; ``per cent`` -> ``%``; ``元/噸`` -> ``cny/mt``."""
    text = re.sub(r"\s+(?:per|a)\s+|^per\s+", "/", re.sub(r"per\s*cent", "%", unit.casefold().strip()))
    return "/".join(_UNIT_WORDS.get(part, part) for part in (p.replace(" ", "") for p in text.split("/")))


@dataclass(frozen=True)
class Quantity:
    """A figure or price as compared: bounds (equal for one value), whether a range, normalised unit."""

    low: float
    high: float
    ranged: bool
    unit: str
    text: str = ""
    loose: bool = False  # a label's "/mt" its text does not write ("$9,348"): the bare currency agrees too

    def agrees(self, got: Quantity) -> bool:
        unit_ok = got.unit == self.unit or (self.loose and got.unit == self.unit.split("/")[0])
        pairs = ((self.low, got.low), (self.high, got.high))
        return unit_ok and self.ranged == got.ranged and all(abs(a - b) <= TOLERANCE * max(abs(a), abs(b))
                                                             for a, b in pairs)

    def __str__(self) -> str:
        return f"{self.text!r} ({self.low:g}{f'-{self.high:g}' if self.ranged else ''} {self.unit})"


def label_quantity(row: dict) -> Quantity:
    low, high = (row["low"], row["high"]) if "low" in row else (row["value"], row["value"])
    unit, text = norm_unit(row.get("unit", "")), row.get("text", "")
    loose = bool(text) and "/" in unit and not _WRITTEN_PER.search(text)
    return Quantity(low, high, low != high, unit, text or row.get("product", ""), loose)


def figure_quantities(figure: Figure) -> list[Quantity]:
    """A parsed figure; a pair such as 200MW/800MWh is two (200 MW, 800 MWh), as the labels write it."""
    ranged = figure.low is not None and figure.high is not None
    low, high = (figure.low, figure.high) if ranged else (figure.value, figure.value)
    unit = figure.unit or figure.currency or ""
    if figure.second is not None and "/" in unit:
        first, second = unit.split("/", 1)
        return [Quantity(low, high, ranged, norm_unit(first), figure.text),
                Quantity(figure.second, figure.second, False, norm_unit(second), figure.text)]
    return [Quantity(low, high, ranged, norm_unit(unit), figure.text)]


_FILLER_WORDS = set("the a an of in for on at to and by with from its their this that these those is are was were "
                    "as per vs today week weekly daily day this's".split())


def _content(text: str) -> set[str]:
    """A subject's words that name something: casefolded, without filler words or a plural's -s."""
    words = tokens(re.sub(r"[-‐/]", " ", text))
    return {w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
            for w in words if w not in _FILLER_WORDS}


def subjects_agree(want: str, got: str) -> bool:
    """A parsed subject names the labelled one: they share at least half of the words of the shorter, and at
    least a third of the longer's ("battery-grade lithium carbonate average price" and "battery-grade lithium
    carbonate prices" agree; "LME copper" and "SHFE aluminium" do not)."""
    a, b = _content(want), _content(got)
    if not a or not b:
        return False
    common = len(a & b)
    return common * 2 >= min(len(a), len(b)) and common * 3 >= max(len(a), len(b))


def greedy(wanted: list, found: list, agree: Callable) -> tuple[list, list]:
    """One-to-one, in order: each wanted thing takes the first free found one it agrees with.
    Returns the match of each wanted thing (or None) and the found things left over."""
    free, matches = list(found), []
    for want in wanted:
        hit = next((n for n, got in enumerate(free) if agree(want, got)), None)
        matches.append(None if hit is None else free.pop(hit))
    return matches, free


def opening_matches(opening: list[str], item: Item) -> bool:
    """The label's opening tokens start within the body's first tokens, or begin the headline (+ body)."""
    head, body, n = tokens(item.headline), tokens(item.body), len(opening)
    if not opening:
        return False
    return (any(body[i:i + n] == opening for i in range(min(WINDOW, len(body))))
            or head[:n] == opening or (head + body)[:n] == opening)


def names_match(a: str, b: str) -> bool:
    """Equal without legal forms, or one contained in the other as whole words (characters in Chinese)."""
    short, long = sorted((tokens(_LEGAL.sub(" ", a.casefold())), tokens(_LEGAL.sub(" ", b.casefold()))), key=len)
    return bool(short) and any(long[i:i + len(short)] == short for i in range(len(long) - len(short) + 1))


def one_per_company(names: Iterable[str]) -> list[str]:
    """Labelled names, one for each company: two names the alias table gives one row are one company
    ("Volkswagen" and "Volkswagen Group"), as the briefing merges them."""
    out: dict[str, str] = {}
    for name in names:
        row = companies.row_of(name)
        out.setdefault(row.key if row else name, name)
    return list(out.values())


def principal_names(item: Item) -> tuple[str, ...]:
    """Every name of an item's principal company: as written, the table's full name and its aliases."""
    lead = item.lead
    return companies.names_of(lead) if lead else ((item.principal,) if item.principal else ())


def date_key(date: ResolvedDate) -> str:
    return f"{date.value}/{date.end}" if date.end and date.end != date.value else date.value.isoformat()


def page_date(article: Article) -> tuple[dt.date | None, bool]:
    """The parser's publication date (None when it says unknown) and whether it is explicit."""
    unknown = not article.date.known
    return (None if unknown else article.date.value), article.date.explicit and not unknown


def page_figures(article: Article) -> list[Figure]:
    """Figures of every parsed item, plus those of the highlights, overview and forecast paragraphs."""
    found = [f for item in article.items for f in item.figures]
    for text in (article.highlights, *article.overview, *article.forecasts):
        found += figures.figures(text)
    return found


def is_written(code: str, text: str) -> bool:
    """The page writes this listing code (``03750.HK`` as 03750 or 3750; ``ALB`` as a word): codes
    the alias table knows but the page does not print are not the page's codes."""
    number = code.split(".")[0]
    if number.isdigit():
        return re.search(rf"(?<!\d)0*{int(number)}(?!\d)", text) is not None
    # a ticker in letters is printed as a code (after an exchange or a colon, or alone in brackets), not as
    # the name it may equal ("SQM said", "GM's plant")
    return re.search(rf"(?:{_EXCHANGES}|[:：]|代码|代碼)\s*{re.escape(number)}(?![A-Za-z0-9])"
                     rf"|[(（]\s*{re.escape(number)}\s*[)）]", text) is not None


def is_furniture_item(line: str, item: Item) -> bool:
    """A furniture line became this item: its headline or body starts with it (is its first line, when short).
    A headline that is its article's title is not furniture: one story takes its page's title."""
    want, short = tokens(line), len(tokens(line)) < 3
    texts = (item.body,) if item.headline == item.article and not item.derived_headline else (item.headline, item.body)
    starts = [tokens(t.strip().split("\n")[0]) if short else tokens(t)[:len(want)] for t in texts]
    return bool(want) and want in starts


@dataclass
class Score:
    tp: int = 0
    predicted: int = 0
    expected: int = 0

    def add(self, o: Score) -> None:
        self.tp, self.predicted, self.expected = (self.tp + o.tp, self.predicted + o.predicted,
                                                  self.expected + o.expected)

    @property
    def precision(self) -> float | None:
        return self.tp / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.tp / self.expected if self.expected else None


@dataclass
class Result:
    """One page's scores and misses, filled in by the ``score_*`` methods."""

    page: Page
    scores: dict[str, Score] = field(default_factory=lambda: {f: Score() for f in FIELDS})
    misses: list[str] = field(default_factory=list)
    crash: str = ""
    furniture: int = 0

    def tally(self, name: str, tp: int, predicted: int, expected: int, misses: Iterable[str] = ()) -> None:
        self.scores[name].add(Score(tp, predicted, expected))
        self.misses += [f"{name}: {m}" for m in misses]

    def tally_counts(self, name: str, want: Counter, got: Counter) -> None:
        common = want & got
        self.tally(name, sum(common.values()), sum(got.values()), sum(want.values()),
                   [f"missing {x}" for x in sorted((want - common).elements())]
                   + [f"extra {x}" for x in sorted((got - common).elements())])

    def score_items(self, labels: list[dict], items: tuple[Item, ...]) -> None:
        matched, extra = greedy([tokens(lab["opening"]) for lab in labels], list(items), opening_matches)
        self.tally("items", sum(m is not None for m in matched), len(items), len(labels),
                   [f"not found {lab['opening']!r}" for lab, m in zip(labels, matched) if m is None]
                   + [f"extra {(i.headline or i.body)[:60]!r}" for i in extra])
        for lab, item in zip(labels, matched):
            got = Counter(date_key(d) for d in item.dates) if item else Counter()
            self.tally_counts("dates", Counter(lab.get("dates", [])), got)
            said = getattr(item, "principal", "") if item else ""
            if PRINCIPAL and (lab.get("principal") or said):
                ok = bool(said) and bool(lab.get("principal")) and any(names_match(lab["principal"], n)
                                                                       for n in principal_names(item))
                self.tally("principal", int(ok), int(bool(said)), int(bool(lab.get("principal"))),
                           [] if ok else [f"{lab.get('principal', '')!r}: {said!r}"])

    def score_published(self, want: str, article: Article | None) -> None:
        if article is None:
            return self.tally("published", 0, 0, 1)
        value, explicit = page_date(article)
        ok = (value is None or not explicit) if want == "unknown" else value is not None and value.isoformat() == want
        got = f"{value} ({'explicit' if explicit else 'inferred'})" if value else "unknown"
        self.tally("published", int(ok), 1, 1, [] if ok else [f"want {want}, got {got}"])

    def score_quantities(self, name: str, want: list[Quantity], got: list[Quantity]) -> None:
        matched, extra = greedy(want, got, Quantity.agrees)
        self.tally(name, sum(m is not None for m in matched), len(got), len(want),
                   [f"missing {q}" for q, m in zip(want, matched) if m is None] + [f"extra {q}" for q in extra])

    def score_figures(self, rows: list[dict], found: list[Figure]) -> None:
        """Figures by value and unit; then, of those found, their subjects and metrics."""
        got = [(q, f, n) for f in found for n, q in enumerate(figure_quantities(f))]
        want = [label_quantity(r) for r in rows]
        matched, extra = greedy(want, got, lambda w, pair: w.agrees(pair[0]))
        self.tally("figures", sum(m is not None for m in matched), len(got), len(want),
                   [f"missing {q}" for q, m in zip(want, matched) if m is None]
                   + [f"extra {q}" for q, _, _ in extra])
        for row, pair in zip(rows, matched):
            if pair is None:
                continue
            figure, metric = pair[1], pair[1].metric
            if pair[2] == 1 and metric == "power":
                metric = "energy"  # the MWh of a 200MW/800MWh pair
            want_subject, said = row.get("subject", ""), figure.subject
            ok = bool(want_subject and said) and subjects_agree(want_subject, said)
            self.tally("subjects", int(ok), int(bool(said)), int(bool(want_subject)),
                       [] if ok else [f"{row['text']!r}: want {want_subject!r}, got {said!r}"])
            want_metric = row.get("metric", "")
            ok = bool(want_metric) and want_metric == metric
            self.tally("metrics", int(ok), int(bool(metric)), int(bool(want_metric)),
                       [] if ok else [f"{row['text']!r} ({want_subject}): want {want_metric!r}, got {metric!r}"])

    def score_companies(self, labels: list[dict], items: tuple[Item, ...]) -> None:
        named = [c for lab in labels for c in lab.get("companies", [])]
        wanted = one_per_company(c["name"] for c in named)
        found = list({(c.key or c.code or c.name.casefold()): c for i in items for c in i.companies}.values())
        matched, extra = greedy(wanted, found, lambda name, c: any(names_match(name, n)
                                                                   for n in (*companies.names_of(c), c.key) if n))
        self.tally("companies", sum(m is not None for m in matched), len(found), len(wanted),
                   [f"missing {n!r}" for n, m in zip(wanted, matched) if m is None]
                   + [f"extra {c.name!r}" for c in extra])
        text = self.page.path.read_text("utf-8", errors="replace") if self.page.path.is_file() else ""
        self.tally_counts("codes", Counter({c["code"].upper() for c in named if c.get("code")}),
                          Counter({x.upper() for i in items for c in i.companies for x in (c.code, *c.codes)
                                   if x and is_written(x, text)}))

    @property
    def badness(self) -> int:
        return sum(s.expected + s.predicted - 2 * s.tp for s in self.scores.values()) + 1000 * bool(self.crash)


def parse_page(page: Page) -> tuple[Article | None, str, bool]:
    """(article, why not, crashed): a ValueError or a skipped file is a miss; any other exception a crash."""
    try:
        sources = ingest.read_all(page.path)
        if not isinstance(sources, list):
            return None, f"skipped: {sources.reason}", False
        return parse.parse(sources[0]), "", False
    except ValueError as exc:
        return None, f"ValueError: {exc}", False
    except Exception as exc:  # noqa: BLE001 - crashes are what is counted here
        return None, f"{type(exc).__name__}: {exc}", True


def score_page(page: Page) -> Result:
    r, label = Result(page), page.label
    labels, blocks = label.get("item", []), label.get("item", []) + label.get("lead", [])
    article, why, crashed = parse_page(page)
    r.crash, r.misses = (why if crashed else ""), ([] if article else [f"not parsed ({why[:100]})"])
    items = article.items if article else ()
    r.score_published(label["published"], article)
    r.score_items(labels, items)
    r.score_figures([f for b in blocks for f in b.get("figures", [])], page_figures(article) if article else [])
    r.score_quantities("prices", [label_quantity(p) for b in blocks for p in b.get("prices", [])],
                       [Quantity(p.value if p.low is None else p.low, p.value if p.high is None else p.high,
                                 p.low is not None, norm_unit(p.unit), p.text)
                                 for p in prices.collect(items) + prices.collect_leads([article] if article else [])])
    r.score_companies(labels, items)
    bad = [line for line in label.get("furniture", []) if any(is_furniture_item(line, i) for i in items)]
    r.furniture, r.misses = len(bad), r.misses + [f"furniture item: {line!r}" for line in bad]
    return r


def total(results: list[Result]) -> dict[str, Score]:
    out = {f: Score() for f in FIELDS}
    for r in results:
        for name, s in r.scores.items():
            out[name].add(s)
    return out


def summary(results: list[Result]) -> dict:
    """The figures ``--record`` writes and the regression test compares (rounded to 3 decimals)."""
    rnd = lambda x: None if x is None else round(x, 3)  # noqa: E731
    fields_ = {n: {"precision": rnd(s.precision), "recall": rnd(s.recall), "labels": s.expected}
               for n, s in total(results).items() if n != "principal" or PRINCIPAL}
    kinds = {k: (n, total([r for r in results if r.page.kind == k]))
             for k, n in Counter(r.page.kind for r in results).most_common()}
    return {"pages": len(results), "crashes": sum(bool(r.crash) for r in results),
            "furniture_items": sum(r.furniture for r in results), "fields": fields_,
            "kinds": {k: {"pages": n, **{f: rnd(t[f].recall) for f in KIND_FIELDS}} for k, (n, t) in kinds.items()}}


def render(results: list[Result], missing: list[str], verbose: bool = False, worst: int = 10,
           title: str = "labelled real") -> list[str]:
    data, _f = summary(results), lambda x: "-" if x is None else f"{x:.3f}"  # noqa: E731
    out = [f"parser accuracy on {len(results)} {title} pages"
           + (f" ({len(missing)} labelled pages missing, skipped)" if missing else ""),
           f"{'field':<11}{'precision':>9}{'recall':>8}{'labels':>8}"]
    out += [f"{n:<11}{_f(row['precision']):>9}{_f(row['recall']):>8}{row['labels']:>8}"
            for n, row in data["fields"].items()]
    out += [] if PRINCIPAL else [f"{'principal':<11}not measured yet (items have no principal)"]
    out += [f"crashes {data['crashes']}, furniture lines that became items {data['furniture_items']} (goal 0)", "",
            f"{'recall by kind':<18}{'pages':>5}" + "".join(f"{f:>10}" for f in KIND_FIELDS)]
    out += [f"{k:<18}{row['pages']:>5}" + "".join(f"{_f(row[f]):>10}" for f in KIND_FIELDS)
            for k, row in data["kinds"].items()]
    out += ["", f"worst {min(worst, len(results))} pages (missed labels + extras; items found/labelled+extra)"]
    for r in sorted(results, key=lambda r: -r.badness)[:worst]:
        s = {k: f"{v.tp}/{v.expected}" for k, v in r.scores.items()}
        extra = r.scores["items"].predicted - r.scores["items"].tp
        out.append(f"  {r.page.file} [{r.page.kind}] items {s['items']}+{extra} figures {s['figures']}"
                   f" dates {s['dates']} published {s['published']}")
        out += [f"      {m[:110]}" for m in sorted(r.misses, key=lambda m: (" extra " in m, "figures:" in m))[:4]]
    if verbose:
        out += ["", "every miss"] + [f"  {r.page.file}: {m}" for r in results for m in r.misses]
    return out


def score(extra: bool = False, only: str = "") -> tuple[list[Result], list[str]]:
    """Every labelled corpus page's result (the hold-out's with ``extra``), and that set's labelled pages missing;
    with ``only``, those of the files whose names start with one of its comma-separated prefixes."""
    pages, missing = load_pages(extra)
    if only:
        prefixes = tuple(p for p in only.split(",") if p)
        pages, missing = [p for p in pages if p.file.startswith(prefixes)], [m for m in missing if m.startswith(prefixes)]
    return [score_page(p) for p in pages], missing


def option(argv: list[str], name: str) -> str:
    """The value after ``name`` in ``argv`` ("" when absent)."""
    return argv[argv.index(name) + 1] if name in argv[:-1] else ""


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    extra, only = "--extra" in argv, option(argv, "--only")
    if (extra or only) and "--record" in argv:
        print("--record writes the whole corpus's scores only; the hold-out or a subset is never recorded",
              file=sys.stderr)
        return 2
    results, missing = score(extra, only)
    print("\n".join(render(results, missing, verbose="-v" in argv, title="hold-out" if extra else "labelled real")))
    if "--record" in argv:
        SCORES.write_text(json.dumps(summary(results), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {SCORES.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
