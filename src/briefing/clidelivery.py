"""The delivery commands of ``briefing``: approve, send, deliveries, subscribers. Thin, as the rest of the CLI."""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path


def load_config(args: argparse.Namespace):
    from .cli import load_config as load

    return load(args)


def cmd_approve(args: argparse.Namespace) -> int:
    from . import deliver

    edition, approver = deliver.approve(load_config(args), args.week)
    print(f"approved {edition.week}: {edition.pdf_path.name} sha256 {edition.sha256} by {approver}; "
          f"'briefing send --week {edition.week}' sends exactly this file")
    return 0


def cmd_send(args: argparse.Namespace) -> int:
    from . import deliver

    cfg = load_config(args)
    if args.test_to:
        print(deliver.send_test(cfg, args.week, args.test_to))
        return 0

    def progress(line: str) -> None:
        print(f"briefing: {line}", file=sys.stderr, flush=True)

    report = deliver.send(cfg, args.week, dry=args.dry_run, correction=args.correction,
                          resend_unconfirmed=args.resend_unconfirmed, retry_failed=args.retry_failed,
                          progress=progress)
    print(report.line())
    return 0 if report.ok else 1


def cmd_deliveries(args: argparse.Namespace) -> int:
    from . import deliver

    cfg = load_config(args)
    if args.repair:
        from . import repair

        print(repair.repair(cfg))
        return 0
    if not args.week:
        from .errors import UsageError

        raise UsageError("deliveries: --week is missing; give the ISO week, e.g. --week 2025-47 "
                         "(or --repair to repair the state database)")
    if args.confirm:
        done = deliver.confirm(cfg, args.week, args.confirm)
        print(f"{done.email}: marked delivered for {done.week} (sha256 {done.sha256[:12]})")
        return 0
    rows = deliver.deliveries(cfg, args.week)
    writer = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    writer.writerow(["email", "status", "attempts", "updated", "pdf_sha256", "message_id", "reply"])
    for d in rows:
        writer.writerow([d.email, d.status, d.attempts, d.updated, d.sha256[:12], d.message_id, d.reply])
    counts: dict[str, int] = {}
    for d in rows:
        counts[d.status] = counts.get(d.status, 0) + 1
    shown = ", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "no deliveries"
    print(f"({len(rows)} rows for {args.week}: {shown})", file=sys.stderr)
    return 0


def cmd_subscribers(args: argparse.Namespace) -> int:
    from . import state, subscribers

    cfg = load_config(args)
    db = state.connect(cfg.state_path)
    if args.action == "add":
        sub, change = subscribers.add(db, args.email, args.name, resubscribe=args.resubscribe)
        hint = " (pass --resubscribe if they asked to be mailed again)" if change == "kept unsubscribed" else ""
        print(f"{sub.email}: {change}, {sub.status}{hint}")
    elif args.action == "remove":
        sub = subscribers.remove(db, args.email)
        print(f"{sub.email}: unsubscribed (kept in the list so it is never mailed)")
    elif args.action == "import":
        r = subscribers.import_csv(db, Path(args.csv), skip_invalid=args.skip_invalid)
        left_out = "; ".join(f"line {line}: {reason}" for line, reason in r.invalid)
        print(f"imported {args.csv}: {r.rows} rows: {r.added} added, {r.updated} updated, {r.unchanged} unchanged, "
              f"{r.merged} duplicate rows merged, {r.kept_unsubscribed} kept unsubscribed, "
              f"{len(r.invalid)} invalid left out{': ' + left_out if left_out else ''}")
    else:
        status = None if args.status == "all" else args.status
        listed = subscribers.listing(db, status)
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["email", "name", "status"])
        for sub in listed:
            writer.writerow([sub.email, sub.name, sub.status])
        which = "" if status is None else f"{status} "
        print(f"({len(listed)} {which}subscriber{'s' if len(listed) != 1 else ''} in {cfg.state_path})",
              file=sys.stderr)
    return 0


def commands(sub) -> None:
    a = sub.add_parser("approve", help="record the built PDF of a week as the one to send")
    a.add_argument("--week", required=True, help="ISO week, YYYY-WW")
    a.set_defaults(func=cmd_approve)
    s = sub.add_parser("send", help="email the approved PDF to every active subscriber, exactly once")
    s.add_argument("--week", required=True, help="ISO week, YYYY-WW")
    how = s.add_mutually_exclusive_group()
    how.add_argument("--dry-run", action="store_true", help="write one .eml per recipient to output/WEEK/outbox/")
    how.add_argument("--test-to", metavar="ADDRESS", help="send one copy to ADDRESS, outside the ledger")
    s.add_argument("--correction", action="store_true",
                   help="send a PDF that differs from one already sent this week (everyone gets it again)")
    s.add_argument("--resend-unconfirmed", action="store_true",
                   help="send again where the server's answer was lost (same Message-ID)")
    s.add_argument("--retry-failed", action="store_true",
                   help="try again the subscribers an earlier run failed for (refused address, bad entry)")
    s.set_defaults(func=cmd_send)
    d = sub.add_parser("deliveries", help="show the delivery ledger of a week")
    d.add_argument("--week", help="ISO week, YYYY-WW")
    how = d.add_mutually_exclusive_group()
    how.add_argument("--confirm", metavar="ADDRESS", help="mark an unconfirmed delivery as delivered")
    how.add_argument("--repair", action="store_true",
                     help="rebuild a damaged state database from what can be read (keeps a copy; never re-sends)")
    d.set_defaults(func=cmd_deliveries)
    u = sub.add_parser("subscribers", help="add, remove, list or import subscribers")
    actions = u.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = actions.add_parser("add", help="add a subscriber (or update their name)")
    add.add_argument("email")
    add.add_argument("--name", default="")
    add.add_argument("--resubscribe", action="store_true", help="make an unsubscribed address active again")
    rm = actions.add_parser("remove", help="unsubscribe an address (it is kept and never mailed)")
    rm.add_argument("email")
    ls = actions.add_parser("list", help="print subscribers as CSV")
    ls.add_argument("--status", choices=("active", "unsubscribed", "all"), default="all")
    im = actions.add_parser("import", help="merge a CSV with columns email, name, status")
    im.add_argument("csv")
    im.add_argument("--skip-invalid", action="store_true", help="import the valid rows, list the others")
    u.set_defaults(func=cmd_subscribers)
