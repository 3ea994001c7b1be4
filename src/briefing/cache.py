"""A content-hash cache of parsed articles, so a second build re-parses only changed files.

The key of a file is a hash of its path, its bytes, its sidecar file's bytes
and the parser itself (the source of the ingest and parse modules and the
company alias table): change any of them and the file is parsed again. The
cache is one pickle file under the cache folder (``cache`` in briefing.toml),
written atomically; entries of files that are gone are dropped on save.
A cache that cannot be read is ignored and rebuilt.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import pickle
from dataclasses import dataclass
from pathlib import Path

from .models import Article, Skipped

log = logging.getLogger("briefing")
FILE_NAME = "articles.pickle"
_PARSER_MODULES = ("ingest", "readers", "cleaning", "parse", "dates", "narrative", "models")  # modules or packages



@dataclass(frozen=True)
class Entry:
    """What one file gave: the weeks of its articles, why parts were skipped, and
    the articles themselves, pickled apart so that a build unpickles only its week's."""

    weeks: tuple[str, ...]
    skipped: tuple[Skipped, ...]
    blob: bytes

    @classmethod
    def of(cls, results: list[Article | Skipped]) -> "Entry":
        """An article that no week can hold (no date, no week folder) is skipped, with how to place it."""
        articles = [r for r in results if isinstance(r, Article) and r.week]
        skipped = [r for r in results if isinstance(r, Skipped)]
        skipped += [Skipped(r.path, r.date.how) for r in results if isinstance(r, Article) and not r.week]
        return cls(tuple(a.week for a in articles), tuple(skipped),
                   pickle.dumps(articles, protocol=pickle.HIGHEST_PROTOCOL))

    def articles(self) -> list[Article]:
        return pickle.loads(self.blob) if self.weeks else []


def parser_version() -> str:
    """A hash of the code and data that decide what a file parses into."""
    from .parse.companies import aliases_file

    return _version(*aliases_file())


@functools.lru_cache(maxsize=4)
def _version(table: Path, _mtime: int) -> str:
    here = Path(__file__).resolve().parent
    digest = hashlib.blake2b(digest_size=16)
    for name in _PARSER_MODULES:
        files = sorted((here / name).rglob("*.py")) if (here / name).is_dir() else [here / f"{name}.py"]
        for file in files:
            digest.update(file.read_bytes())
    if table.exists():
        digest.update(table.read_bytes())
    return digest.hexdigest()


def key(path: Path, data: bytes, sidecar: bytes = b"") -> str:
    digest = hashlib.blake2b(digest_size=20)
    digest.update(str(path).encode("utf-8", "surrogateescape") + b"\0")
    digest.update(len(data).to_bytes(8, "little"))
    digest.update(data)
    digest.update(sidecar)
    return digest.hexdigest()


class Cache:
    """Parsed results by content key; ``get``/``put`` during a run, ``save`` at its end."""

    def __init__(self, folder: Path | None):
        self.path = folder / FILE_NAME if folder else None
        self.old: dict[str, Entry] = {}
        self.new: dict[str, Entry] = {}
        self.hits = self.misses = 0
        if self.path and self.path.exists():
            try:
                with open(self.path, "rb") as fh:
                    version, entries = pickle.load(fh)
                if version == parser_version():
                    self.old = entries
            except Exception as exc:  # a damaged cache is only a slower build
                log.info("cache %s unreadable (%s); rebuilding it", self.path, exc)

    def get(self, k: str) -> Entry | None:
        entry = self.old.get(k)
        if entry is not None:
            self.hits += 1
            self.new[k] = entry
        return entry

    def put(self, k: str, entry: Entry) -> None:
        self.misses += 1
        self.new[k] = entry

    def save(self) -> None:
        if self.path is None or (not self.misses and len(self.new) == len(self.old)):
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}")
            with open(tmp, "wb") as fh:
                pickle.dump((parser_version(), self.new), fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.path)
        except OSError as exc:
            log.warning("could not write the parse cache %s (%s); the next build parses every file again",
                        self.path, exc.strerror)

