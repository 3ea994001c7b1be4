"""A real SMTP server on 127.0.0.1 for the delivery tests (aiosmtpd), with faults on demand.

``Mailbox`` is the aiosmtpd handler: it keeps every message it accepts and
can refuse recipients (451 a number of times, or 550), drop the connection
on a given MAIL command, or run a callback when a message arrives (to kill
the sending process at a chosen moment).

``MailServer`` speaks plain SMTP, or requires STARTTLS (``starttls=``), or
speaks TLS from the first byte (``tls=``); ``server_tls`` makes the server's
side of TLS from a certificate that ``trustme`` issued in the test.
"""

from __future__ import annotations

import email
import socket
import ssl
import threading
import warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from trustme import LeafCert


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass(frozen=True)
class Received:
    mail_from: str
    rcpt_tos: tuple[str, ...]
    content: bytes
    peer: tuple[str, int]  # the client's address: one per connection
    tls: str = ""  # the TLS version the message came over ("TLSv1.3"), "" for plain text

    @property
    def message(self) -> EmailMessage:
        return email.message_from_bytes(self.content, policy=policy.default)  # type: ignore[return-value]


class Mailbox:
    def __init__(self) -> None:
        self.received: list[Received] = []
        self.lock = threading.Lock()
        self.temporary: dict[str, int] = {}  # address -> how many more times to answer 451
        self.permanent: set[str] = set()  # addresses answered 550
        self.drop_on_mail: set[int] = set()  # numbers (1-based) of MAIL commands that drop the connection
        self.mails = 0
        self.rcpt_calls: Counter[str] = Counter()
        self.on_rcpt: Callable[[str], None] | None = None  # runs before the answer to RCPT
        self.on_data: Callable[[Received], str] | None = None  # "keep", "store-and-drop" or "drop"

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        self.mails += 1
        if self.mails in self.drop_on_mail:
            server.transport.close()
            return "421 4.4.2 closing connection"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        self.rcpt_calls[address] += 1
        if self.on_rcpt:
            self.on_rcpt(address)
        if address in self.permanent:
            return "550 5.1.1 no such mailbox"
        if self.temporary.get(address, 0) > 0:
            self.temporary[address] -= 1
            return "451 4.7.1 greylisted, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        secured = server.transport.get_extra_info("ssl_object")
        got = Received(envelope.mail_from, tuple(envelope.rcpt_tos), envelope.original_content or envelope.content,
                       tuple(session.peer[:2]), secured.version() if secured else "")
        action = self.on_data(got) if self.on_data else "keep"
        if action in ("keep", "store-and-drop"):
            with self.lock:
                self.received.append(got)
        if action != "keep":  # "store-and-drop" or "drop": the client never reads an answer
            server.transport.close()
            return "250 OK (never read)"
        return "250 2.0.0 queued as " + str(len(self.received))

    # -- what arrived

    def to(self, address: str) -> list[Received]:
        with self.lock:
            return [r for r in self.received if address.lower() in (a.lower() for a in r.rcpt_tos)]

    def count_by_recipient(self) -> Counter[str]:
        with self.lock:
            return Counter(a.lower() for r in self.received for a in r.rcpt_tos)


def server_tls(cert: LeafCert) -> ssl.SSLContext:
    """The server's side of TLS, presenting ``cert`` (and the chain that signed it)."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(context)
    return context


class MailServer:
    """An aiosmtpd Controller on a free loopback port, with a Mailbox handler.

    ``starttls``: the server offers STARTTLS and refuses everything but EHLO
    before it; ``tls``: TLS from the first byte (port 465 style). With a
    password, AUTH PLAIN is required before MAIL; with ``starttls`` it is
    offered only after STARTTLS (with ``tls`` the whole connection is TLS).
    """

    def __init__(self, password: str | None = None, user: str = "desk", *,
                 starttls: ssl.SSLContext | None = None, tls: ssl.SSLContext | None = None) -> None:
        self.box = Mailbox()
        self.port = free_port()
        kwargs: dict[str, object] = {}
        if starttls is not None:
            kwargs.update(tls_context=starttls, require_starttls=True)
        if tls is not None:
            kwargs["ssl_context"] = tls
        if password is not None:
            def check(server, session, envelope, mechanism, auth_data):
                ok = auth_data.login == user.encode() and auth_data.password == password.encode()
                return AuthResult(success=ok, handled=False)
            # LOGIN is left out: smtplib sends its first answer with the command, which
            # aiosmtpd 1.4 does not read; PLAIN is what both sides agree on.
            kwargs.update(authenticator=check, auth_require_tls=starttls is not None,
                          auth_required=True, auth_exclude_mechanism=["LOGIN"])
        with warnings.catch_warnings():  # AUTH without TLS: loopback only, on purpose
            warnings.simplefilter("ignore", UserWarning)  # (the per-connection one: see the test)
            self.controller = Controller(self.box, hostname="127.0.0.1", port=self.port,
                                         data_size_limit=0, **kwargs)

    def __enter__(self) -> MailServer:
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()
