"""The labelled real pages ``make eval-real`` scores: the corpus in ``../shared/realworld/pages`` and the hold-out.

A label in ``tests/realworld/labels/`` (format: its README) is of a hold-out page when ``tests/realworld/extra.toml``
lists its file; the page's text is then read from the git-ignored ``tests/realworld/extra/``. The corpus and the
hold-out are scored apart: the recorded scores (scores.json) are the corpus's alone, whether or not the hold-out's
text is present, and the hold-out's figures are those of pages the parser was never tuned on."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT.parent / "shared" / "realworld" / "pages"
REAL = ROOT / "tests" / "realworld"
LABELS, EXTRA_TOML, EXTRA_DIR, SCORES = REAL / "labels", REAL / "extra.toml", REAL / "extra", REAL / "scores.json"


@dataclass
class Page:
    file: str
    kind: str
    path: Path
    label: dict


def extra_kinds() -> dict[str, str]:
    """The hold-out's files (as extra.toml lists them) and their kinds."""
    listed = tomllib.loads(EXTRA_TOML.read_text("utf-8")).get("page", []) if EXTRA_TOML.is_file() else []
    return {p["file"]: p.get("kind", "") for p in listed}


def load_pages(extra: bool = False) -> tuple[list[Page], list[str]]:
    """The corpus's labelled pages whose file exists (the hold-out's with ``extra``), and the labelled files of that
    set that are missing: a label of the other set is neither."""
    kinds, folder = extra_kinds(), EXTRA_DIR if extra else PAGES
    pages, missing = [], []
    for path in sorted(LABELS.glob("*.toml")):
        label = tomllib.loads(path.read_text("utf-8"))
        if (label["file"] in kinds) != extra:
            continue
        where = folder / label["file"]
        if where.is_file():
            pages.append(Page(label["file"], label.get("kind") or kinds.get(label["file"]) or "?", where, label))
        else:
            missing.append(label["file"])
    return pages, missing
