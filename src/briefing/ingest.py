"""Ingest stage: find the article files under ``seeds/`` and decode them.

Text is decoded here, at the file boundary, and nowhere else. A file that
cannot be used becomes a ``Skipped`` record with its reason; the run goes on.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

from .models import Sidecar, Skipped, Source

ARTICLE_SUFFIXES = (".txt",)
SIDECAR_SUFFIX = ".meta.toml"
MAX_BYTES = 20 * 1024 * 1024
_SIDECAR_KEYS = {"title", "date", "source", "url"}


def discover(seeds: Path) -> list[Path]:
    """Every article file below ``seeds``, in a stable order."""
    if not seeds.is_dir():
        return []
    return sorted(
        p for p in seeds.rglob("*")
        if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(seeds).parts)
    )


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name); raise ValueError saying why it is not text."""
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ValueError("binary file (holds NUL bytes), not article text")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        raise ValueError(
            f"not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); save it as UTF-8"
        ) from None


def read_sidecar(article: Path) -> Sidecar:
    """The editor's pinned facts for ``article``, if a sidecar file sits beside it."""
    path = article.with_name(article.stem + SIDECAR_SUFFIX)
    if not path.exists():
        return Sidecar()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ValueError(f"sidecar {path.name} is not valid TOML ({exc}); fix it") from None
    unknown = set(data) - _SIDECAR_KEYS
    if unknown:
        raise ValueError(
            f"sidecar {path.name} has unknown keys {sorted(unknown)}; allowed: {sorted(_SIDECAR_KEYS)}"
        )
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
    return Sidecar(title=data.get("title"), date=date, source=data.get("source"), url=data.get("url"))


def read(path: Path) -> Source | Skipped:
    """Read and decode one file."""
    try:
        size = path.stat().st_size
        if size == 0:
            return Skipped(path, "empty file; remove it or add the article text")
        if size > MAX_BYTES:
            return Skipped(path, f"too large ({size // 1024 // 1024} MB, limit {MAX_BYTES // 1024 // 1024} MB); split it")
        text, encoding = decode(path.read_bytes())
        if not text.strip():
            return Skipped(path, "holds only white space; remove it or add the article text")
        return Source(path=path, text=text, encoding=encoding, sidecar=read_sidecar(path))
    except ValueError as exc:
        return Skipped(path, str(exc))
    except OSError as exc:
        return Skipped(path, f"cannot be read ({exc.strerror}); check its permissions")


def ingest(seeds: Path) -> tuple[list[Source], list[Skipped]]:
    sources: list[Source] = []
    skipped: list[Skipped] = []
    for path in discover(seeds):
        result = read(path)
        (sources if isinstance(result, Source) else skipped).append(result)
    return sources, skipped
