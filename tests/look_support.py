"""Shared set-up for the tests of templates, editorial notes, preview and the three formats.

``project()`` copies the repository's settings, templates and seeds into a
temporary folder and adds one more article to week 2025-47: Chinese text,
markup that must stay text, and a source URL. ``built()`` builds that week
once per test run, with an editorial file, and returns the paths.
"""

from __future__ import annotations

import functools
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WEEK = "2025-47"
SOURCE_URL = "https://example.com/news/solid-state-notes"
CJK_HEADLINE = "宁德时代发布固态电池样品"
SCRIPT_HEADLINE = "Markup <script>alert(1)</script> in a headline"
IMG_TEXT = '<img src="file:///etc/passwd">'

EXTRA_ARTICLE = f"""Home / Metal News / Solid-State Notes from China

Solid-State Notes from China

Nov 21, 2025 09:30
Source:SMM

SMM November 21 News:

This note collects two items from Chinese-language sources.

[Solid-State Battery: {CJK_HEADLINE}] On November 20, 2025, 宁德时代 (CATL) said its 固态电池 samples completed testing.
[Solid-State Battery: {SCRIPT_HEADLINE}] On November 19, 2025, a release quoted {IMG_TEXT} and <b>bold</b> as plain text.
"""

EDITOR_NOTE = "This week's issue leads with the storage project in Wuhai."
EDITED_TITLE = "Weekly Hot: Semi-solid-state goes first"
EDITED_HIGHLIGHT = "Semi-solid-state batteries reach storage projects first; equipment makers follow."


def project(root: Path | None = None, extra: bool = True) -> Path:
    """A copy of the repository's inputs in ``root`` (a new temporary folder by default)."""
    root = Path(root or tempfile.mkdtemp(prefix="briefing-look-"))
    shutil.copy(REPO / "briefing.toml", root / "briefing.toml")
    shutil.copytree(REPO / "templates", root / "templates", ignore=shutil.ignore_patterns("overrides"))
    shutil.copytree(REPO / "seeds", root / "seeds")
    (root / "output").mkdir(exist_ok=True)
    if extra:
        (root / "seeds" / "cn_2025_47.txt").write_text(EXTRA_ARTICLE, encoding="utf-8")
        (root / "seeds" / "cn_2025_47.meta.toml").write_text(f'url = "{SOURCE_URL}"\n', encoding="utf-8")
    return root


def config(root: Path):
    from briefing import config as config_mod

    return config_mod.load(root)[0]


def grouped(root: Path, week: str = WEEK):
    """The week's briefing as grouped and summed up (the digest), without an editorial file."""
    from briefing import corpus, dates, digest, group

    cfg = config(root)
    week, start, end = dates.parse_week(week)
    articles, _ = corpus.read_articles(cfg)
    return digest.digest(digest.quoted(group.group(cfg, week, start, end, articles), cfg), cfg)


@dataclass(frozen=True)
class Built:
    root: Path
    html: Path
    pdf: Path
    docx: Path
    pinned: str  # id of the pinned item
    hidden: str  # headline of the hidden item
    moved: str  # headline of the item moved to "standards"


@functools.cache
def built() -> Built:
    """Week 2025-47 of a project copy, built once, with an editorial file using every entry."""
    from briefing.build import build

    root = project()
    briefing = grouped(root)
    by_section = {s.key: s.items for s in briefing.sections}
    pinned = by_section["products"][-1]  # the last item of its section, pinned to the top
    hidden = by_section["equipment"][0]
    moved = by_section["cooperation"][0]
    (root / "editorial").mkdir()
    (root / "editorial" / f"{WEEK}.toml").write_text(
        f'title = "{EDITED_TITLE}"\n'
        f'highlights = ["{EDITED_HIGHLIGHT}"]\n'
        f'note = "{EDITOR_NOTE}"\n'
        f'pin = ["{pinned.id}"]\n'
        f'hide = ["{hidden.id}"]\n'
        f'[move]\n"{moved.id}" = "standards"\n',
        encoding="utf-8")
    result = build(config(root), WEEK)
    out = result.out_dir
    return Built(root, out / f"briefing-{WEEK}.html", out / f"briefing-{WEEK}.pdf", out / f"briefing-{WEEK}.docx",
                 pinned.id, hidden.headline, moved.headline)


def pdf_text(path: Path) -> list[str]:
    """The text of each page of a PDF, white space (line breaks) as single spaces."""
    import pypdf

    return [" ".join((page.extract_text() or "").split()) for page in pypdf.PdfReader(str(path)).pages]


def structure_elements(node, found: list | None = None) -> list:
    """Every element of a PDF structure tree below ``node`` (pypdf objects with an /S type)."""
    import pypdf

    found = [] if found is None else found
    node = node.get_object()
    if isinstance(node, pypdf.generic.DictionaryObject):
        if "/S" in node:
            found.append(node)
        kids = node.get("/K")
        for kid in (kids if isinstance(kids, pypdf.generic.ArrayObject) else [kids] if kids is not None else []):
            structure_elements(kid, found)
    return found
