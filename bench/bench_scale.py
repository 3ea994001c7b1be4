"""Scale and hostile input: part of `make bench`.

Each case is a scratch project in a temporary folder whose ``seeds/`` is
generated from the project's own text (the items of tests/fixtures/formats and
seeds/, company names from data/companies.csv), built by a fresh process that
runs ``briefing build`` (through ``cli.main``, with a timer on the stages).
For each build the line gives its wall time, the peak resident memory of the
build (``ru_maxrss`` of the build process and the worker processes it waited
for, read with ``os.wait4``), and what it made.

Cases:

- ``week 2000``: a week of 2,000 articles from six sites in five formats (page
  text, Markdown, JSON item lists, RSS feeds, saved HTML pages), 1 to 4 items
  each, one item in eight told again by another site;
- ``10,000 files``: ``seeds/`` of 10,000 generated articles over many weeks
  (``bench_parse.generate``), the busiest week built, with an empty cache;
- ``50 MB file``, ``19 MB file``, ``20 MB line``: one large page of news text
  (many lines; one line without a line break) beside the two seeds;
- the hostile shapes that once made the readers backtrack, at ten times the
  size that hung them, and a 19 MB saved page that is mostly an image: the
  time to read and parse each file, in process (for a file refused for its
  size, also the time with the limits lifted: the readers' and parser's own).

Targets (the line says ``ok`` or ``OVER``): a week of 2,000 articles within
60 s; 10,000 files, or one large file, never take a build above 1 GiB; each
file read and parsed (or refused) within 2 s.
``--quick`` makes the large cases smaller (500 articles, 2,000 files, 5 MB
files) to check the bench itself; only a full run writes
``bench/results-scale.txt`` (``--no-record`` keeps it).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

WEEK = "2025-47"
DAYS = [dt.date(2025, 11, 17) + dt.timedelta(days=n) for n in range(7)]
SITES = ("SMM", "Mysteel", "Fastmarkets", "Argus Media", "Reuters", "Metals Desk")
GIB = 1024 ** 3
TIME_TARGET, MEMORY_TARGET, FILE_TARGET = 60.0, GIB, 2.0
RESULTS = ROOT / "bench" / "results-scale.txt"


# ---------------------------------------------------------------- what the inputs are made of

def item_pool() -> list[tuple[str, str, str]]:
    """(category, headline, body) of every item the parser finds in the fixtures and the seeds."""
    from briefing import corpus
    from briefing.models import Article

    files = sorted((ROOT / "tests" / "fixtures" / "formats").glob("*.*")) + sorted((ROOT / "seeds").glob("*.txt"))
    seen, pool = set(), []
    for path in files:
        if path.suffix == ".toml":
            continue
        for article in corpus.parse_file(path, path.read_bytes()):
            if not isinstance(article, Article):
                continue
            for item in article.items:
                if item.headline not in seen and len(item.body) >= 40 and not item.body.startswith(item.headline):
                    seen.add(item.headline)
                    pool.append((item.category or "Battery", item.headline, item.body))
    return pool


def company_names() -> list[str]:
    with open(ROOT / "data" / "companies.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return [row["aliases"].split("|")[0] for row in rows if row["aliases"] and row["aliases"][:1].isascii()]


_MONTH_DAY = re.compile(r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
                        r"December) \d{1,2}\b")
_NUMBER = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+\.\d+|\d{3,})(?![\d])")


def vary_numbers(text: str, k: int) -> str:
    """Quantities changed by a factor of ``k`` (years and days kept), so that no two tellings agree."""
    factor = 1 + (k % 997 + 1) / 1000

    def new(m: re.Match) -> str:
        raw = m[0]
        value = float(raw.replace(",", ""))
        if "," not in raw and "." not in raw and 1900 <= value <= 2100:
            return raw
        if "." in raw:
            return f"{value * factor:.{len(raw.split('.')[1])}f}"
        return f"{round(value * factor):,}" if "," in raw else str(round(value * factor))

    return _NUMBER.sub(new, text)


class Generator:
    """Articles of one week from several sites: items from the pool, each with its numbers and
    company varied; one item in eight is an earlier one told again by another article."""

    def __init__(self, seed: int = 47):
        self.rng = random.Random(seed)
        self.pool = item_pool()
        self.names = company_names()
        known = sorted(self.names, key=len, reverse=True)
        self.known = re.compile("|".join(re.escape(n) for n in known)) if known else None
        self.told: list[tuple[str, str, str]] = []
        self.count = 0

    def item(self) -> tuple[str, str, str]:
        """A new item (its body told from two pool items, its company, day and numbers changed), or,
        one time in eight, one told before."""
        if self.told and self.rng.random() < 1 / 8:
            return self.rng.choice(self.told)
        self.count += 1
        (category, headline, body), other = self.rng.sample(self.pool, 2)
        body = f"{body} {' '.join(other[2].split('. ')[:2]).rstrip('.')}."
        company = self.rng.choice(self.names)
        if self.known and (m := self.known.search(headline + " " + body)):
            headline, body = headline.replace(m[0], company), body.replace(m[0], company)
        else:
            headline = f"{company}: {headline}"
        day = self.rng.choice(DAYS)
        body = _MONTH_DAY.sub(f"{day:%B} {day.day}", body, count=1)
        made = (category, vary_numbers(headline, self.count), vary_numbers(body, self.count))
        self.told.append(made)
        return made

    def items(self) -> list[tuple[str, str, str]]:
        return [self.item() for _ in range(self.rng.choice((1, 1, 2, 2, 3, 4)))]

    def stamp(self) -> dt.datetime:
        return dt.datetime.combine(self.rng.choice(DAYS), dt.time(self.rng.randrange(7, 20), self.rng.randrange(60)))

    def page(self, site: str) -> str:
        """Page text as copied from a news site, with its furniture and bracketed items."""
        when, items = self.stamp(), self.items()
        title = f"{items[0][1]} and More: {site} Daily Report"
        lines = [f"Home / Metal News / {title}", "", title, "", f"icon{when:%b} {when.day}, {when:%Y %H:%M}",
                 f"Source:{site}", f"Highlights: {items[0][1]}.", "", f"{site} {when:%B} {when.day} News:",
                 items[0][2].split(". ")[0] + ".", "", "Progress of Projects by Enterprises", ""]
        lines += [f"[{category}: {headline}] {body}" for category, headline, body in items]
        return "\n".join(lines + ["", "Data Source Statement: public information, for reference only.", ""])

    def story(self, site: str) -> str:
        """One story with no item markers (a wire page): its title, stamp, source and paragraphs."""
        when = self.stamp()
        _, headline, body = self.item()
        return f"{headline}\n{when:%b} {when.day}, {when:%Y %H:%M}\nSource: {site}\n\n{body}\n"

    def markdown(self, site: str) -> str:
        when, items = self.stamp(), self.items()
        head = f"---\ntitle: {json.dumps(items[0][1])}\ndate: {when:%Y-%m-%d}\nsource: {site}\n---\n"
        return head + f"# {items[0][1]}\n\n" + "\n\n".join(f"[{c}: {h}] {b}" for c, h, b in items) + "\n"

    def item_list(self, site: str) -> str:
        when = self.stamp()
        items = [{"category": c, "headline": h, "body": b, "date": f"{when:%Y-%m-%d}"} for c, h, b in self.items()]
        return json.dumps({"title": f"{site} item list", "date": f"{when:%Y-%m-%d}", "source": site, "items": items},
                          ensure_ascii=False, indent=1)

    def feed(self, site: str, entries: int) -> str:
        from html import escape

        out = [f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>{escape(site)}</title>'
               "<link>https://example.com</link><description>News</description>"]
        for n in range(entries):
            when = self.stamp()
            category, headline, body = self.item()
            out.append(f"<item><title>{escape(headline)}</title><link>https://example.com/{self.count}/{n}</link>"
                       f"<pubDate>{when:%a, %d %b %Y %H:%M:00} GMT</pubDate>"
                       f"<description>{escape(f'<p>[{category}: {headline}] {body}</p>')}</description></item>")
        return "\n".join(out + ["</channel></rss>", ""])

    def html(self, site: str) -> str:
        from html import escape

        when, items = self.stamp(), self.items()
        paragraphs = "".join(f"<p>[{escape(c)}: {escape(h)}] {escape(b)}</p>\n" for c, h, b in items)
        return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(items[0][1])}</title>'
                f'<meta property="og:site_name" content="{escape(site)}">'
                f'<meta property="article:published_time" content="{when:%Y-%m-%dT%H:%M:00}"></head><body>'
                f'<nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>{escape(items[0][1])}</h1>'
                f"<p>{when:%b %d, %Y %H:%M}</p>\n{paragraphs}</article><footer>Contact us</footer></body></html>\n")

    def week(self, seeds: Path, articles: int) -> int:
        """Write files of ``articles`` articles under ``seeds``; the number of files written."""
        made = files = 0
        while made < articles:
            site = SITES[files % len(SITES)]
            folder = seeds / re.sub(r"\W+", "-", site.lower())
            folder.mkdir(parents=True, exist_ok=True)
            shape = self.rng.random()
            if shape < 0.45:
                name, text, count = f"{files:05d}.txt", self.page(site), 1
            elif shape < 0.60:
                name, text, count = f"{files:05d}.txt", self.story(site), 1
            elif shape < 0.72:
                name, text, count = f"{files:05d}.md", self.markdown(site), 1
            elif shape < 0.82:
                name, text, count = f"{files:05d}.json", self.item_list(site), 1
            elif shape < 0.94:
                count = min(3, articles - made)
                name, text = f"{files:05d}.xml", self.feed(site, count)
            else:
                name, text, count = f"{files:05d}.html", self.html(site), 1
            (folder / name).write_text(text, encoding="utf-8")
            made += count
            files += 1
        return files

    def big_text(self, size: int, one_line: bool = False) -> str:
        """About ``size`` characters of news text: pages of items one after the other, or all of it as
        one line (a page whose line breaks were lost)."""
        when = dt.datetime(2025, 11, 20, 10, 0)
        head = f"Metals news archive\n{when:%b %d, %Y %H:%M}\nSource:SMM\n\n"
        parts, length = [], len(head)
        while length < size:
            category, headline, body = self.item()
            part = f"[{category}: {headline}] {body}"
            parts.append(part)
            length += len(part) + 1
        return head + (" " if one_line else "\n").join(parts) + "\n"


# ---------------------------------------------------------------- scratch projects and measured builds

def project(tmp: Path, name: str, seeds: bool = True) -> Path:
    root = tmp / name
    root.mkdir()
    shutil.copy(ROOT / "briefing.toml", root)
    shutil.copytree(ROOT / "templates", root / "templates")
    shutil.copytree(ROOT / "data", root / "data")
    (root / "seeds").mkdir()
    if seeds:
        for path in (ROOT / "seeds").glob("*.txt"):
            shutil.copy(path, root / "seeds" / path.name)
    return root


def measured_build(root: Path, week: str, timeout: float) -> dict:
    """Build ``week`` of the project at ``root`` in a fresh process: wall time, CPU time, peak memory, its line.

    The build is started by a small launcher process (``--launch``), which reports the build's resource
    usage: a process's peak RSS counts the memory of the process it was forked from, up to its exec,
    and this one holds the generated inputs."""
    import signal

    env = dict(os.environ, SOURCE_DATE_EPOCH="1763683200", PYTHONHASHSEED="0")
    with tempfile.TemporaryFile("w+") as out:
        started = time.perf_counter()
        proc = subprocess.Popen([sys.executable, __file__, "--launch", str(root), week], cwd=root, env=env,
                                stdout=out, stderr=subprocess.STDOUT, text=True, start_new_session=True)
        try:
            proc.wait(timeout)
            timed_out = False
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            timed_out = True
        seconds = time.perf_counter() - started
        out.seek(0)
        text = out.read()
    report, usage = {}, {"status": -9, "rss": 0, "cpu": 0.0}
    for line in text.splitlines():
        if line.startswith("BENCH "):
            report = json.loads(line[6:])
        elif line.startswith("USAGE "):
            usage = json.loads(line[6:])
    return {"seconds": seconds, "cpu": usage["cpu"], "rss": usage["rss"], "status": usage["status"],
            "timed_out": timed_out,
            "summary": report.get("summary", text.strip().splitlines()[-1] if text.strip() else ""),
            "stages": report.get("stages", {}), "peaks": report.get("peaks", {}),
            "stage_cpu": report.get("cpu", {}), "pages": report.get("pages"), "items": report.get("items")}


def launch(root: str, week: str) -> int:
    """Start the build process and say what it used: its status, CPU seconds and peak RSS (its parse
    workers included, as they are waited for)."""
    pid = os.fork()
    if pid == 0:
        os.execv(sys.executable, [sys.executable, __file__, "--child", root, week])
    _, status, usage = os.wait4(pid, 0)
    print("USAGE " + json.dumps({"status": os.waitstatus_to_exitcode(status), "rss": usage.ru_maxrss * 1024,
                                 "cpu": usage.ru_utime + usage.ru_stime}), flush=True)
    return 0


def median_build(root: Path, week: str, timeout: float, runs: int) -> dict:
    """The run of median wall time among ``runs`` builds, with the highest peak memory of them all
    (each build starts with an empty cache and output folder)."""
    done = []
    for _ in range(runs):
        shutil.rmtree(root / ".cache", ignore_errors=True)
        shutil.rmtree(root / "output", ignore_errors=True)
        done.append(measured_build(root, week, timeout))
    middle = sorted(done, key=lambda r: r["seconds"])[len(done) // 2]
    middle = {**middle, "cpu": statistics.median(r["cpu"] for r in done)}
    return {**middle, "rss": max(r["rss"] for r in done), "runs": runs}


def child(root: Path, week: str) -> int:
    """The build process: ``briefing build --week W`` with a timer on its stages."""
    import resource

    # A runaway build fails with MemoryError instead of taking the machine: 8 GiB of address space.
    resource.setrlimit(resource.RLIMIT_AS, (8 * GIB, 8 * GIB))
    import pypdf

    from briefing import build as build_mod
    from briefing import cli

    stages: dict[str, float] = {}
    cpu: dict[str, float] = {}  # CPU seconds of each stage, the parse workers' included
    peaks: dict[str, int] = {}  # the process's peak RSS at the end of each stage
    last = [time.perf_counter(), 0.0]

    def used() -> float:
        mine, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return mine.ru_utime + mine.ru_stime + workers.ru_utime + workers.ru_stime

    def timer(stage: str) -> None:
        now, spent = time.perf_counter(), used()
        stages[stage], cpu[stage] = round(now - last[0], 3), round(spent - last[1], 3)
        peaks[stage] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        last[0], last[1] = now, spent

    real = build_mod.build
    result = {}

    def timed(*args, **kwargs):
        last[0], last[1] = time.perf_counter(), used()
        result["r"] = made = real(*args, timer=timer, **kwargs)
        return made

    build_mod.build = timed
    os.chdir(root)
    status = cli.main(["build", "--week", week])
    if "r" in result:
        made = result["r"]
        pdf = made.out_dir / f"briefing-{made.week}.pdf"
        pages = len(pypdf.PdfReader(pdf).pages) if pdf.exists() else None
        print("BENCH " + json.dumps({"stages": stages, "cpu": cpu, "peaks": peaks, "summary": cli.summary(made)[:600], "pages": pages,
                                     "items": made.items}))
    return status


def mib(n: float) -> str:
    return f"{n / 1024 / 1024:,.0f} MiB"


def verdict(ok: bool) -> str:
    return "ok" if ok else "OVER"


# ---------------------------------------------------------------- the cases

def shapes() -> dict[str, tuple[str, str]]:
    """The hostile shapes at ten times the size that hung the readers: name -> (suffix, text)."""
    head = "Cobalt notes\nNov 20, 2025 10:00\nSource:SMM\n\n[Cobalt: Prices] On November 20, cobalt rose.\n"
    return {
        "100,000 short lines x10": (".txt", head + "a\n" * 1_000_000),
        "Markdown, a 1 MB link": (".md", head + "[a](http://" + "x" * 1_000_000 + "\n"),
        "Markdown, 200,000 unclosed links": (".md", head + "[a](x" * 200_000 + "\n"),
        "1 MB tail after an e-mail address": (".txt", head + "write to desk@example.com" + "x" * 1_000_000 + "\n"),
        "e-mail-like names, 1 MB": (".txt", head + "a.b@c-" * 170_000 + "\n"),
        "200 KB run after ![": (".md", head + "![" + "y" * 200_000 + "\n"),
        "bracket, then 50,000 spaces (x3)": (".txt", head + ("[" + " " * 50_000 + "x\n") * 3),
        "200,000 brackets": (".txt", head + "[" * 200_000 + "\n"),
        "one 20 MB line of one word": (".txt", head + "word " * 4_000_000 + "\n"),
        "a 19 MB saved page (an image)": (".html", _saved_page(19_000_000)),
        "figure-like runs, 16 kinds": (".txt", head + "".join(
            f"[Cobalt: Run {n}] " + (token * (30_000 // len(token)))[:30_000] + "\n"
            for n, token in enumerate(FIGURE_RUNS))),
    }


# Runs that once made the figure patterns backtrack (the tests read them for their result).
FIGURE_RUNS = ("1", "1,", "1 ", "$ ", "1-", "1 to ", "between ", "1万", "三", "five ", "-", "RMB", "1.",
               "1 yuan/", "1/", "1%-")


def _saved_page(size: int) -> str:
    """A saved web page whose bytes are mostly an image written into it (base64), around one item."""
    import base64

    image = base64.b64encode(random.Random(1).randbytes(size * 3 // 4)).decode()
    return ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>Copper Rises</title></head><body><article>'
            "<h1>Copper Rises</h1><p>Nov 20, 2025 10:00</p><p>[Copper: Prices Rise] On November 19, copper rose "
            f'2% to 86,000 yuan/mt.</p><img src="data:image/png;base64,{image}"></article></body></html>\n')


def parse_seconds(path: Path, runs: int) -> tuple[float, float, str]:
    """Median wall and CPU time to read and parse one file in process as a build does, and what became of it."""
    from briefing import corpus, ingest
    from briefing.models import Skipped

    times, cpu, outcome = [], [], ""
    for _ in range(runs):
        started, used = time.perf_counter(), time.process_time()
        data = ingest.read_bytes(path)
        results = [data] if isinstance(data, Skipped) else corpus.parse_file(path, data)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - used)
        skipped = [r for r in results if isinstance(r, Skipped)]
        outcome = f"skipped: {skipped[0].reason[:90]}" if skipped else \
            f"parsed: {sum(len(r.items) for r in results)} items"
    return statistics.median(times), statistics.median(cpu), outcome


def unlimited(path: Path) -> tuple[float, float, str]:
    """The time to read and parse a file that the size limits refuse, with them lifted: the readers'
    and the parser's own speed on it."""
    from briefing import ingest

    saved = ingest.MAX_TEXT, ingest.MAX_LINES
    ingest.MAX_TEXT = ingest.MAX_LINES = 10 ** 12
    try:
        return parse_seconds(path, 1)
    finally:
        ingest.MAX_TEXT, ingest.MAX_LINES = saved


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="smaller large cases, to check the bench itself")
    p.add_argument("--no-record", action="store_true", help=f"do not write {RESULTS.relative_to(ROOT)}")
    p.add_argument("--only", action="append", default=[], help="run the cases whose name holds this (repeatable)")
    p.add_argument("--timeout", type=float, default=900.0, help="seconds before a build is killed")
    p.add_argument("--child", nargs=2, metavar=("ROOT", "WEEK"), help=argparse.SUPPRESS)
    p.add_argument("--launch", nargs=2, metavar=("ROOT", "WEEK"), help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.launch:
        return launch(*args.launch)
    if args.child:
        return child(Path(args.child[0]), args.child[1])

    from bench_parse import generate

    quick = args.quick
    articles = 500 if quick else 2000
    many = 2000 if quick else 10_000
    megabyte = 1_000_000
    big = (5, 4, 5) if quick else (50, 19, 20)
    shape_runs = build_runs = 1 if quick else 3
    lines: list[str] = []
    ok = True

    def say(line: str) -> None:
        lines.append(line)
        print(line, flush=True)

    def wanted(name: str) -> bool:
        return not args.only or any(o in name for o in args.only)

    def report(name: str, files: str, run: dict, time_target: float | None = None,
               memory_target: float | None = MEMORY_TARGET) -> None:
        nonlocal ok
        within = run["status"] == 0 and (memory_target is None or run["rss"] <= memory_target) and (
            time_target is None or run["seconds"] <= time_target)
        ok &= within
        what = f"{run['items']} items, {run['pages']} PDF pages" if run["items"] is not None else "no build"
        status = "killed at the time limit" if run["timed_out"] else f"exit {run['status']}"
        runs = f"median of {run['runs']} builds; " if run.get("runs", 1) > 1 else ""
        say(f"{name:<34} {run['seconds']:>7.1f} s {run['cpu']:>7.1f} s {mib(run['rss']):>10}  {verdict(within):<4} "
            f"{files}; {what}; {runs}{status}")
        if run["stages"]:
            total = sum(run["stages"].values()) or 1
            say(" " * 46 + "stages: " + ", ".join(f"{k} {v:.1f} s ({v / total:.0%})" for k, v in run["stages"].items()))
            if run["stage_cpu"]:
                spent = sum(run["stage_cpu"].values()) or 1
                say(" " * 46 + "CPU: " + ", ".join(f"{k} {v:.1f} s ({v / spent:.0%})"
                                                  for k, v in run["stage_cpu"].items()))
            grown, before = [], 0
            for stage, peak in run["peaks"].items():
                if peak > before + 32 * 1024 * 1024:
                    grown.append(f"{stage} {mib(peak)}")
                before = max(before, peak)
            say(" " * 46 + "peak RSS of the build process after: " + ", ".join(grown))
        reason = re.search(r"skipped: (.*)", run["summary"] or "")
        if reason:
            say(" " * 46 + "skipped: " + reason[1][:160])
        if run["status"] not in (0, None) and not run["timed_out"]:
            say(" " * 46 + (run["summary"] or "")[:200])

    say(f"briefing scale bench{' (--quick)' if quick else ''}, {dt.date.today():%Y-%m-%d}, "
        f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start; build: wall time of a "
        f"fresh `briefing build` process, its CPU time (user + system, its workers included: less "
        f"affected by other work on the machine), peak RSS of it and its workers (targets: 2,000 articles <= {TIME_TARGET:.0f} s; 10,000 files and each large file "
        f"<= 1 GiB; "
        f"every file read and parsed <= {FILE_TARGET:.0f} s)")
    say(f"{'case':<34} {'time':>9} {'CPU':>9} {'peak RSS':>10}  {'':<4} what")
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp_name:
        tmp = Path(tmp_name)
        if wanted("week"):
            root = project(tmp, "week", seeds=False)
            files = Generator(47).week(root / "seeds", articles)
            report(f"week of {articles:,} articles", f"{files:,} files from {len(SITES)} sites",
                   measured_build(root, WEEK, args.timeout), TIME_TARGET, memory_target=None)
            shutil.rmtree(root)
        if wanted("files"):
            root = project(tmp, "files", seeds=False)
            texts = generate(many)
            for n, (name, text) in enumerate(texts):
                folder = root / "seeds" / f"batch-{n // 1000:02d}"
                folder.mkdir(exist_ok=True)
                (folder / name).write_text(text, encoding="utf-8")
            from briefing import corpus
            from briefing.models import Article

            weeks: dict[str, int] = {}
            for name, text in texts[:200]:  # the busiest week, from a sample (the files cycle through the fixtures)
                for a in corpus.parse_file(Path(name), text.encode("utf-8")):
                    if isinstance(a, Article) and a.week:
                        weeks[a.week] = weeks.get(a.week, 0) + 1
            busiest = max(sorted(weeks), key=weeks.get)
            report(f"{many:,} files in seeds/", f"week {busiest} built, empty cache",
                   measured_build(root, busiest, args.timeout))
            shutil.rmtree(root)
        for size, label, one_line in ((big[0], "file", False), (big[1], "file", False), (big[2], "line", True)):
            name = f"one {size} MB {label}"
            if not wanted(name):
                continue
            root = project(tmp, f"big-{size}-{label}")
            text = Generator(size).big_text(size * megabyte, one_line=one_line)  # the same text, whatever runs
            path = root / "seeds" / f"big-{size}.txt"
            path.write_text(text, encoding="utf-8")
            read = f"{path.stat().st_size / megabyte:.1f} MB{' on one line' if one_line else ''} beside the 2 seeds"
            report(name, read, median_build(root, WEEK, args.timeout, build_runs))
            seconds, cpu, outcome = parse_seconds(path, 1)
            within = seconds <= FILE_TARGET
            ok &= within
            say(" " * 46 + f"read and parse in process: {seconds:.2f} s (CPU {cpu:.2f} s) {verdict(within)} "
                f"({outcome})")
            shutil.rmtree(root)
        if wanted("shape") or wanted("hostile"):
            say(f"hostile shapes at 10x, and a large saved page: read + parse one file in process as a build does "
                f"(median of {shape_runs}):")
            for n, (name, (suffix, text)) in enumerate(shapes().items()):
                path = tmp / f"shape-{n}{suffix}"
                path.write_text(text, encoding="utf-8")
                seconds, cpu, outcome = parse_seconds(path, shape_runs)
                within = seconds <= FILE_TARGET
                ok &= within
                say(f"  {name:<32} {seconds:>7.2f} s {cpu:>7.2f} s {'':>10}  {verdict(within):<4} "
                    f"{len(text.encode()) / megabyte:.1f} MB {suffix}; {outcome}")
                if outcome.startswith("skipped: too") and len(text) < 4_000_000:
                    lifted, lifted_cpu, what = unlimited(path)
                    say(" " * 46 + f"past the size limits: {lifted:.2f} s (CPU {lifted_cpu:.2f} s; {what})")
                path.unlink()
    if not quick and not args.no_record and not args.only:
        RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
