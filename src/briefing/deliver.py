"""Delivery: send the week's built PDF to every active subscriber, exactly once.

The ledger (table ``deliveries`` in the state database) holds one row per
(week, subscriber, PDF sha256). Its states and the order of events:

    pending   intent recorded for the whole batch before the first message, and
              again after a temporary refusal (4xx) or a lost connection;
              the server has not accepted this message: safe to send again
    sending   recorded durably just BEFORE the final "<CRLF>.<CRLF>" of DATA
              is written; from here the server may accept the message
    sent      the server answered 250 to the end of DATA (its reply is kept)
    failed    the server refused permanently (5xx; its reply is kept)

An SMTP server takes responsibility for a message only when it has read the
end-of-data line; a transaction cut before it is discarded (RFC 5321,
4.1.1.4). So a run that is killed, or loses its connection, at any moment
leaves each row either ``pending`` (never accepted: the next run sends it) or
``sending``/``sent`` (possibly or certainly accepted: never sent again
automatically). The one case no client can decide is a row left ``sending``:
the server got the end of the message but its answer never reached us. Such a
delivery is reported as *unconfirmed*; it is not resent unless the operator
asks (``send --resend-unconfirmed``, same Message-ID), or marks it
delivered (``deliveries --confirm``). No subscriber is ever mailed twice by
reruns; the price is that an unconfirmed delivery the server in fact lost
needs that one manual decision.

Only one send runs at a time (a lock file beside the state database, released
by the OS even after ``kill -9``). The password is read from the environment
variable named by ``mail.password_env`` and is never printed or logged.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import smtplib
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from . import dates, state, subscribers
from .batch import Batch, Progress, Report
from .config import Config
from .errors import DeliveryError
from .ledger import Delivery, Ledger, approve, check_approval, confirm, deliveries  # noqa: F401 (the delivery API)
from .message import Composer, Edition, envelope_sender, load_edition, message_id
from .smtp import RateLimit, _close, _reply, connect, password, tls_context  # noqa: F401 (RateLimit: the API)
from .subscribers import Subscriber

CHECK_RECIPIENT = Subscriber("check@briefing.invalid", "Check", "active")  # proves the templates build a message

GAP_REPLY = ("no record: the ledger of this week was lost and repaired at {noted}; may have been sent (check the "
             "mail server's log, then 'briefing deliveries --confirm' or 'briefing send --resend-unconfirmed')")


def _quiet(line: str) -> None:
    pass


@contextlib.contextmanager
def send_lock(state_path: Path) -> Iterator[None]:
    """Only one send at a time; the OS drops the lock when the process ends, however it ends."""
    path = state_path.with_name(state_path.name + ".send-lock")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fh = open(path, "a+")
    except OSError as exc:
        raise DeliveryError(f"{path}: cannot be opened as the send lock ({exc.strerror or exc}); remove it "
                            "(it must be a file, or absent) or set 'state' in briefing.toml elsewhere") from None
    with fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.EACCES):
                raise
            fh.seek(0)
            holder = fh.read().strip() or "another process"
            raise DeliveryError(f"{path}: another send is running ({holder}); wait for it to finish") from None
        fh.seek(0)
        fh.truncate()
        fh.write(f"pid {os.getpid()}")
        fh.flush()
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


# ---------------------------------------------------------------- the run

def _check_other_versions(db: sqlite3.Connection, edition: Edition, correction: bool) -> None:
    row = db.execute("SELECT sha256, COUNT(*) AS n FROM deliveries WHERE week = ? AND sha256 != ? "
                     "AND status IN ('sent', 'sending') GROUP BY sha256 ORDER BY n DESC",
                     (edition.week, edition.sha256)).fetchone()
    if row and not correction:
        raise DeliveryError(
            f"week {edition.week}: {row['n']} subscriber(s) already received another version of the PDF "
            f"(sha256 {row['sha256'][:12]}); sending this one would mail them a second briefing; "
            "pass --correction to send the changed PDF to everyone")


def _when() -> float:
    """The Date of a message: now, or SOURCE_DATE_EPOCH for reproducible dry runs."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return float(epoch) if epoch.isdigit() else time.time()


def dry_run(config: Config, edition: Edition, composer: Composer, recipients: list[Subscriber],
            report: Report) -> Report:
    """Write one .eml per recipient into output/WEEK/outbox/; nothing is sent, the ledger is not touched."""
    from .publish import publish

    files = {}
    for sub in recipients:
        msgid = message_id(edition, sub.email, config.mail.sender)
        files[sub.email.replace("/", "_") + ".eml"] = composer.payload(sub, msgid, _when())
    outbox = config.output_dir / edition.week / "outbox"
    publish(outbox, files)
    report.to_send, report.outbox = len(files), outbox
    return report


def send_test(config: Config, week: str, address: str) -> str:
    """Send one copy to an editor; the ledger and the approval are not consulted or changed."""
    week = dates.parse_week(week)[0]
    edition = load_edition(config, week)
    try:
        email = subscribers.normalize(address)
    except ValueError as exc:
        raise DeliveryError(f"--test-to: {exc}; give the editor's address") from None
    name = ""
    if config.state_path.exists():
        known = subscribers.get(state.connect(config.state_path), email)
        name = known.name if known else ""
    composer = Composer(config, edition)
    sender = envelope_sender(config.mail.sender)
    payload = composer.payload(Subscriber(email, name, "active"),
                               message_id(edition, f"test:{email}:{time.time()}", config.mail.sender), time.time())
    smtp = connect(config.mail, password(config.mail))
    try:
        smtp.sendmail(sender, [email], payload)
    except smtplib.SMTPRecipientsRefused as exc:
        code, text = exc.recipients[email]
        fix = "try again later" if 400 <= code < 500 else "check the address"
        raise DeliveryError(f"{email}: the mail server refused the test copy ({_reply(code, text)}); {fix}") from None
    except smtplib.SMTPResponseException as exc:
        raise DeliveryError(f"{email}: the mail server refused the test copy "
                            f"({_reply(exc.smtp_code, exc.smtp_error)})") from None
    except (OSError, smtplib.SMTPException) as exc:
        raise DeliveryError(f"mail server {config.mail.host}:{config.mail.port}: connection lost while sending "
                            f"the test copy ({exc}); try again") from None
    finally:
        _close(smtp)
    return f"test copy of {week} sent to {email} (not recorded in the ledger)"


def send(config: Config, week: str, *, dry: bool = False, correction: bool = False,
         resend_unconfirmed: bool = False, retry_failed: bool = False, progress: Progress = _quiet,
         sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.monotonic) -> Report:
    """Send the week's approved PDF to every active subscriber not yet served; return what happened."""
    week = dates.parse_week(week)[0]
    edition = load_edition(config, week)
    composer = Composer(config, edition)  # template and subject errors surface before anything is sent
    sender = envelope_sender(config.mail.sender)
    db = state.connect(config.state_path)
    report = Report(week=week, sha256=edition.sha256)
    if dry:
        if config.mail.require_approval:
            try:
                check_approval(db, edition)
            except DeliveryError as exc:
                report.note = f"note: {exc}\n"
        recipients = _recipients(db, Ledger(db, week, edition.sha256), report, resend_unconfirmed, retry_failed)
        return dry_run(config, edition, composer, recipients, report)
    if config.mail.require_approval:
        check_approval(db, edition)
    secret = password(config.mail)
    tls_context(config.mail)  # a bad mail.ca_file stops the run before the ledger is touched
    with send_lock(config.state_path):
        _check_other_versions(db, edition, correction)
        ledger = Ledger(db, week, edition.sha256)
        recipients = _recipients(db, ledger, report, resend_unconfirmed, retry_failed)
        if report.uncertain:
            ledger.uncertain([(s.email, message_id(edition, s.email, config.mail.sender)) for s in report.uncertain],
                             GAP_REPLY.format(noted=ledger.gap()))
        report.to_send = len(recipients)
        if not recipients:
            return report
        composer.payload(CHECK_RECIPIENT, "<check@briefing.invalid>", time.time())  # templates work at all
        ledger.plan([(s.email, message_id(edition, s.email, config.mail.sender)) for s in recipients])
        Batch(config, edition, composer, ledger, sender, secret, report, progress, sleep, clock).run(recipients)
    return report


def _recipients(db: sqlite3.Connection, ledger: Ledger, report: Report, resend_unconfirmed: bool,
                retry_failed: bool = False) -> list[Subscriber]:
    """Active subscribers this run should mail; the others are counted in the report."""
    active = subscribers.listing(db, "active")
    rows = ledger.rows()
    gap = ledger.gap()
    report.recipients = len(active)
    todo = []
    for sub in active:
        row = rows.get(sub.email.lower())
        status = row.status if row else "pending"
        if row is None and gap:  # the repaired ledger cannot say whether this one was mailed
            report.uncertain.append(sub)
            status = "sending"
            row = Delivery(ledger.week, sub.email, ledger.sha256, status, 0, GAP_REPLY.format(noted=gap), "", gap)
        if status == "sent":
            report.already_sent += 1
        elif status == "failed" and not retry_failed:
            report.failed_before.append((sub.email, row.reply if row else ""))
        elif status == "sending" and not resend_unconfirmed:
            report.unconfirmed.append((sub.email, row.reply if row else ""))
        else:
            todo.append(sub)
    return todo
