"""How company names and listing codes are written: legal forms, word tokens, folding, code normalising.

Shared by the alias table (``table``), the matcher (``match``), the code finder (``codes``) and the
running-text recognisers (``running``, ``chinese``).
"""

from __future__ import annotations

import re

CJK = re.compile(r"[\u4e00-\u9fff]")
TOKEN = re.compile(r"[A-Za-z0-9À-ÖØ-öø-ÿ][A-Za-z0-9À-ÖØ-öø-ÿ&'’-]*")  # Latin letters, accented ones too (Hydro-Québec)
# a possessive or a lower-case compound after a name: "Alcoa’s", "CNOOC-affiliated"
TOKEN_TAIL = re.compile(r"['’]s$|-(?:based|backed|owned|affiliated|led|made|controlled|funded|listed|headquartered|"
                        r"linked|supplied|built|operated|run|designed|developed)$")
# legal forms: a table name is found without them and runs on over the ones written after it
LEGAL = (r"(?:Co\.,\s*Ltd\.?|Co\.,\s*Limited|Company Limited|Co\.|Inc\.?|Corp\.?|Corporation|Ltd\.?|Limited|plc|Plc|"
         r"PLC|AG|SE|GmbH|LLC|ASA|AB|Oyj|N\.V\.|S\.A\.)")
LEGAL_TAIL = re.compile(rf"(?:,?\s*(?<![A-Za-z0-9]){LEGAL})+$")  # "SSAB" keeps its "AB"
LEGAL_AFTER = re.compile(rf",?\s{{0,2}}{LEGAL}(?![A-Za-z0-9-])")
CN_LEGAL_TAIL = re.compile(r"(?:集团)?(?:股份有限公司|有限责任公司|有限責任公司|有限公司)$")
# a reading in pinyin that some converted pages put after a character: 開發(fā), 儲(chǔ)能
PINYIN = re.compile(r"(?<=[\u4e00-\u9fff])\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)")
_SPACES = re.compile(r"\s+")
_PUNCTUATION = re.compile(r"\s*[,.;:]\s*")


def fold(name: str) -> str:
    """A name as compared: spaces collapsed, outer punctuation dropped, case folded."""
    return _SPACES.sub(" ", name).strip(" ,.").casefold()


def bare(name: str) -> str:
    """A name without its legal form and punctuation, folded: "Suzhou Qingtao New Energy Technology Co., Ltd."
    and "Suzhou Qingtao New Energy Technology Co" are one name."""
    return fold(_PUNCTUATION.sub(" ", LEGAL_TAIL.sub("", name.strip()) or name))


def after_legal_form(text: str, end: int) -> int:
    """``end`` moved past the legal forms written right after it (", Inc.", " Co., Ltd.")."""
    for _ in range(3):
        m = LEGAL_AFTER.match(text, end)
        if not m:
            break
        end = m.end()
    return end


def normalise_code(code: str) -> str:
    """``300490`` -> ``300490.SZ``; ``688559.sh`` -> ``688559.SH``; ``3750`` -> ``03750.HK``."""
    code = code.upper().strip()
    if not code[:1].isdigit():
        return code  # a ticker in letters (ALB, TSLA, ALB.N): as written
    if "." in code:
        number, market = code.split(".", 1)
        return f"{number.zfill(5) if market == 'HK' else number}.{market}"
    if len(code) == 6:
        return _a_share(code)
    return f"{code.zfill(5)}.HK"


def _a_share(code: str) -> str:
    """A bare six-digit code with its exchange: Shanghai 60/68/90, Shenzhen 00/30/20, Beijing 4/8/92."""
    if code.startswith(("60", "68", "90")):
        return f"{code}.SH"
    if code.startswith(("00", "30", "20")):
        return f"{code}.SZ"
    if code.startswith(("4", "8", "92")):
        return f"{code}.BJ"
    return code


# industry, place and common words: a name of these alone is no company ("New Energy", "Global Lithium")
GENERIC = set("""new energy power battery batteries lithium lithium-ion sodium sodium-ion solid-state semi-solid-state
solid state storage global world international national china asia asian europe us u.s. usa uk eu japan korea india
germany australia clean green renewable renewables electric solar wind grid hydrogen nuclear fuel cell cells vehicle
vehicles ev evs nev car cars auto automotive technology market markets metals metal base precious minor rare earth
industry industrial mining materials material cathode anode electrolyte separator copper aluminium aluminum nickel
cobalt zinc lead tin steel iron ore silver gold silicon polysilicon manganese graphite vanadium carbonate hydroxide
sulphate sulfate spot futures price prices weekly daily monthly annual review report news top leading major key first
next future smart digital advanced high low long short duration flow pack module system systems conference forum
summit expo week quarter total overall chain supply demand raw recycled recycling home residential commercial utility
utilities distributed portable consumer mobile the a an its their his her our big small large secondary primary
scrap pv tech""".split())

# words that open a sentence before a name, never part of it ("On", "Meanwhile", "The")
LEAD = {"On", "In", "The", "This", "That", "Yesterday", "Today", "Meanwhile", "Recently",
        "Previously", "Also", "And", "But", "While", "When", "As", "Its", "Their", "Both", "Among", "By"}
CONNECT = {"of", "and", "&", "de"}  # lower-case words inside a name ("Bank of China")


# what a company is, written before its name: "Developer Kyon Energy", "Utility EWS AG"
ROLE = set("""Developer Developers Utility Utilities Investor Investors Automaker Automakers Carmaker Carmakers
Miner Miners Producer Producers Manufacturer Manufacturers Maker Makers Supplier Suppliers Operator Operators
Startup Start-up Firm Firms IPP Steelmaker Steelmakers Refiner Refiners Retailer Insurer Lender Partner Partners
Subsidiary Rival Rivals""".split())


def lead_word(word: str) -> bool:
    """A word that starts a sentence or a phrase before a name: "On", "Meanwhile", "US-based"."""
    return word in LEAD or word.endswith("-based")


def name_start(words: list[str]) -> int:
    """How many of the capitalised words before a name are not part of it: everything up to the last word
    that says where a company is from or what it is ("New York-based", "Developer"), then opening words."""
    cut = max((n + 1 for n, w in enumerate(words) if w.endswith(("-based", "-headquartered")) or w in ROLE), default=0)
    while cut < len(words) and (words[cut] in LEAD or words[cut] == "&"):
        cut += 1
    return cut
