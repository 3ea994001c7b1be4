"""Render stage: the Jinja templates make the HTML; WeasyPrint prints it to PDF.

The HTML and the PDF come from one template set (``templates/briefing.html``
with ``briefing.css`` for the screen and ``print.css`` for pages). Undefined
variables are errors, and every template error names its file and line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import TemplateError
from .models import Briefing

PAGE_TEMPLATE = "briefing.html"


def environment(templates: Path):
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(("html", "htm", "xml", "css")),
        trim_blocks=False, lstrip_blocks=False, keep_trailing_newline=True,
    )


def _template_location(exc: BaseException, templates: Path) -> str:
    """``file:line`` of the template frame where a render error happened."""
    lineno = getattr(exc, "lineno", None)
    filename = getattr(exc, "filename", None)
    if filename and lineno:
        return f"{filename}:{lineno}"
    tb = exc.__traceback__
    where = ""
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.startswith(str(templates)):
            where = f"{name}:{tb.tb_lineno}"
        tb = tb.tb_next
    return where or str(templates / PAGE_TEMPLATE)


def context(briefing: Briefing, language: str) -> dict[str, Any]:
    """The variables the page template may use."""
    keywords = [briefing.topic, f"week {briefing.week}", *(s.title for s in briefing.sections)]
    return {
        "briefing": briefing,
        "charts": {c.key: c for c in briefing.charts},
        "language": language,
        "keywords": keywords,
    }


def render_html(briefing: Briefing, templates: Path, language: str = "en") -> str:
    import jinja2

    try:
        template = environment(templates).get_template(PAGE_TEMPLATE)
        return template.render(context(briefing, language))
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(
            f"{templates / str(exc.name)}: template not found; restore it from git (git checkout -- templates)"
        ) from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"{exc.filename}:{exc.lineno}: template syntax error: {exc.message}; fix the template") from None
    except Exception as exc:  # an error raised while the template runs
        where = _template_location(exc, templates)
        raise TemplateError(f"{where}: template error: {exc}; fix the template") from None


def render_pdf(html: str, base: Path) -> bytes:
    """Print the HTML to PDF bytes (A4, page rules from print.css)."""
    import logging

    import weasyprint

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    document = weasyprint.HTML(string=html, base_url=str(base), media_type="print").render()
    return document.write_pdf(uncompressed_pdf=False)
