"""One send run over its recipients: connections renewed and retried, 4xx refusals retried
later, the rate limit, progress; each outcome recorded in the ledger before the next message,
and the run's report."""

from __future__ import annotations

import contextlib
import heapq
import itertools
import smtplib
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import subscribers
from .config import Config
from .errors import DeliveryError
from .ledger import UNCONFIRMED_REPLY, Ledger
from .message import Composer, Edition, message_id
from .smtp import RateLimit, _close, _reply, connect, data_with_checkpoint
from .subscribers import Subscriber

Progress = Callable[[str], None]


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


class Batch:
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
