"""The mail server: connecting (TLS, login), server replies in one line, the end of DATA with a
checkpoint just before it, and the rate limit between messages."""

from __future__ import annotations

import contextlib
import os
import re
import smtplib
import socket
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass

from .config import Mail
from .errors import DeliveryError


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
