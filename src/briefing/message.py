"""The email a subscriber receives: built from the week's built files, never from a new build.

``load_edition`` reads ``output/<week>/briefing-<week>.pdf`` and ``items.json``;
a ``Composer`` turns them into one MIME message per subscriber:

    multipart/mixed
        multipart/alternative
            text/plain   templates/email.txt
            text/html    templates/email.html, its <style> inlined into the tags
        application/pdf  the built PDF, byte for byte

with Subject (``mail.subject``), From, To (with the subscriber's name), Date,
a Message-ID that is the same for every attempt at the same delivery, and
``List-Unsubscribe`` with one-click ``List-Unsubscribe-Post`` (RFC 8058).
Both templates are Jinja with undefined variables as errors; an error names
the template's file and line.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import re
import urllib.parse
from dataclasses import dataclass
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage, MIMEPart
from email.utils import format_datetime, parseaddr
from pathlib import Path
from typing import Any

from .config import Config
from .errors import ConfigError, DeliveryError
from .subscribers import Subscriber, clean_name, header_name

HTML_TEMPLATE = "email.html"
TEXT_TEMPLATE = "email.txt"
SUBJECT_FIELDS = ("week", "title", "full_title", "topic")
HEADER_POLICY = policy.SMTP.clone(max_line_length=998)


# What email.html and email.txt receive (checked by `briefing check-templates`,
# listed in docs/templates.md). ``sections`` holds plain mappings read from items.json.
CONTEXT: dict[str, tuple[Any, str]] = {
    "week": (str, "the ISO week, e.g. 2025-47"),
    "title": (str, "the briefing's title without the series name"),
    "full_title": (str, "the briefing's title, series name included"),
    "topic": (str, "`topic` from briefing.toml"),
    "start": (str, "the week's Monday, YYYY-MM-DD"),
    "end": (str, "the week's Sunday, YYYY-MM-DD"),
    "highlights": (tuple[str, ...], "the highlights paragraphs"),
    "sections": (tuple[dict[str, Any], ...], "each section's `title` and `items` (each item's `category`, `headline`)"),
    "subject": (str, "the message's subject"),
    "name": (str, "the subscriber's name, may be empty"),
    "email": (str, "the subscriber's address"),
    "unsubscribe_url": (str, "the subscriber's unsubscribe link"),
    "pdf_name": (str, "the attached PDF's file name"),
    "author": (str, "`author` from briefing.toml"),
}


@dataclass(frozen=True)
class Edition:
    """One week's built briefing, as delivery needs it."""

    week: str
    pdf_path: Path
    pdf: bytes
    sha256: str
    title: str  # the briefing's title, e.g. "Weekly Hot: The Initial Implementation of ..."
    headline: str  # the title without the series name: "The Initial Implementation of ..."
    start: str
    end: str
    highlights: tuple[str, ...]
    sections: tuple[dict[str, Any], ...]  # {"title": ..., "items": [{"headline", "category"}]}


def built_files(config: Config, week: str) -> tuple[Path, Path]:
    folder = config.output_dir / week
    return folder / f"briefing-{week}.pdf", folder / "items.json"


def load_edition(config: Config, week: str) -> Edition:
    """Read the week's built PDF and items; say how to build them when they are missing."""
    pdf_path, items_path = built_files(config, week)
    build_hint = f"run make briefing WEEK={week} (delivery sends the built files, it never builds)"
    for path in (pdf_path, items_path):
        if not path.is_file():
            raise DeliveryError(f"{path}: not built; {build_hint}")
    pdf = pdf_path.read_bytes()
    if not pdf.startswith(b"%PDF-"):
        raise DeliveryError(f"{pdf_path}: not a PDF file; {build_hint}")
    try:
        items = json.loads(items_path.read_text(encoding="utf-8"))
        title = items["title"]
        sections = tuple(
            {"title": s["title"],
             "items": [{"headline": i["headline"], "category": i.get("category", "")} for i in s["items"]
                       if i.get("in_full", True)]}  # the items the PDF prints in full; the rest are in its appendix
            for s in items["sections"]
        )
        highlights = tuple(items.get("highlights", ()))
        start, end = str(items.get("start", "")), str(items.get("end", ""))
    except (ValueError, KeyError, TypeError) as exc:
        raise DeliveryError(f"{items_path}: unreadable ({exc!r}); {build_hint}") from None
    series = config.title.strip()
    headline = title[len(series) + 1:].strip() if series and title.startswith(series + ":") else title
    return Edition(week=week, pdf_path=pdf_path, pdf=pdf, sha256=hashlib.sha256(pdf).hexdigest(),
                   title=title, headline=headline, start=start, end=end,
                   highlights=highlights, sections=sections)


def message_id(edition: Edition, email: str, sender: str) -> str:
    """The same Message-ID for every attempt at one delivery, so a receiver can drop a repeat."""
    domain = parseaddr(sender)[1].rpartition("@")[2] or "briefing.invalid"
    who = hashlib.sha256(email.lower().encode("utf-8")).hexdigest()[:16]
    return f"<briefing.{edition.week}.{edition.sha256[:12]}.{who}@{domain}>"


class Composer:
    """Builds each subscriber's message; templates and the attachment are prepared once."""

    def __init__(self, config: Config, edition: Edition):
        import css_inline

        from .render import load_template

        self.config, self.edition, self.mail = config, edition, config.mail
        self.sender = self.mail.sender
        self._html = load_template(HTML_TEMPLATE, config.templates_dir, config.overrides_dir)
        self._text = load_template(TEXT_TEMPLATE, config.templates_dir, config.overrides_dir)
        self._inliner = css_inline.CSSInliner(keep_at_rules=True, load_remote_stylesheets=False)
        self.subject = self._subject()
        # The attachment is the same in every message: it is encoded once, and each
        # message carries a placeholder line that ``payload`` swaps for it.
        self._pdf_token = f"pdf-attachment-{edition.sha256}"
        self._pdf_base64 = base64.encodebytes(edition.pdf).replace(b"\n", b"\r\n").rstrip(b"\r\n")
        self._pdf = MIMEPart(policy=policy.SMTP)
        self._pdf.set_content(b"", maintype="application", subtype="pdf",
                              disposition="attachment", filename=edition.pdf_path.name)
        self._pdf.set_payload(self._pdf_token)

    def _subject(self) -> str:
        values = {"week": self.edition.week, "title": self.edition.headline,
                  "full_title": self.edition.title, "topic": self.config.topic}
        try:
            return self.mail.subject.format(**values)
        except (KeyError, IndexError, ValueError) as exc:
            raise ConfigError(f"mail.subject: {self.mail.subject!r} cannot be filled ({exc!r}); "
                              f"use only the fields {', '.join('{' + f + '}' for f in SUBJECT_FIELDS)}") from None

    def unsubscribe_links(self, email: str) -> tuple[str, str]:
        """The https link (may be empty) and the mailto link for one subscriber."""
        quoted = urllib.parse.quote(email, safe="")
        try:
            url = self.mail.unsubscribe_url.format(email=quoted)
        except (KeyError, IndexError, ValueError) as exc:
            raise ConfigError(f"mail.unsubscribe_url: cannot be filled ({exc!r}); "
                              "use only the field {email}") from None
        mailto = ""
        if self.mail.unsubscribe_mailto:
            mailto = f"mailto:{self.mail.unsubscribe_mailto}?subject=" + urllib.parse.quote(f"unsubscribe {email}")
        return url, mailto

    def context(self, subscriber: Subscriber, unsubscribe: str) -> dict[str, Any]:
        e = self.edition
        return {
            "week": e.week, "title": e.headline, "full_title": e.title, "topic": self.config.topic,
            "start": e.start, "end": e.end, "highlights": e.highlights, "sections": e.sections,
            "subject": self.subject, "name": clean_name(subscriber.name), "email": subscriber.email,
            "unsubscribe_url": unsubscribe, "pdf_name": e.pdf_path.name, "author": self.config.author,
        }

    def bodies(self, subscriber: Subscriber) -> tuple[str, str]:
        """The plain-text and the HTML body (CSS inlined) for one subscriber."""
        url, mailto = self.unsubscribe_links(subscriber.email)
        context = self.context(subscriber, url or mailto)
        text = self._text.render(context)
        html = self._inliner.inline(self._html.render(context))
        return text, html

    def _compose(self, subscriber: Subscriber, msgid: str, when: float) -> EmailMessage:
        """The message, with the attachment's placeholder line in place of the PDF."""
        text, html = self.bodies(subscriber)
        url, mailto = self.unsubscribe_links(subscriber.email)
        msg = EmailMessage(policy=policy.SMTP)
        msg["From"] = self.sender
        local, _, domain = subscriber.email.rpartition("@")
        msg["To"] = Address(display_name=header_name(subscriber.name), username=local, domain=domain)
        msg["Subject"] = self.subject
        msg["Date"] = format_datetime(dt.datetime.fromtimestamp(when, dt.timezone.utc))
        msg["Message-ID"] = msgid
        msg["List-Unsubscribe"] = ", ".join(f"<{link}>" for link in (url, mailto) if link)
        if url.startswith("https://"):
            msg["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        msg.set_content(text, cte="quoted-printable")
        msg.add_alternative(html, subtype="html", cte="quoted-printable")
        msg.make_mixed()
        msg.attach(self._pdf)
        seed = hashlib.sha256(msgid.encode("utf-8")).hexdigest()[:24]
        msg.set_boundary(f"mixed-{seed}")
        msg.get_payload(0).set_boundary(f"alt-{seed}")
        return msg

    def payload(self, subscriber: Subscriber, msgid: str, when: float) -> bytes:
        """The message as the bytes sent over SMTP (CRLF line ends).

        Bodies are encoded in lines of at most 76 characters when they are set;
        headers are written unfolded up to RFC 5322's 998, because Python folds a
        70-to-78-character Subject onto a line of its own, which some readers
        then show with a leading space.
        """
        data = self._compose(subscriber, msgid, when).as_bytes(policy=HEADER_POLICY)
        token = self._pdf_token.encode("ascii")
        assert data.count(token) == 1
        return data.replace(token, self._pdf_base64)


def envelope_sender(sender: str) -> str:
    address = parseaddr(sender)[1]
    if not re.fullmatch(r"[^@\s]+@[^@\s]+", address):
        raise ConfigError(f"mail.sender: {sender!r} holds no email address; give e.g. 'Briefing Desk <briefing@example.com>'")
    return address
