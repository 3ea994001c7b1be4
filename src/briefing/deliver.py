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
import dataclasses
import errno
import fcntl
import getpass
import heapq
import itertools
import os
import re
import smtplib
import socket
import sqlite3
import ssl
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import dates, state, subscribers
from .config import Config, Mail
from .errors import DeliveryError
from .message import Composer, Edition, envelope_sender, load_edition, message_id
from .subscribers import Subscriber

Progress = Callable[[str], None]
CHECK_RECIPIENT = Subscriber("check@briefing.invalid", "Check", "active")  # proves the templates build a message

GAP_REPLY = ("no record: the ledger of this week was lost and repaired at {noted}; may have been sent (check the "
             "mail server's log, then 'briefing deliveries --confirm' or 'briefing send --resend-unconfirmed')")
UNCONFIRMED_REPLY = ("connection lost after the end of the message was sent; the server may have accepted it "
                     "(check its log for the Message-ID, then 'briefing deliveries --confirm' or "
                     "'briefing send --resend-unconfirmed')")


def _quiet(line: str) -> None:
    pass


# ---------------------------------------------------------------- approval

def approve(config: Config, week: str) -> tuple[Edition, str]:
    """Record the built PDF's hash as the one that may be sent; return it with the approver."""
    week = dates.parse_week(week)[0]
    edition = load_edition(config, week)
    approver = getpass.getuser()
    db = state.connect(config.state_path)
    with state.transaction(db):
        db.execute("INSERT OR REPLACE INTO approvals (week, sha256, file, approved, approver) VALUES (?, ?, ?, ?, ?)",
                   (week, edition.sha256, edition.pdf_path.name, state.now(), approver))
    return edition, approver


def check_approval(db: sqlite3.Connection, edition: Edition) -> None:
    row = db.execute("SELECT * FROM approvals WHERE week = ?", (edition.week,)).fetchone()
    if row is None:
        raise DeliveryError(f"week {edition.week}: {edition.pdf_path.name} is not approved; read it, then run "
                            f"'briefing approve --week {edition.week}' (or set mail.require_approval = false)")
    if row["sha256"] != edition.sha256:
        raise DeliveryError(
            f"{edition.pdf_path}: changed since it was approved at {row['approved']} by {row['approver']} "
            f"(sha256 now {edition.sha256[:12]}, approved {row['sha256'][:12]}); read it again, then run "
            f"'briefing approve --week {edition.week}'")


# ---------------------------------------------------------------- the ledger

@dataclass(frozen=True)
class Delivery:
    week: str
    email: str
    sha256: str
    status: str
    attempts: int
    reply: str
    message_id: str
    updated: str


class Ledger:
    """The delivery rows of one week and one PDF; every change is committed before it returns."""

    def __init__(self, db: sqlite3.Connection, week: str, sha256: str):
        self.db, self.week, self.sha256 = db, week, sha256

    def rows(self) -> dict[str, Delivery]:
        found = self.db.execute("SELECT * FROM deliveries WHERE week = ? AND sha256 = ?", (self.week, self.sha256))
        return {r["email"].lower(): Delivery(**dict(r)) for r in found}

    def plan(self, recipients: list[tuple[str, str]]) -> None:
        """Record the intent to send to each (email, message_id), all in one transaction."""
        with state.transaction(self.db):
            self.db.executemany(
                "INSERT OR IGNORE INTO deliveries (week, email, sha256, status, message_id, updated) "
                "VALUES (?, ?, ?, 'pending', ?, ?)",
                [(self.week, email, self.sha256, msgid, state.now()) for email, msgid in recipients])

    def _set(self, email: str, status: str, reply: str = "", attempt: bool = False, only_from: str = "") -> int:
        sql = ("UPDATE deliveries SET status = ?, reply = ?, updated = ?, attempts = attempts + ? "
               "WHERE week = ? AND email = ? AND sha256 = ?")
        args: list[object] = [status, reply, state.now(), int(attempt), self.week, email, self.sha256]
        if only_from:
            sql += " AND status = ?"
            args.append(only_from)
        try:
            return self.db.execute(sql, args).rowcount
        except sqlite3.Error as exc:
            raise DeliveryError(f"state database: cannot record {status!r} for {email} ({exc}); the run stopped "
                                "there and the ledger is consistent; free the disk or fix the file, then send again"
                                ) from None

    def sending(self, email: str) -> None:
        self._set(email, "sending", "end of message being sent", attempt=True)

    def sent(self, email: str, reply: str) -> None:
        self._set(email, "sent", reply)

    def deferred(self, email: str, reply: str, attempt: bool) -> None:
        self._set(email, "pending", reply, attempt=attempt)

    def failed(self, email: str, reply: str, attempt: bool) -> None:
        self._set(email, "failed", reply, attempt=attempt)

    def unconfirmed(self, email: str) -> None:
        self._set(email, "sending", UNCONFIRMED_REPLY)

    def uncertain(self, recipients: list[tuple[str, str]], reply: str) -> None:
        """Record as unconfirmed the (email, message_id) of a week whose ledger a repair could not read whole."""
        with state.transaction(self.db):
            self.db.executemany(
                "INSERT OR IGNORE INTO deliveries (week, email, sha256, status, reply, message_id, updated) "
                "VALUES (?, ?, ?, 'sending', ?, ?, ?)",
                [(self.week, email, self.sha256, reply, msgid, state.now()) for email, msgid in recipients])

    def gap(self) -> str:
        """When a repair noted this week's ledger as incomplete (its time), else ""."""
        row = self.db.execute("SELECT noted FROM ledger_gaps WHERE first <= ? AND ? <= last ORDER BY noted DESC",
                              (self.week, self.week)).fetchone()
        return row["noted"] if row else ""

    def drop(self, email: str) -> None:
        """Forget a pending row (the subscriber unsubscribed before their turn)."""
        self.db.execute("DELETE FROM deliveries WHERE week = ? AND email = ? AND sha256 = ? AND status = 'pending'",
                        (self.week, email, self.sha256))

    def confirm(self, email: str) -> bool:
        return self._set(email, "sent", "confirmed delivered by the operator", only_from="sending") == 1


def deliveries(config: Config, week: str) -> list[Delivery]:
    """Every ledger row of a week (all PDF versions), oldest first."""
    week = dates.parse_week(week)[0]
    db = state.connect(config.state_path)
    rows = db.execute("SELECT * FROM deliveries WHERE week = ? ORDER BY updated, email", (week,))
    return [Delivery(**dict(r)) for r in rows]


def confirm(config: Config, week: str, address: str) -> Delivery:
    """Mark an unconfirmed delivery as delivered, after checking the server's log."""
    week = dates.parse_week(week)[0]
    db = state.connect(config.state_path)
    email = address.strip()
    rows = [d for d in deliveries(config, week) if d.email.lower() == email.lower() and d.status == "sending"]
    if not rows:
        raise DeliveryError(f"{email}: no unconfirmed delivery in week {week}; "
                            f"'briefing deliveries --week {week}' lists the ledger")
    Ledger(db, week, rows[-1].sha256).confirm(rows[-1].email)
    return dataclasses.replace(rows[-1], status="sent")


# ---------------------------------------------------------------- SMTP

def password(mail: Mail) -> str | None:
    """The SMTP password from the environment, needed only when ``mail.user`` is set."""
    if not mail.user:
        return None
    value = os.environ.get(mail.password_env, "")
    if not value:
        raise DeliveryError(
            f"environment variable {mail.password_env}: not set, and mail.user is {mail.user!r}; "
            f"export {mail.password_env} with the SMTP password before sending (it is never read from briefing.toml)")
    return value


def _reply(code: int, text: bytes | str) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return f"{code} {' '.join(text.split())}".strip()


def tls_context(mail: Mail) -> ssl.SSLContext:
    """The client TLS settings: verify the server against ``mail.ca_file``, or the system trust store."""
    try:
        return ssl.create_default_context(cafile=mail.ca_file or None)
    except ssl.SSLError as exc:
        problem = f"holds no PEM certificate ({exc.reason or exc})"
    except OSError as exc:
        problem = f"cannot be read ({exc.strerror or exc})"
    raise DeliveryError(f"mail.ca_file {mail.ca_file}: {problem}; set it to the PEM file of the CA that signed "
                        "the mail server's certificate (relative to the repository root), "
                        "or to \"\" for the system trust store")


def _untrusted(mail: Mail, exc: ssl.SSLCertVerificationError) -> str:
    """Why the server's certificate was refused, and what to check."""
    reason = (exc.verify_message or exc.reason or str(exc)).rstrip(".")
    if exc.verify_code in _NAME_MISMATCH:
        return f"TLS failed ({reason}); set mail.host to a name the server's certificate is issued for"
    trusted = mail.ca_file or "empty: the system trust store"
    return (f"TLS failed (the server's certificate is not trusted: {reason}); check that mail.ca_file "
            f"({trusted}) holds the CA that signed it and that the certificate is current")


_NAME_MISMATCH = {62, 64}  # OpenSSL X509_V_ERR_HOSTNAME_MISMATCH, X509_V_ERR_IP_ADDRESS_MISMATCH


def connect(mail: Mail, secret: str | None) -> smtplib.SMTP:
    """An open, authenticated connection to the mail server, or one DeliveryError line saying why not."""
    where = f"mail server {mail.host}:{mail.port}"
    context = tls_context(mail) if mail.security != "none" else None
    smtp: smtplib.SMTP | None = None
    try:
        if mail.security == "tls":
            smtp = smtplib.SMTP_SSL(mail.host, mail.port, timeout=mail.timeout, context=context)
        else:
            smtp = smtplib.SMTP(mail.host, mail.port, timeout=mail.timeout)
        # The end-of-data line goes out on its own after the checkpoint; without
        # TCP_NODELAY it would wait for the body's acknowledgement (Nagle).
        smtp.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        smtp.ehlo()
        if mail.security == "starttls":
            smtp.starttls(context=context)
            smtp.ehlo()
        if mail.user:
            smtp.login(mail.user, secret or "")
        return smtp
    except smtplib.SMTPAuthenticationError as exc:
        _close(smtp)
        raise DeliveryError(f"{where}: login as {mail.user!r} refused ({_reply(exc.smtp_code, exc.smtp_error)}); "
                            f"check mail.user in briefing.toml and the password in ${mail.password_env}") from None
    except smtplib.SMTPNotSupportedError as exc:
        _close(smtp)
        raise DeliveryError(f"{where}: {exc}; check mail.security (none, starttls or tls) and mail.user "
                            "against what the server offers") from None
    except ssl.SSLCertVerificationError as exc:
        _close(smtp)
        raise DeliveryError(f"{where}: {_untrusted(mail, exc)}") from None
    except ssl.SSLError as exc:
        _close(smtp)
        raise DeliveryError(f"{where}: TLS failed ({exc.reason or exc}); check mail.security "
                            "(tls for port 465, starttls for 587) and the server's certificate") from None
    except (OSError, smtplib.SMTPException) as exc:
        _close(smtp)
        detail = str(exc) or type(exc).__name__
        if isinstance(exc, socket.timeout):
            detail = f"no answer within {mail.timeout:g} s"
        raise DeliveryError(f"{where}: unreachable ({detail}); check mail.host, mail.port and mail.security "
                            "in briefing.toml, that the server is running and that no firewall blocks it") from None


def _close(smtp: smtplib.SMTP | None) -> None:
    if smtp is None:
        return
    with contextlib.suppress(OSError, smtplib.SMTPException):
        smtp.quit()
    with contextlib.suppress(OSError):
        smtp.close()


_LEADING_DOT = re.compile(rb"(?m)^\.")


def data_with_checkpoint(smtp: smtplib.SMTP, payload: bytes, before_end: Callable[[], None]) -> tuple[int, bytes]:
    """The DATA command, calling ``before_end`` after the body and before the end-of-data line.

    smtplib's ``data()`` writes body and terminator in one go; here the
    terminator, the moment the server may take the message, is written only
    once ``before_end`` has recorded that moment.
    """
    code, text = smtp.docmd("data")
    if code != 354:
        return code, text
    body = _LEADING_DOT.sub(b"..", payload)
    if not body.endswith(b"\r\n"):
        body += b"\r\n"
    smtp.send(body)
    before_end()
    smtp.send(b".\r\n")
    return smtp.getreply()


@dataclass
class RateLimit:
    """At most ``per_minute`` message starts a minute (0: no limit), evenly spaced."""

    per_minute: int
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    _next: float | None = None

    def wait(self) -> None:
        if self.per_minute <= 0:
            return
        now = self.clock()
        if self._next is not None and self._next > now:
            self.sleep(self._next - now)
            now = self._next
        self._next = now + 60.0 / self.per_minute


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

@dataclass
class Report:
    week: str
    sha256: str
    recipients: int = 0  # active subscribers
    to_send: int = 0
    sent: int = 0
    already_sent: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # this run, permanent
    failed_before: list[tuple[str, str]] = field(default_factory=list)  # earlier runs
    deferred: list[tuple[str, str]] = field(default_factory=list)  # still temporary after the retries
    unconfirmed: list[tuple[str, str]] = field(default_factory=list)
    unsubscribed: int = 0  # unsubscribed while the batch ran
    uncertain: list[Subscriber] = field(default_factory=list)  # no record in a week a repair could not read whole
    stopped: str = ""  # why the run ended early
    outbox: Path | None = None  # --dry-run: where the messages were written
    note: str = ""  # said before the summary, e.g. that a dry run's PDF is not approved yet

    @property
    def ok(self) -> bool:
        return not (self.failed or self.deferred or self.unconfirmed or self.stopped)

    def line(self) -> str:
        def listed(pairs: list[tuple[str, str]]) -> str:
            shown = "; ".join(f"{email}: {reason}" for email, reason in pairs[:5])
            return f" ({shown}{'; ...' if len(pairs) > 5 else ''})" if pairs else ""

        if self.outbox is not None:
            plural = "s" if self.to_send != 1 else ""
            return (f"{self.note}dry run {self.week}: {self.to_send} message{plural} written to {self.outbox}/ "
                    f"({self.already_sent} already sent, {self.recipients} active in all); nothing was sent")
        parts = [f"{self.sent} sent", f"{self.already_sent} already sent",
                 f"{len(self.failed)} failed{listed(self.failed)}"]
        if self.failed_before:
            parts.append(f"{len(self.failed_before)} failed in an earlier run{listed(self.failed_before)}")
        if self.deferred:
            parts.append(f"{len(self.deferred)} deferred, the next run retries{listed(self.deferred)}")
        if self.unconfirmed:
            parts.append(f"{len(self.unconfirmed)} unconfirmed, not resent{listed(self.unconfirmed)}")
        if self.unsubscribed:
            parts.append(f"{self.unsubscribed} unsubscribed during the run")
        line = f"send {self.week}: " + ", ".join(parts) + f" [pdf sha256 {self.sha256[:12]}]"
        if not self.recipients:
            line += "; no active subscribers: add them with 'briefing subscribers add' or 'briefing subscribers import'"
        if self.stopped:
            line += f"; stopped early: {self.stopped}"
        return line


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
        _Batch(config, edition, composer, ledger, sender, secret, report, progress, sleep, clock).run(recipients)
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


class _Batch:
    """One run over the recipients: connections, retries, rate limit, progress."""

    def __init__(self, config: Config, edition: Edition, composer: Composer, ledger: Ledger, sender: str,
                 secret: str | None, report: Report, progress: Progress,
                 sleep: Callable[[float], None], clock: Callable[[], float]):
        self.config, self.mail, self.edition = config, config.mail, edition
        self.composer, self.ledger, self.sender, self.secret = composer, ledger, sender, secret
        self.report, self.progress, self.sleep, self.clock = report, progress, sleep, clock
        self.limit = RateLimit(self.mail.rate_per_minute, clock, sleep)
        self.smtp: smtplib.SMTP | None = None
        self.on_connection = 0
        self.connected = False  # a connection has worked in this run
        self.done = 0

    def _note(self, sub: Subscriber, what: str) -> None:
        self.done += 1
        self.progress(f"{self.done} of {self.report.to_send}: {sub.email} {what}")

    def _connection(self) -> smtplib.SMTP:
        """The open connection, renewed after ``batch_size`` messages or after it was lost."""
        if self.smtp is not None and self.on_connection >= self.mail.batch_size:
            _close(self.smtp)
            self.smtp = None
        if self.smtp is None:
            for attempt in range(self.mail.retries + 1):
                try:
                    self.smtp = connect(self.mail, self.secret)
                    break
                except DeliveryError:
                    if attempt == self.mail.retries or not self.connected:
                        raise
                    self.sleep(self.mail.retry_delay * 2 ** attempt)
            self.on_connection = 0
            self.connected = True
        assert self.smtp is not None
        return self.smtp

    def _drop_connection(self) -> None:
        with contextlib.suppress(OSError):
            if self.smtp is not None:
                self.smtp.close()
        self.smtp = None

    def run(self, recipients: list[Subscriber]) -> None:
        queue = deque(recipients)
        later: list[tuple[float, int, Subscriber]] = []  # (due, order, subscriber) of 4xx refusals
        tries: dict[str, int] = {}
        order = itertools.count()
        try:
            while queue or later:
                if not queue:
                    due, _, sub = heapq.heappop(later)
                    wait = due - self.clock()
                    if wait > 0:
                        self.sleep(wait)
                    queue.append(sub)
                    continue
                sub = queue.popleft()
                if not subscribers.is_active(self.ledger.db, sub.email):
                    self.ledger.drop(sub.email)
                    self.report.unsubscribed += 1
                    self._note(sub, "skipped: unsubscribed")
                    continue
                self.limit.wait()
                try:
                    smtp = self._connection()
                except DeliveryError as exc:
                    if not self.connected:
                        raise
                    self.report.stopped = str(exc)
                    queue.appendleft(sub)
                    break
                outcome, reply = self._one(smtp, sub)
                if outcome == "stop":
                    self.report.stopped = reply
                    queue.appendleft(sub)
                    break
                if outcome == "deferred":
                    tries[sub.email] = tries.get(sub.email, 0) + 1
                    if tries[sub.email] <= self.mail.retries:
                        delay = self.mail.retry_delay * 2 ** (tries[sub.email] - 1)
                        heapq.heappush(later, (self.clock() + delay, next(order), sub))
                        self.progress(f"{sub.email}: {reply}; retry {tries[sub.email]} of {self.mail.retries} "
                                      f"in {delay:g} s")
                        continue
                    self.report.deferred.append((sub.email, reply))
                elif outcome == "sent":
                    self.report.sent += 1
                elif outcome == "failed":
                    self.report.failed.append((sub.email, reply))
                else:
                    self.report.unconfirmed.append((sub.email, reply))
                self._note(sub, outcome if outcome == "sent" else f"{outcome}: {reply}")
            for sub in list(queue) + [entry[2] for entry in later]:
                self.report.deferred.append((sub.email, "not tried: the run stopped early"))
        except BaseException:
            self._drop_connection()  # no QUIT: it could land inside an unfinished DATA
            raise
        _close(self.smtp)
        self.smtp = None

    def _one(self, smtp: smtplib.SMTP, sub: Subscriber) -> tuple[str, str]:
        """Offer one message; return (sent | deferred | failed | unconfirmed | stop, the server's reply)."""
        msgid = message_id(self.edition, sub.email, self.mail.sender)
        try:
            payload = self.composer.payload(sub, msgid, time.time())
        except Exception as exc:  # this subscriber's message cannot be built; the others still can
            reply = (f"message not built for this subscriber ({type(exc).__name__}: {exc}); fix the entry with "
                     f"'briefing subscribers add {sub.email} --name NAME', then send with --retry-failed")
            self.ledger.failed(sub.email, reply, attempt=False)
            return "failed", reply
        marked = False

        def mark() -> None:
            nonlocal marked
            self.ledger.sending(sub.email)
            marked = True

        self.on_connection += 1
        try:
            code, text = smtp.mail(self.sender)
            if code >= 500:  # about the sender, not this subscriber: no use trying the others
                with contextlib.suppress(OSError, smtplib.SMTPException):
                    smtp.rset()
                return "stop", (f"mail server {self.mail.host}:{self.mail.port} refused the sender {self.sender} "
                                f"({_reply(code, text)}); check mail.sender and mail.user in briefing.toml")
            if code == 250:
                code, text = smtp.rcpt(sub.email)
            if code in (250, 251):
                code, text = data_with_checkpoint(smtp, payload, mark)
            if code != 250:
                return self._refused(smtp, sub, code, text, attempted=marked)
            reply = _reply(code, text)
            self.ledger.sent(sub.email, reply)
            return "sent", reply
        except (OSError, smtplib.SMTPException) as exc:
            self._drop_connection()
            if marked:
                self.ledger.unconfirmed(sub.email)
                return "unconfirmed", UNCONFIRMED_REPLY
            reply = f"connection lost before the end of the message ({exc or type(exc).__name__}); not delivered"
            self.ledger.deferred(sub.email, reply, attempt=True)
            return "deferred", reply

    def _refused(self, smtp: smtplib.SMTP, sub: Subscriber, code: int, text: bytes, attempted: bool
                 ) -> tuple[str, str]:
        reply = _reply(code, text)
        if code == 421:  # the server is closing the connection
            self._drop_connection()
        else:
            with contextlib.suppress(OSError, smtplib.SMTPException):
                smtp.rset()
        if 400 <= code < 500 or code < 200:
            self.ledger.deferred(sub.email, reply, attempt=not attempted)
            return "deferred", reply
        self.ledger.failed(sub.email, reply, attempt=not attempted)
        return "failed", reply
