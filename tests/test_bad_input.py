"""Bad input: encodings, empty, binary and very large files, broken formats, and a fuzz test.

No exception may escape the parser: a file it cannot use is skipped with a reason.
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing import corpus, ingest, parse, readers
from briefing.models import Article, Skipped, Source

from .conftest import load_config

ARTICLE = (
    "Cobalt Market Notes\n"
    "iconNov 12, 2025 10:00\n"
    "Source:SMM\n\n"
    "[Cobalt: Prices Rise] On November 11, refined cobalt rose to 242,000 yuan/mt in Zürich's café trade.\n"
)
CHINESE = "钴市场快讯\nNov 12, 2025 10:00\nSource:SMM\n\n【钴：价格上涨】11月11日，电解钴价格上涨至每吨24.2万元。（SMM）\n"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "formats"


@pytest.mark.parametrize("data, encoding, text", [
    (ARTICLE.encode("utf-8"), "utf-8", ARTICLE),
    (b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"), "utf-8-sig", ARTICLE),
    (ARTICLE.encode("utf-16"), "utf-16", ARTICLE),
    (ARTICLE.encode("utf-16-le"), "utf-16-le", ARTICLE),
    (ARTICLE.encode("utf-16-be"), "utf-16-be", ARTICLE),
    (ARTICLE.encode("latin-1"), "cp1252", ARTICLE),
    (CHINESE.encode("gb18030"), "gb18030", CHINESE),
])
def test_encodings_are_decoded(tmp_path, data, encoding, text):
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    source = ingest.read(path)
    assert isinstance(source, Source), source
    assert (source.encoding, source.text.replace("\ufeff", "")) == (encoding, text)
    article = parse.parse(source)
    assert article.items[0].figures[0].value in (242000.0, 242000.0)


@pytest.mark.parametrize("name, data, reason", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b" \n\t\n", "holds only white space"),
    ("png.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary file"),
    ("controls.txt", bytes(range(1, 9)) * 200, "binary file"),
    ("short.txt", "Caf\xe9 prices".encode("latin-1"), "not UTF-8 (byte 0xe9 at offset 3); save it as UTF-8"),
    ("page.html", b"<html><body><script>var a = 1;</script></body></html>", "no main text found in the HTML"),
    ("feed.xml", b"<rss><channel><title>x</title></channel></rss>", "no entries in the feed"),
    ("items.json", b'{"items": [1, 2]}', "expected a list of items"),
    ("broken.json", b'[{"headline": "x"', "not valid JSON"),
    ("front.md", b"---\ntitle: [unclosed\n---\nBody text here.\n", "front matter is not valid"),
])
def test_unusable_files_are_skipped_with_a_reason(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    result = ingest.read_all(path)
    assert isinstance(result, Skipped) and reason in result.reason, result


def test_very_large_file_is_refused_from_its_size(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:  # 50 MB, sparse: nothing to read
        fh.truncate(50 * 1024 * 1024)
    opened = []
    real_open = open
    monkeypatch.setattr("builtins.open", lambda *a, **k: opened.append(a[0]) or real_open(*a, **k))
    result = ingest.read_all(path)
    assert isinstance(result, Skipped) and result.reason.startswith("too large (50 MB, limit 20 MB)")
    assert path not in opened and str(path) not in opened


def test_binary_file_is_refused_from_its_first_bytes(tmp_path):
    path = tmp_path / "blob.txt"
    path.write_bytes(b"\x00\x01\x02\x03" * (4 * 1024 * 1024))  # 16 MB under the size limit
    reads = []

    class Spy:
        def __init__(self, fh):
            self.fh = fh

        def read(self, n=-1):
            reads.append(n)
            return self.fh.read(n)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

    real_open = open
    import builtins

    builtins.open, saved = (lambda *a, **k: Spy(real_open(*a, **k))), builtins.open
    try:
        result = ingest.read_bytes(path)
    finally:
        builtins.open = saved
    assert isinstance(result, Skipped) and "binary" in result.reason
    assert reads == [4096]


def test_seeds_subfolders_are_walked_and_sidecars_not_taken_for_articles(project):
    week = project / "seeds" / "2025-46" / "desk"
    week.mkdir(parents=True)
    (week / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (week / "a.meta.toml").write_text('title = "Pinned title"\n', encoding="utf-8")
    (project / "seeds" / ".hidden").mkdir()
    (project / "seeds" / ".hidden" / "b.txt").write_text(ARTICLE, encoding="utf-8")
    articles, skipped = corpus.read_articles(load_config(project))
    assert not skipped
    titles = sorted(a.title for a in articles)
    assert "Pinned title" in titles and len(articles) == 3


# ------------------------------------------------------------------ fuzz

def _texts() -> list[str]:
    return [readers.decode(p.read_bytes())[0] for p in sorted(FIXTURES.glob("*.txt"))]


TEXTS = _texts()


def _mutate(text: str, rnd: random.Random, edits: int) -> str:
    chars = list(text)
    alphabet = "[]【】()（）:：-–—•*#/.,;\n\t 0123456789年月日万亿$¥%≥<>\"“”'’ABCxyz\u00a0\ufeff\x00"
    for _ in range(edits):
        op = rnd.randrange(4)
        at = rnd.randrange(len(chars) + 1)
        if op == 0 and chars:
            del chars[min(at, len(chars) - 1)]
        elif op == 1:
            chars.insert(at, rnd.choice(alphabet))
        elif op == 2 and chars:
            chars[min(at, len(chars) - 1)] = rnd.choice(alphabet)
        else:
            lines = "".join(chars).split("\n")
            rnd.shuffle(lines)
            chars = list("\n".join(lines))
    return "".join(chars)


def _parse_or_reason(text: str) -> Article | str:
    try:
        return parse.parse(Source(path=Path("fuzz.txt"), text=text, encoding="utf-8"))
    except ValueError as exc:  # the one exception a file may give: it is then skipped with this reason
        return str(exc)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(TEXTS) - 1), st.integers(0, 2**32 - 1), st.integers(1, 40))
def test_fuzz_mutated_articles_never_raise(which, seed, edits):
    result = _parse_or_reason(_mutate(TEXTS[which], random.Random(seed), edits))
    assert isinstance(result, (Article, str))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=600))
def test_fuzz_random_text_never_raises(text):
    assert isinstance(_parse_or_reason(text), (Article, str))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400), st.sampled_from([".txt", ".md", ".json", ".xml", ".html"]))
def test_fuzz_random_bytes_are_read_or_skipped(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("fuzz") / f"f{suffix}"
    path.write_bytes(data)
    results = corpus.parse_file(path, data) if data else [ingest.read_all(path)]
    assert all(isinstance(r, (Article, Skipped)) for r in results)
