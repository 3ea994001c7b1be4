"""Ingest stage: find the article files under ``seeds/`` and decode them.

Text is decoded here, at the file boundary, and nowhere else. A file that
cannot be used becomes a ``Skipped`` record with its reason; the run goes on.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import tomllib
from pathlib import Path

from .cleaning import clean_source
from .models import Sidecar, Skipped, Source
from .readers import READERS, decode, sniff_binary, web_url  # noqa: F401  (decode is part of this module's interface)

ARTICLE_SUFFIXES = tuple(READERS)
SIDECAR_SUFFIX = ".meta.toml"
MAX_BYTES = 20 * 1024 * 1024  # larger files are refused from their size alone
# No article is this long: a file with more text (an archive, a dump, a page whose lines were lost) is
# refused before it is parsed, so that every file is parsed in a second or two and no build swells with it.
MAX_TEXT = 500_000  # characters of text in one file (a feed's entries together)
MAX_LINES = 5_000  # lines of one article, or items of one JSON list
_PLAIN = {READERS[".txt"], READERS[".md"], READERS[".json"]}  # readers whose bytes are the text, not markup
_SIDECAR_KEYS = {"title", "date", "source", "url"}


def discover(seeds: Path, sidecars: bool = False) -> list[Path]:
    """Every article file below ``seeds`` (sub-folders included), in a stable order;
    with ``sidecars``, their ``.meta.toml`` files too."""
    if not seeds.is_dir():
        return []
    found: list[str] = []
    for folder, dirs, files in os.walk(seeds):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if name.startswith("."):
                continue
            if name.endswith(SIDECAR_SUFFIX):
                if sidecars:
                    found.append(os.path.join(folder, name))
            elif os.path.splitext(name)[1].lower() in ARTICLE_SUFFIXES:
                found.append(os.path.join(folder, name))
    # sorted as paths are (part by part), but on strings, which is much faster
    return [Path(p) for p in sorted(found, key=lambda p: p.split(os.sep))]


def read_sidecar(article: Path) -> Sidecar:
    """The editor's pinned facts for ``article``, if a sidecar file sits beside it."""
    name = os.fspath(article)
    stem = name[:len(name) - len(article.suffix)] if article.suffix else name
    if not os.path.exists(stem + SIDECAR_SUFFIX):
        return Sidecar()
    path = Path(stem + SIDECAR_SUFFIX)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, RecursionError) as exc:
        raise ValueError(f"sidecar {path.name} is not valid TOML ({exc}); fix it") from None
    except OSError as exc:
        raise ValueError(f"sidecar {path.name} cannot be read ({exc.strerror}); make it a readable file") from None
    unknown = set(data) - _SIDECAR_KEYS
    if unknown:
        raise ValueError(
            f"sidecar {path.name} has unknown keys {sorted(unknown)}; allowed: {sorted(_SIDECAR_KEYS)}"
        )
    for key in ("title", "source", "url"):
        if key in data and not isinstance(data[key], str):
            raise ValueError(f"sidecar {path.name}: {key} must be text in quotes, got {str(data[key])[:40]}; "
                             f'write e.g. {key} = "..."')
    date = data.get("date")
    if isinstance(date, str):
        try:
            date = dt.datetime.fromisoformat(date)
        except ValueError:
            raise ValueError(
                f"sidecar {path.name}: date {date!r} is not a date; write e.g. 2024-03-03"
            ) from None
    if isinstance(date, dt.date) and not isinstance(date, dt.datetime):
        date = dt.datetime.combine(date, dt.time())
    if date is not None and not isinstance(date, dt.datetime):
        raise ValueError(f"sidecar {path.name}: date must be a date such as 2024-03-03")
    if isinstance(date, dt.datetime) and date.tzinfo is not None:
        date = date.replace(tzinfo=None)
    url = data.get("url")
    if url is not None and web_url(url) is None:
        raise ValueError(f"sidecar {path.name}: url {url!r} is not a web address; write e.g. https://example.com/article")
    return Sidecar(title=data.get("title"), date=date, source=data.get("source"), url=url)



def read_bytes(path: Path) -> bytes | Skipped:
    """The file's bytes, or why they are not read: empty, too large or binary files
    are refused from their size and first bytes, without reading them whole."""
    try:
        size = path.stat().st_size
        if size == 0:
            return Skipped(path, "empty file; remove it or add the article text")
        if size > MAX_BYTES:
            return Skipped(path, f"too large ({size // 1024 // 1024} MB, limit {MAX_BYTES // 1024 // 1024} MB); split it")
        with open(path, "rb") as fh:
            head = fh.read(4096)
            if sniff_binary(head):  # refused before the rest is read
                return Skipped(path, "binary file (holds NUL or control bytes), not article text")
            return head + fh.read()
    except OSError as exc:
        return Skipped(path, f"cannot be read ({exc.strerror}); check its permissions")


def read_all(path: Path, data: bytes | None = None) -> list[Source] | Skipped:
    """Read one file into its articles (a feed holds many; other files one)."""
    if data is None:
        data = read_bytes(path)
        if isinstance(data, Skipped):
            return data
    reader = READERS.get(path.suffix.lower(), READERS[".txt"])
    if reader in _PLAIN and len(data) > 4 * MAX_TEXT:  # no character takes more than 4 bytes: refused unread
        return Skipped(path, f"too much text for one file ({len(data) / 1024 / 1024:.0f} MB, more than "
                             f"{MAX_TEXT:,} characters); split it into its articles")
    try:
        sidecar = read_sidecar(path)
        sources = [clean_source(dataclasses.replace(s, sidecar=sidecar)) for s in reader(path, data)]
        if not any(s.text.strip() for s in sources):
            return Skipped(path, "holds only white space; remove it or add the article text")
        if too_much := _too_much(sources):
            return Skipped(path, too_much)
        return sources
    except ValueError as exc:
        return Skipped(path, one_line(str(exc)))
    except (Exception, RecursionError) as exc:  # a reader's library failed on a hostile file: skip that file
        return Skipped(path, one_line(f"cannot be read as {reader.__name__[5:]} ({type(exc).__name__}: {exc}); "
                                      "check the file, or save it as plain text"))


def _too_much(sources: list[Source]) -> str:
    """Why the file's text is too long to be parsed as articles ("" when it is not)."""
    chars = sum(len(s.text) for s in sources)
    if chars > MAX_TEXT:
        return (f"too much text for one file ({chars:,} characters, limit {MAX_TEXT:,}); "
                "split it into its articles")
    for s in sources:
        where = f" ({s.part})" if s.part else ""
        if len(s.items) > MAX_LINES:
            return f"too many items in one list ({len(s.items):,}, limit {MAX_LINES:,}); split the list"
        if not s.items and (lines := s.text.count("\n") + 1) > MAX_LINES:
            return (f"too many lines for one article{where} ({lines:,}, limit {MAX_LINES:,}); "
                    "split it into its articles")
    return ""


def one_line(reason: str) -> str:
    """A reason as one line, of reasonable length."""
    text = " ".join(reason.split())
    return text if len(text) <= 300 else text[:297] + "..."


def read(path: Path) -> Source | Skipped:
    """Read and decode one file (its first article, for files that hold many)."""
    result = read_all(path)
    return result if isinstance(result, Skipped) else result[0]


def ingest(seeds: Path) -> tuple[list[Source], list[Skipped]]:
    sources: list[Source] = []
    skipped: list[Skipped] = []
    for path in discover(seeds):
        result = read_all(path)
        if isinstance(result, Skipped):
            skipped.append(result)
        else:
            sources.extend(result)
    return sources, skipped
