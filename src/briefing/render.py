"""Render stage: the Jinja templates make the HTML (``printing`` prints it to PDF).

The HTML and the PDF come from one template set (``templates/briefing.html``
with ``briefing.css`` for the screen and ``print.css`` for pages). Editors
override single blocks or files in the overrides folder (``templates/overrides/``
by default): a file there is found before the shipped one of the same name,
and the shipped one stays reachable as ``base/<name>``, so an override is
``{% extends "base/briefing.html" %}`` plus the one block it changes.

Templates run in a sandbox on plain copies of their variables (``sandbox``):
they can read the briefing but reach no file, and a symbolic link out of the
template folders is refused. Autoescaping is on: item text is always text,
never markup. Undefined variables are errors, and every template error names
its file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import sandbox
from .errors import TemplateError
from .models import Briefing, Chart

PAGE_TEMPLATE = "briefing.html"
PDF_STYLESHEET = "pdf.css"  # page rules only WeasyPrint reads (running header strings); not in the HTML
# The charts in the order the page prints them: figure 1, 2, ... in captions and in the contents.
FIGURE_ORDER = ("trends", "prices", "sections", "timeline", "companies", "forecasts")
BASE_PREFIX = "base"  # "base/briefing.html" is the shipped template, even when overridden

# The variables every page template receives, with their types and meaning.
# ``context()`` provides exactly these; check-templates and docs/templates.md read them.
CONTEXT: dict[str, tuple[Any, str]] = {
    "briefing": (Briefing, "the week's briefing: titles, sections with their items, sources"),
    "charts": (dict[str, Chart], "the charts drawn this week, by key: sections, forecasts, timeline, companies"),
    "language": (str, "the document language (BCP 47), from `language` in briefing.toml"),
    "keywords": (list[str], "topic, week and section titles, for the page metadata"),
    "figures": (list[Chart], "the charts in the order the page prints them (the contents' list of figures)"),
    "figure_numbers": (dict[str, int], "each chart's number by key, from 1, as its caption and the contents print it"),
}


def environment(templates: Path, overrides: Path | None = None):
    """The sandboxed Jinja environment: overrides first, then the shipped templates."""
    import jinja2

    Loader = sandbox.loader_class()
    shipped = Loader(str(templates))
    loaders: list[jinja2.BaseLoader] = [jinja2.PrefixLoader({BASE_PREFIX: shipped}, delimiter="/")]
    if overrides is not None:
        loaders.append(Loader(str(overrides)))
    loaders.append(shipped)
    return sandbox.sandbox_class()(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(("html", "htm", "xml", "css")),
        trim_blocks=False, lstrip_blocks=False, keep_trailing_newline=True,
    )


def _template_location(exc: BaseException, roots: tuple[Path, ...], name: str) -> str:
    """``file:line`` of the template frame where a render error happened."""
    lineno = getattr(exc, "lineno", None)
    filename = getattr(exc, "filename", None)
    if filename and lineno:
        return f"{filename}:{lineno}"
    tb = exc.__traceback__
    where = ""
    while tb is not None:
        frame_file = tb.tb_frame.f_code.co_filename
        if any(frame_file.startswith(str(root)) for root in roots):
            where = f"{frame_file}:{tb.tb_lineno}"
        tb = tb.tb_next
    return where or str(roots[0] / name)


def context(briefing: Briefing, language: str) -> dict[str, Any]:
    """The variables the page template may use (declared in ``CONTEXT``)."""
    keywords = [briefing.topic, f"week {briefing.week}", *(s.title for s in briefing.sections)]
    figures = figure_list(briefing)
    return {
        "briefing": briefing,
        "charts": {c.key: c for c in briefing.charts},
        "language": language,
        "keywords": keywords,
        "figures": figures,
        "figure_numbers": {c.key: n for n, c in enumerate(figures, 1)},
    }


def figure_list(briefing: Briefing) -> list[Chart]:
    """The week's charts in page order (``FIGURE_ORDER``), numbered from 1 by their place here."""
    by_key = {c.key: c for c in briefing.charts}
    return [by_key[key] for key in FIGURE_ORDER if key in by_key] + [
        c for c in briefing.charts if c.key not in FIGURE_ORDER]


@dataclass(frozen=True)
class Loaded:
    """A compiled template and the folders its frames may come from (for error locations)."""

    template: Any
    name: str
    roots: tuple[Path, ...]

    def render(self, variables: dict[str, Any]) -> str:
        """Run the template on plain copies of the variables (see ``sandbox``); an error while
        it runs becomes a one-line TemplateError with file and line."""
        try:
            return self.template.render(sandbox.plain(variables))
        except sandbox.LinkOutside as exc:
            raise TemplateError(str(exc)) from None
        except Exception as exc:  # an error raised while the template runs, or a sandbox refusal
            where = _template_location(exc, self.roots, self.name)
            raise TemplateError(f"{where}: template error: {exc}; fix the template") from None


def load_template(name: str, templates: Path, overrides: Path | None = None) -> Loaded:
    """Compile one template (overrides first); a missing file or bad syntax becomes a TemplateError."""
    import jinja2

    roots = (templates,) + ((overrides,) if overrides is not None else ())
    try:
        return Loaded(environment(templates, overrides).get_template(name), name, roots)
    except sandbox.LinkOutside as exc:
        raise TemplateError(str(exc)) from None
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(
            f"{templates / str(exc.name)}: template not found; restore it from git (git checkout -- templates)"
            f" or fix the name in the template that includes it"
        ) from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"{exc.filename}:{exc.lineno}: template syntax error: {exc.message}; fix the template") from None


def render_template(name: str, variables: dict[str, Any], templates: Path,
                    overrides: Path | None = None) -> str:
    """Render one template; any template problem becomes a one-line TemplateError."""
    return load_template(name, templates, overrides).render(variables)


def render_html(briefing: Briefing, templates: Path, language: str = "en",
                overrides: Path | None = None) -> str:
    return render_template(PAGE_TEMPLATE, context(briefing, language), templates, overrides)


def text_around(text: str, char: str, width: int = 40) -> str:
    """The words around the first ``char`` in ``text``, to name where a problem is."""
    text = re.sub(r"\s+", " ", text)
    at = text.find(char)
    if at < 0:
        return char
    start, end = max(0, at - width), at + width
    piece = text[start:end]
    if start > 0 and " " in piece[:at - start]:
        piece = piece.split(" ", 1)[1]
    if end < len(text) and " " in piece[piece.find(char):]:
        piece = piece.rsplit(" ", 1)[0]
    return piece.strip()
