"""Characters that are not text, dropped where files are read, and counted.

Control characters (C0 but tab, line feed and carriage return; DEL; C1 such
as U+0080 and U+0085), private-use characters, lone surrogates and
noncharacters carry no text: no font draws them, XML (DOCX) forbids some, and
UTF-8 cannot encode a lone surrogate. One of them in one article must not
stop the week, so every string a reader gives (text, metadata, items) is
cleaned here and the article carries a ``Note`` of what was dropped; the PDF's
glyph check is then about real text only.

Pictographs (emoji: "📉 Profit Drop", "✅ approved", flags) are dropped the same
way, with the joiners, skin tones and variation selectors of their sequences:
they carry no fact, no font of the print toolchain draws them all (color emoji
fonts are not drawn reliably into a PDF), and a research briefing does not
print them. Symbols that fonts draw as text (©, ™, ✔, ★, →) stay.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter

from .models import Note, Sidecar, Source

_NONCHARACTERS = "".join(chr(plane * 0x10000 + 0xFFFE) + chr(plane * 0x10000 + 0xFFFF) for plane in range(1, 15))
NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\ufdd0-\ufdef\ufffe\uffff"
                      f"{_NONCHARACTERS}\U000f0000-\U0010ffff]")


# Emoji by default presentation (Unicode's Emoji_Presentation) outside the supplementary planes' pictograph
# blocks, which are taken whole (U+1F000-1FAFF: pictographs, emoticons, transport, flags' regional indicators,
# skin tones); a flag is a pair of regional indicators, tag characters spell subdivision flags.
_EMOJI_BMP = ("\u231a\u231b\u23e9-\u23ec\u23f0\u23f3\u25fd\u25fe\u2614\u2615\u2648-\u2653\u267f\u2693\u26a1"
              "\u26aa\u26ab\u26bd\u26be\u26c4\u26c5\u26ce\u26d4\u26ea\u26f2\u26f3\u26f5\u26fa\u26fd\u2705"
              "\u270a\u270b\u2728\u274c\u274e\u2753-\u2755\u2757\u2795-\u2797\u27b0\u27bf\u2b1b\u2b1c\u2b50\u2b55")
_PICTOGRAPH = (f"[{_EMOJI_BMP}\U0001f000-\U0001faff\U000e0020-\U000e007f]"
               "(?:[\ufe0f\U0001f1e6-\U0001f1ff\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f]"
               f"|\u200d[{_EMOJI_BMP}\U0001f000-\U0001faff\u2600-\u27bf])*")
PICTOGRAPHS = re.compile(_PICTOGRAPH)
# Dropped with the blank after it at the start of a line ("✅ Approved"), else with the blank before it
# ("Numbers 📉 Profit", "in trade 🔥."): no double blank stays, no blank before a stop.
_DROPPED_PICTOGRAPH = re.compile(f"^{_PICTOGRAPH}[ \t]?|[ \t]?{_PICTOGRAPH}", re.M)
_KEYCAP = re.compile("(?<=[0-9#*])\ufe0f?\u20e3")  # "1️⃣": the digit stays


# A run of 32 or more blanks carries no text (it is layout); it becomes one space, which also bounds the
# work of the parser's item pattern, whose cost grows with the cube of a blank run after a bracket.
LONG_BLANKS = re.compile("[ \t\u00a0\u2000-\u200a\u3000]{32,}")


def kind(char: str) -> str:
    if len(char) > 1 or PICTOGRAPHS.fullmatch(char) or char == "\u20e3":  # sequences, keycap marks
        return "emoji"
    code = ord(char)
    if code < 0xA0:
        return "control"
    if 0xD800 <= code <= 0xDFFF:
        return "surrogate"
    if 0xE000 <= code <= 0xF8FF or code >= 0xF0000 and (code & 0xFFFF) < 0xFFFE:
        return "private-use"
    return "noncharacter"


def clean(text: str, dropped: Counter[str]) -> str:
    """``text`` without the characters that are not text and the pictographs; each one dropped (a
    pictograph's whole sequence as one) is counted in ``dropped``."""
    def drop(m: re.Match) -> str:
        dropped[m[0].strip(" \t")] += 1
        return ""

    if NOT_TEXT.search(text):
        text = NOT_TEXT.sub(drop, text)
    if PICTOGRAPHS.search(text):
        text = _DROPPED_PICTOGRAPH.sub(drop, text)
    if "\u20e3" in text:
        text = _KEYCAP.sub(drop, text)
    return text


def note(dropped: Counter[str]) -> Note | None:
    """One note saying what was dropped: "3 characters ...: 2 control (U+0085), 1 private-use (U+E000)"."""
    if not dropped:
        return None
    kinds: dict[str, list[str]] = {}
    for char, _ in dropped.most_common():
        kinds.setdefault(kind(char), []).append(char)
    parts = []
    for name, chars in kinds.items():
        shown = ", ".join(f"U+{ord(c[0]):04X}" for c in chars[:3]) + (", ..." if len(chars) > 3 else "")
        parts.append(f"{sum(dropped[c] for c in chars)} {name} ({shown})")
    total = sum(dropped.values())
    plural = "s that are" if total != 1 else " that is"
    return Note("dropped", total, f"{total} character{plural} not text dropped: "
                + ", ".join(parts))


def _clean_facts(facts: Sidecar, dropped: Counter[str]) -> Sidecar:
    return dataclasses.replace(facts, **{name: clean(value, dropped) for name in ("title", "source", "url")
                                         if isinstance(value := getattr(facts, name), str)})


def clean_source(source: Source) -> Source:
    """The source with every string cleaned, and a note of what was dropped."""
    dropped: Counter[str] = Counter()
    text = clean(source.text, Counter() if source.items else dropped)  # an item list's text repeats its items
    text = LONG_BLANKS.sub(" ", text)
    items = tuple({k: clean(v, dropped) if isinstance(v, str) else v for k, v in item.items()}
                  for item in source.items)
    found, sidecar = _clean_facts(source.found, dropped), _clean_facts(source.sidecar, dropped)
    if not dropped:
        return source if text == source.text else dataclasses.replace(source, text=text)
    made = note(dropped)
    return dataclasses.replace(source, text=text, items=items, found=found, sidecar=sidecar,
                               notes=source.notes + ((made,) if made else ()))
