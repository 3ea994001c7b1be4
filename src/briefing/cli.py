"""The ``briefing`` command. Thin: it parses arguments, calls a stage, prints one line.

Every user error is printed as one line on stderr (no traceback unless
``--verbose``) and ends the command with a non-zero status.
"""

from __future__ import annotations

import argparse
import csv
import io
import logging
import sys
from pathlib import Path

from .errors import BriefingError


def _config(args: argparse.Namespace):
    from . import config

    root = config.find_root(Path(args.config).parent if args.config else None)
    cfg, warnings = config.load(root, Path(args.config) if args.config else None)
    for warning in warnings:
        if getattr(args, "strict", False):
            raise config.ConfigError(f"{config.CONFIG_NAME}: {warning} (--strict makes this fatal)")
        logging.getLogger("briefing").warning("%s: %s", config.CONFIG_NAME, warning)
    return cfg


def summary(result) -> str:
    """The one line that says what a build made and what it left out."""
    rel = result.out_dir
    try:
        rel = result.out_dir.relative_to(Path.cwd())
    except ValueError:
        pass
    charts = sum(1 for f in result.files if f.suffix == ".svg")
    line = (
        f"briefing {result.week}: {result.items} items in {result.sections} sections "
        f"from {result.articles} article{'s' if result.articles != 1 else ''} "
        f"({result.other_weeks} in other weeks, {len(result.skipped)} skipped) -> {rel}/: "
        f"html, pdf, docx, items.json, {charts} charts ({len(result.files)} files) "
        f"in {result.seconds:.1f} s; {result.duplicates} duplicate{'s' if result.duplicates != 1 else ''} merged"
    )
    left_out = [f"{s.path.name} ({s.reason})" for s in result.skipped] + list(result.charts_skipped)
    if left_out:
        line += "; skipped: " + "; ".join(left_out)
    return line


def cmd_build(args: argparse.Namespace) -> int:
    from .build import build

    result = build(_config(args), args.week, strict=args.strict)
    print(summary(result))
    return 0


def cmd_items(args: argparse.Namespace) -> int:
    from . import dates, group, outputs
    from .build import read_articles

    cfg = _config(args)
    week, start, end = dates.parse_week(args.week)
    articles, _ = read_articles(cfg)
    briefing = group.group(cfg, week, start, end, articles)
    records = [outputs.item_record(i, s.key) for s in briefing.sections for i in s.items]
    if args.format == "json":
        sys.stdout.buffer.write(outputs.to_json(records))
        return 0
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["section", "category", "headline", "date", "companies", "figures", "article", "origin", "sources"])
    for r, item in zip(records, briefing.items):
        writer.writerow([
            r["section"], item.category, item.headline, item.date.isoformat() if item.date else "",
            "; ".join(f"{c.name} {c.code or ''}".strip() for c in item.companies),
            "; ".join(f.text for f in item.figures), item.article, item.origin,
            "; ".join(str(s) for s in item.sources),
        ])
    sys.stdout.write(out.getvalue())
    return 0


def cmd_weeks(args: argparse.Namespace) -> int:
    from .build import read_articles, weeks

    articles, skipped = read_articles(_config(args))
    counts = weeks(articles)
    for week in sorted(counts):
        items = sum(len(a.items) for a in articles if a.week == week)
        print(f"{week}\t{counts[week]} article{'s' if counts[week] != 1 else ''}\t{items} items")
    if skipped:
        print(f"({len(skipped)} file{'s' if len(skipped) != 1 else ''} skipped; see the warnings above)")
    return 0


class _OneLine(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return f"briefing: {record.levelname.lower()}: {record.getMessage()}"


def _log_to_stderr(verbose: bool) -> None:
    """Warnings (skipped files, unknown settings) go to stderr as ``briefing: warning: ...``."""
    log = logging.getLogger("briefing")
    for handler in list(log.handlers):
        log.removeHandler(handler)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_OneLine())
    log.addHandler(handler)
    log.setLevel(logging.INFO if verbose else logging.WARNING)
    log.propagate = False


def cmd_parse(args: argparse.Namespace) -> int:
    """What the parser made of the given files, as JSON, whatever week they belong to."""
    from . import config, extract, outputs
    from .build import parse_file
    from .errors import UsageError
    from .ingest import read_bytes
    from .models import Skipped

    root = config.find_root(Path(args.config).parent if args.config else None)
    if (root / config.CONFIG_NAME).exists():  # the project's own alias table, when run inside one
        extract.use_aliases(root / _config(args).companies)
    files = []
    for name in args.files:
        path = Path(name)
        if not path.is_file():
            raise UsageError(f"{name}: no such file; give the path of an article file (.txt, .html, .md, .xml, .json)")
        data = read_bytes(path)
        results = [data] if isinstance(data, Skipped) else parse_file(path, data)
        files.append({
            "file": str(path),
            "articles": [outputs.article_record(r) for r in results if not isinstance(r, Skipped)],
            "skipped": [r.reason for r in results if isinstance(r, Skipped)],
        })
    sys.stdout.buffer.write(outputs.to_json({"files": files}))
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="briefing", description="Weekly market-news briefings in HTML, PDF and DOCX.")
    p.add_argument("--config", help="config file (default: briefing.toml in this folder or above)")
    p.add_argument("-v", "--verbose", action="store_true", help="show tracebacks and progress")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    b = sub.add_parser("build", help="build the week's HTML, PDF and DOCX into output/WEEK/")
    b.add_argument("--week", required=True, help="ISO week, YYYY-WW (e.g. 2025-47)")
    b.add_argument("--strict", action="store_true", help="fail on any skipped file or config warning")
    b.set_defaults(func=cmd_build)
    i = sub.add_parser("items", help="print the week's items as JSON or CSV")
    i.add_argument("--week", required=True, help="ISO week, YYYY-WW")
    i.add_argument("--format", choices=("json", "csv"), default="json")
    i.set_defaults(func=cmd_items)
    w = sub.add_parser("weeks", help="list the weeks that have articles, with counts")
    w.set_defaults(func=cmd_weeks)
    pa = sub.add_parser("parse", help="print what was parsed from the given files as JSON")
    pa.add_argument("files", nargs="+", metavar="FILE", help="article files (.txt, .html, .md, .xml/.rss/.atom, .json)")
    pa.set_defaults(func=cmd_parse)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    _log_to_stderr(args.verbose)
    try:
        return args.func(args)
    except BriefingError as exc:
        if args.verbose:
            raise
        print(f"briefing: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("briefing: interrupted; nothing was written for an unfinished build", file=sys.stderr)
        return 130
