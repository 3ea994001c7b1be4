"""Charts and PDFs made before, reused when what makes them did not change.

A chart is kept under a hash of its plan (what it draws, its text and size:
``charts.Plan``), its style (the source of the chart modules) and
the matplotlib version and CJK fonts it draws with: a rebuild whose charts'
data did not change imports no matplotlib at all. A PDF is kept under a hash
of its HTML, the PDF stylesheet, the printing code and the WeasyPrint
version: a rebuild whose HTML did not change prints nothing. Both live in
the cache folder (``cache`` in briefing.toml; ``""`` turns them off), one
pickle a key, written atomically; a file that cannot be read is a miss.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import os
import pickle
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .charts import Plan

CHARTS, PDFS = "charts", "pdf"
KEEP = 64  # entries kept in each folder; the least recently used go first


def _source(*modules: str) -> bytes:
    here = Path(__file__).parent
    return b"".join((here / f"{name}.py").read_bytes() for name in modules)


@functools.cache
def _chart_style() -> bytes:
    """The chart code, the matplotlib version and the CJK font files it may draw with."""
    from .charts import CJK_FONTS

    try:
        fonts = subprocess.run(["fc-list", *(f":family={f}" for f in CJK_FONTS), "file"], capture_output=True,
                               timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        fonts = b""
    return _source("charts", "chartkinds", "trends") + importlib.metadata.version("matplotlib").encode() + fonts


def chart_key(plan: Plan) -> str:
    """The key of a chart: its plan (what it draws, its text and size) and its style."""
    return hashlib.sha256(_chart_style() + repr(plan).encode("utf-8")).hexdigest()


def pdf_key(html: str, stylesheets: tuple[str, ...]) -> str:
    """The key of a PDF: its HTML and stylesheets, the printing code, WeasyPrint's version."""
    digest = hashlib.sha256(_source("printing", "printer") + importlib.metadata.version("weasyprint").encode())
    for text in (html, *stylesheets):
        digest.update(hashlib.sha256(text.encode("utf-8")).digest())
    return digest.hexdigest()


def load(cache_dir: Path | None, kind: str, key: str) -> Any | None:
    """The value kept under ``key``, or None."""
    if cache_dir is None:
        return None
    path = cache_dir / kind / f"{key}.pickle"
    try:
        value = pickle.loads(path.read_bytes())
        os.utime(path)  # recently used
    except Exception:  # missing, truncated, from another version: made again
        return None
    return value


def store(cache_dir: Path | None, kind: str, key: str, value: Any) -> None:
    """Keep ``value`` under ``key`` (a folder that cannot be written keeps nothing)."""
    if cache_dir is None:
        return
    folder = cache_dir / kind
    try:
        folder.mkdir(parents=True, exist_ok=True)
        partial = folder / f".{key}.{os.getpid()}.tmp"
        partial.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(partial, folder / f"{key}.pickle")
        kept = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in kept[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass
