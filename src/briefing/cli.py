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
        f"in {result.seconds:.1f} s"
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
    writer.writerow(["section", "category", "headline", "date", "companies", "figures", "article", "origin", "id"])
    for r, item in zip(records, briefing.items):
        writer.writerow([
            r["section"], item.category, item.headline, item.date.isoformat() if item.date else "",
            "; ".join(f"{c.name} {c.code or ''}".strip() for c in item.companies),
            "; ".join(f.text for f in item.figures), item.article, item.origin, item.id,
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


def cmd_check_templates(args: argparse.Namespace) -> int:
    from . import templatevars
    from .errors import TemplateError

    cfg = _config(args)
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
    from . import templatevars

    cfg = _config(args)
    text = templatevars.document(cfg)
    if args.write:
        target = cfg.root / templatevars.DOC_PATH
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        print(f"wrote {templatevars.DOC_PATH}")
    else:
        sys.stdout.write(text)
    return 0


def cmd_preview(args: argparse.Namespace) -> int:
    from . import preview

    try:
        preview.run(_config(args), args.week, args.port, Path(args.config) if args.config else None)
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
    b.add_argument("--week", required=True, help="ISO week, YYYY-WW (e.g. 2025-47)")
    b.add_argument("--strict", action="store_true", help="fail on any skipped file or config warning")
    b.set_defaults(func=cmd_build)
    i = sub.add_parser("items", help="print the week's items as JSON or CSV")
    i.add_argument("--week", required=True, help="ISO week, YYYY-WW")
    i.add_argument("--format", choices=("json", "csv"), default="json")
    i.set_defaults(func=cmd_items)
    w = sub.add_parser("weeks", help="list the weeks that have articles, with counts")
    w.set_defaults(func=cmd_weeks)
    c = sub.add_parser("check-templates", help="list variables the templates use that the briefing does not provide")
    c.set_defaults(func=cmd_check_templates)
    d = sub.add_parser("template-docs", help="print docs/templates.md (the variables templates may use)")
    d.add_argument("--write", action="store_true", help="write docs/templates.md instead of printing it")
    d.set_defaults(func=cmd_template_docs)
    v = sub.add_parser("preview", help="serve the week on 127.0.0.1 and rebuild it when an input changes")
    v.add_argument("--week", required=True, help="ISO week, YYYY-WW")
    v.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default 8000; 0: any free port)")
    v.set_defaults(func=cmd_preview)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="briefing: %(levelname)s: %(message)s")
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
