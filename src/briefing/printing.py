"""Printing the page to PDF with WeasyPrint: laid out in pages, then written as tagged PDF.

The fetcher reads files only from the folders it is given, and the charts'
pictures (``picture:`` addresses) from the print folder. WeasyPrint reads a
local picture's pixels when it writes the PDF, not when it lays the page out
(only its size and colours are needed then), so the page can be laid out
while the charts are still drawn: ``lay_out(..., late=True)`` checks that this
holds for the WeasyPrint installed, and ``write_pdf`` lays the page out again
when it does not.
"""

from __future__ import annotations

import html as html_lib
import logging
import mimetypes
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import FontError, TemplateError
from .render import text_around

PDF_VARIANT = "pdf/ua-1"  # tagged PDF (PDF/UA-1): structure tree, language, embedded fonts


def _fetcher_class():
    """A WeasyPrint URL fetcher that serves only files inside the allowed folders, and the pictures."""
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    class Refused(FatalURLFetchingError):
        pass

    class FolderFetcher(URLFetcher):
        def __init__(self, allowed: tuple[Path, ...], pictures: dict[str, Path]):
            super().__init__(allowed_protocols=("file", "data"))
            self.allowed = tuple(p.resolve() for p in allowed)
            self.pictures = pictures

        def fetch(self, url, headers=None):
            from urllib.parse import unquote, urlsplit

            if url in self.pictures:  # served with its file's address: WeasyPrint reads the file again to write
                path = self.pictures[url]
                return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": "image/png"})
            parts = urlsplit(url)
            if parts.scheme == "data":
                return super().fetch(url, headers)
            shown = url
            if parts.scheme == "file" and parts.netloc in ("", "localhost"):
                path = Path(unquote(parts.path)).resolve()  # symbolic links and ".." resolved first
                if any(path.is_relative_to(root) for root in self.allowed):
                    if not path.is_file():
                        raise Refused(f"{path}: file not found")
                    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                    return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": kind})
                if str(path) != unquote(parts.path):
                    shown = f"{url} (which is {path})"
            folders = ", ".join(str(root) for root in self.allowed)
            raise Refused(f"{shown}: outside the folders the PDF may read ({folders})")

    return FolderFetcher, Refused


class _MissingGlyphs(logging.Handler):
    """Collects WeasyPrint's warnings about characters drawn as empty boxes."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.chars: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if ".notdef glyph" in str(record.msg) and record.args:
            self.chars.append(str(record.args[0]))


def _page_text(html: str) -> str:
    return html_lib.unescape(re.sub(r"<style.*?</style>|<svg.*?</svg>|<[^>]+>", " ", html, flags=re.S))


@dataclass(frozen=True)
class Printed:
    """A printed PDF and the page each element id of the HTML starts on (from 1), for the DOCX contents."""

    pdf: bytes
    pages: dict[str, int]


def _header_scopes(document, pdf) -> None:
    """Give every table header cell its /Scope in the PDF's tag tree (/Column, or /Row for
    ``<th scope="row">``), so a screen reader knows which cells a header names."""
    from weasyprint.formatting_structure import boxes

    for page in document.pages:
        for box in page._page_box.descendants():
            mark = getattr(box, "mark", None)  # the tag WeasyPrint made for the cell
            if isinstance(box, boxes.TableCellBox) and box.element_tag == "th" and mark is not None:
                scope = (box.element.get("scope") or "").lower()
                mark.setdefault("A", {"O": "/Table"})["Scope"] = "/Row" if scope in ("row", "rowgroup") else "/Column"


Pictures = tuple[tuple[str, Path], ...]  # (address in the page, e.g. "picture:chart-sections.png", file)


def render_pdf(html: str, base: Path, allowed: tuple[Path, ...] = (), stylesheets: tuple[str, ...] = (),
               pictures: Pictures = ()) -> bytes:
    """Print the HTML to tagged PDF bytes (see ``print_pdf``)."""
    return print_pdf(html, base, allowed, stylesheets, pictures).pdf


def print_pdf(html: str, base: Path, allowed: tuple[Path, ...] = (), stylesheets: tuple[str, ...] = (),
              pictures: Pictures = ()) -> Printed:
    """Print the HTML to tagged PDF bytes (A4, page rules from print.css and ``stylesheets``,
    the WeasyPrint-only rules of pdf.css), with the page each element id is on.

    Files are read only from ``base`` and ``allowed``, and the pictures from
    their files. A character no installed font can draw stops the build,
    naming the text it is in.
    """
    document, pages = lay_out(html, base, allowed, stylesheets, pictures)
    return Printed(write_pdf(document, html), pages)


def reads_late(images: dict, pictures: Pictures) -> bool:
    """Whether the document laid out with this image cache (``lay_out(..., images=)``) reads each
    picture's pixels from its file when the PDF is written, so that a picture replaced since the
    layout (by one of the same size and colours) is the one printed. WeasyPrint does so for a local
    PNG (70.0: ``images.LazyLocalImage``); for any other answer the page is laid out again."""
    try:
        from weasyprint.images import LazyLocalImage, RasterImage
    except ImportError:
        return False
    for address, path in pictures:
        image = images.get(address)
        data = getattr(image, "image_data", None)
        if not (isinstance(image, RasterImage) and isinstance(data, LazyLocalImage)
                and Path(getattr(data, "_filename", "")) == path):
            return False
    return True


def lay_out(html: str, base: Path, allowed: tuple[Path, ...] = (), stylesheets: tuple[str, ...] = (),
            pictures: Pictures = (), images: dict | None = None) -> tuple[Any, dict[str, int]]:
    """The HTML laid out in pages (a WeasyPrint document) and the page each element id starts on;
    ``images`` is the dict WeasyPrint keeps the page's images in (see ``reads_late``)."""
    import weasyprint

    FolderFetcher, Refused = _fetcher_class()
    fetcher = FolderFetcher((base, *allowed), dict(pictures))
    logger = logging.getLogger("weasyprint")
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    try:
        sheets = [weasyprint.CSS(string=css, base_url=str(base) + "/", url_fetcher=fetcher) for css in stylesheets]
        document = weasyprint.HTML(string=html, base_url=str(base) + "/", media_type="print",
                                   url_fetcher=fetcher).render(stylesheets=sheets, cache=images)
    except Refused as exc:
        raise TemplateError(f"PDF: {exc}; link only to files in the templates or output folders, "
                            f"or inline the resource") from None
    pages: dict[str, int] = {}
    for number, page in enumerate(document.pages, 1):
        for anchor in page.anchors:
            pages.setdefault(anchor, number)
    return document, pages


def write_pdf(document: Any, html: str) -> bytes:
    """The laid-out document as tagged PDF bytes; a character drawn as an empty box stops the build."""
    logger = logging.getLogger("weasyprint")
    glyphs = _MissingGlyphs()
    logger.addHandler(glyphs)
    try:
        pdf = document.write_pdf(uncompressed_pdf=False, pdf_variant=PDF_VARIANT, finisher=_header_scopes)
    finally:
        logger.removeHandler(glyphs)
    if glyphs.chars:
        char = glyphs.chars[0]
        others = sorted(set(glyphs.chars) - {char})
        more = f" (and {len(others)} other character{'s' if len(others) != 1 else ''})" if others else ""
        raise FontError(
            f"PDF: no installed font can draw {char!r} (U+{ord(char):04X}){more} in "
            f"\"{text_around(_page_text(html), char)}\"; install a font that covers it "
            f"(Chinese: sudo apt-get install -y fonts-noto-cjk) and name it in font-family in templates/briefing.css"
        )
    return pdf
