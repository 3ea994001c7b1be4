"""The ``briefing`` command. Thin: it parses arguments, calls a stage, prints one line.

Every user error is printed as one line on stderr (no traceback unless
``--verbose``) and ends the command with a non-zero status.
"""

from __future__ import annotations

import argparse
import csv
import io
import logging
import sqlite3
import sys
from pathlib import Path

from . import clidelivery
from .errors import BriefingError


def load_config(args: argparse.Namespace):
    from . import config

    root = config.find_root(Path(args.config).parent if args.config else None)
    cfg, warnings = config.load(root, Path(args.config) if args.config else None)
    for warning in warnings:
        if getattr(args, "strict", False):
            raise config.ConfigError(f"{config.CONFIG_NAME}: {warning} (--strict makes this fatal)")
        logging.getLogger("briefing").warning("%s: %s", config.CONFIG_NAME, warning)
    return cfg


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def summary(result, verbose: bool = False) -> str:
    """The one line that says what a build made and what it left out (with --verbose, why each
    item was rejected and which characters were dropped)."""
    rel = result.out_dir
    try:
        rel = result.out_dir.relative_to(Path.cwd())
    except ValueError:
        pass
    charts = sum(1 for f in result.files if f.suffix == ".svg")
    dropped = sum(n.count for _, n in result.notes if n.kind == "dropped")
    rejected = sum(n.count for _, n in result.notes if n.kind == "rejected")
    line = (
        f"briefing {result.week}: {_count(result.items, 'item')} in {_count(result.sections, 'section')} "
        f"from {_count(result.articles, 'article')} ({_count(result.duplicates, 'duplicate')} merged, "
        f"{result.other_weeks} in other weeks, {_count(len(result.skipped), 'file')} skipped, "
        f"{_count(rejected, 'item')} rejected, {_count(dropped, 'character')} dropped) -> {rel}/: "
        f"html, pdf, docx, items.json, {_count(charts, 'chart')} ({_count(len(result.files), 'file')}) "
        f"in {result.seconds:.1f} s"
    )
    left_out = [f"{s.path.name} ({s.reason})" for s in result.skipped] + list(result.charts_skipped)
    if left_out:
        line += "; skipped: " + "; ".join(left_out)
    if verbose and result.notes:
        line += "; " + "; ".join(f"{note.kind} in {name}: {note.reason}" for name, note in result.notes)
    return line


def cmd_build(args: argparse.Namespace) -> int:
    from .build import build

    if args.weeks:
        from .histcli import build_range

        return build_range(load_config(args), args.weeks, args.strict, lambda r: summary(r, args.verbose))
    result = build(load_config(args), args.week, strict=args.strict)
    print(summary(result, args.verbose))
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    from .histcli import cmd_history as history

    return history(args, load_config(args))


def cmd_items(args: argparse.Namespace) -> int:
    from . import dates, group, outputs
    from .corpus import read_week

    cfg = load_config(args)
    week, start, end = dates.parse_week(args.week)
    articles, _, _ = read_week(cfg, week)  # only the week's articles come out of the cache
    briefing = group.group(cfg, week, start, end, articles)
    records = [outputs.item_record(i, s.key) for s in briefing.sections for i in s.items]
    if args.format == "json":
        sys.stdout.buffer.write(outputs.to_json(records))
        return 0
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["section", "category", "headline", "date", "companies", "figures", "article", "origin", "id",
                     "sources"])
    for r, item in zip(records, briefing.items):
        writer.writerow([
            r["section"], item.category, item.headline, item.date.isoformat() if item.date else "",
            "; ".join(f"{c.name} {c.code or ''}".strip() for c in item.companies),
            "; ".join(f.text for f in item.figures), item.article, item.origin, item.id,
            "; ".join(str(s) for s in item.sources),
        ])
    sys.stdout.write(out.getvalue())
    return 0


def cmd_weeks(args: argparse.Namespace) -> int:
    from .corpus import read_articles, weeks

    from .histcli import stored

    cfg = load_config(args)
    articles, skipped = read_articles(cfg)
    counts = weeks(articles)
    kept = stored(cfg)
    for week in sorted(set(counts) | set(kept)):
        items = sum(len(a.items) for a in articles if a.week == week)
        have = f"{counts[week]} article{'s' if counts[week] != 1 else ''}\t{items} items" if week in counts \
            else "no articles\t-"
        print(f"{week}\t{have}\t{kept.get(week, 'not stored')}")
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
    from . import config, outputs
    from .parse import companies
    from .corpus import parse_file
    from .errors import UsageError
    from .ingest import read_bytes
    from .models import Skipped

    root = config.find_root(Path(args.config).parent if args.config else None)
    if (root / config.CONFIG_NAME).exists():  # the project's own alias table, when run inside one
        companies.use_aliases(root / load_config(args).companies)
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


def cmd_check_templates(args: argparse.Namespace) -> int:
    from . import templatevars
    from .errors import TemplateError

    cfg = load_config(args)
    problems, count = templatevars.check(cfg)
    for problem in problems:
        print(problem.shown(cfg.root))
    if problems:
        raise TemplateError(
            f"{len(problems)} use{'s' if len(problems) != 1 else ''} of variables the briefing does not provide "
            f"in {count} templates (listed above); fix them (the variables are in {templatevars.DOC_PATH})")
    print(f"{count} templates checked: every variable they use is provided")
    return 0


def cmd_template_docs(args: argparse.Namespace) -> int:
    from . import templatedocs

    cfg = load_config(args)
    text = templatedocs.document(cfg)
    if args.write:
        target = cfg.root / templatedocs.DOC_PATH
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        print(f"wrote {templatedocs.DOC_PATH}")
    else:
        sys.stdout.write(text)
    return 0


def cmd_preview(args: argparse.Namespace) -> int:
    from . import preview

    try:
        preview.run(load_config(args), args.week, args.port, Path(args.config) if args.config else None)
    except OSError as exc:
        from .errors import UsageError

        raise UsageError(f"preview: cannot listen on 127.0.0.1:{args.port} ({exc.strerror}); "
                         f"give another port (make preview PORT=8001)") from None
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="briefing", description="Weekly market-news briefings in HTML, PDF and DOCX.")
    p.add_argument("--config", help="config file (default: briefing.toml in this folder or above)")
    p.add_argument("-v", "--verbose", action="store_true", help="show tracebacks and progress")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    b = sub.add_parser("build", help="build the week's HTML, PDF and DOCX into output/WEEK/")
    which = b.add_mutually_exclusive_group(required=True)
    which.add_argument("--week", help="ISO week, YYYY-WW (e.g. 2025-47)")
    which.add_argument("--weeks", help="a range of weeks FIRST..LAST, built in order (e.g. 2025-40..2025-47)")
    b.add_argument("--strict", action="store_true", help="fail on any skipped file or config warning")
    b.set_defaults(func=cmd_build)
    i = sub.add_parser("items", help="print the week's items as JSON or CSV")
    i.add_argument("--week", required=True, help="ISO week, YYYY-WW")
    i.add_argument("--format", choices=("json", "csv"), default="json")
    i.set_defaults(func=cmd_items)
    w = sub.add_parser("weeks", help="list the weeks that have articles, with counts, and those stored")
    w.set_defaults(func=cmd_weeks)
    h = sub.add_parser("history", help="a product's price series or a company's items, week by week, from the store")
    h.add_argument("--product", help="a product as the price table names it (a part of the name is enough)")
    h.add_argument("--company", help="a company (a part of its name is enough)")
    h.add_argument("--weeks", type=int, default=12, help="the last N stored weeks (default 12)")
    h.add_argument("--format", choices=("csv", "json"), default="csv")
    h.set_defaults(func=cmd_history)
    clidelivery.commands(sub)
    c = sub.add_parser("check-templates", help="list variables the templates use that the briefing does not provide")
    c.set_defaults(func=cmd_check_templates)
    d = sub.add_parser("template-docs", help="print docs/templates.md (the variables templates may use)")
    d.add_argument("--write", action="store_true", help="write docs/templates.md instead of printing it")
    d.set_defaults(func=cmd_template_docs)
    v = sub.add_parser("preview", help="serve the week on 127.0.0.1 and rebuild it when an input changes")
    v.add_argument("--week", required=True, help="ISO week, YYYY-WW")
    v.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default 8000; 0: any free port)")
    v.set_defaults(func=cmd_preview)
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
    except sqlite3.DatabaseError as exc:  # damage met after the store was opened and checked
        if args.verbose:
            raise
        print(f"briefing: error: state database ('state' in briefing.toml): {exc}; run 'briefing deliveries "
              "--repair' (it keeps a copy and never mails anyone twice), or restore it from a backup", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        if args.command == "send":
            print("briefing: interrupted; the ledger holds what was sent: run the same send again to finish "
                  "('briefing deliveries' shows it)", file=sys.stderr)
            return 130
        print("briefing: interrupted; nothing was written for an unfinished build", file=sys.stderr)
        return 130
