"""Settings: one TOML file at the repository root, read against a declared schema.

Every option is declared once below, with its type and default. All problems
in a file are collected and reported together, each naming the key, the
problem and what is expected. Unknown keys are reported as warnings (fatal
with ``--strict``). Secrets never live here: they come from the environment.
"""

from __future__ import annotations

import math
import re
import string
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError

CONFIG_NAME = "briefing.toml"


@dataclass(frozen=True)
class SectionRule:
    """One section of the briefing and the words that send an item to it."""

    key: str
    title: str
    keywords: tuple[str, ...] = ()
    default: bool = False  # catches items that match no other section


@dataclass(frozen=True)
class Mail:
    host: str = "127.0.0.1"
    port: int = 25
    security: str = "none"  # none | starttls | tls
    user: str = ""
    password_env: str = "BRIEFING_SMTP_PASSWORD"
    sender: str = "Briefing Desk <briefing@example.com>"
    subject: str = "Weekly Hot {week}: {title}"
    unsubscribe_url: str = "https://example.com/unsubscribe?email={email}"
    unsubscribe_mailto: str = "unsubscribe@example.com"
    rate_per_minute: int = 0  # 0: no limit
    require_approval: bool = True
    retries: int = 3
    timeout: float = 30.0
    retry_delay: float = 5.0  # seconds before the first retry of a 4xx refusal; doubles each time
    batch_size: int = 100  # messages sent over one connection before it is renewed
    ca_file: str = ""  # PEM file of the CA(s) the server's certificate must chain to; "": the system trust store


@dataclass(frozen=True)
class Config:
    root: Path
    topic: str = "Solid-State Battery"
    title: str = "Weekly Hot"
    subtitle: str = "{topic} weekly briefing"
    author: str = "Briefing Desk"
    language: str = "en"
    progress_title: str = "Progress of {topic} Projects by Enterprises"
    statement: str = ""
    seeds: str = "seeds"
    output: str = "output"
    templates: str = "templates"
    cache: str = ".cache"  # parse cache folder; "" turns the cache off
    companies: str = "data/companies.csv"  # the company alias table (names, short names, codes)
    products: str = "data/products.csv"  # the product table of the market overview (names and the words for them)
    items_in_full: int = 8  # items a section prints in full; the rest are listed one line each in the appendix
    parse_workers: int = 0  # processes that parse many changed files at once; 0: one per core
    pdf_process: bool = True  # print the PDF in a second process, started while the build parses and draws
    overrides: str = "templates/overrides"  # editors' template overrides, searched before templates/
    editorial: str = "editorial"  # per-week editorial notes: editorial/<week>.toml
    sections: tuple[SectionRule, ...] = ()
    mail: Mail = field(default_factory=Mail)
    state: str = "state/briefing.sqlite3"  # subscribers, approvals and the delivery ledger
    history: str = "state/history.sqlite3"  # each built week's items, prices, key figures, companies; "" turns it off
    history_weeks: int = 8  # weeks the price charts across weeks span

    @property
    def seeds_dir(self) -> Path:
        return self.root / self.seeds

    @property
    def output_dir(self) -> Path:
        return self.root / self.output

    @property
    def cache_dir(self) -> Path | None:
        return self.root / self.cache if self.cache else None

    @property
    def templates_dir(self) -> Path:
        return self.root / self.templates

    @property
    def state_path(self) -> Path:
        return self.root / self.state

    @property
    def overrides_dir(self) -> Path:
        return self.root / self.overrides

    @property
    def history_path(self) -> Path | None:
        return self.root / self.history if self.history else None

    @property
    def products_path(self) -> Path:
        return self.root / self.products

    @property
    def editorial_dir(self) -> Path:
        return self.root / self.editorial


_SCALARS = {"str": str, "int": int, "float": (int, float), "bool": bool}
_TOP = {
    f.name: f.type
    for f in fields(Config)
    if f.name not in ("root", "sections", "mail")
}
_MAIL = {f.name: f.type for f in fields(Mail)}
_SECTION = {"key": "str", "title": "str", "keywords": "tuple[str, ...]", "default": "bool"}
# (least, most) of each number; a value outside is refused with the range
_RANGES = {"mail.port": (1, 65535), "mail.batch_size": (1, 100000), "mail.timeout": (0.1, 3600),
           "mail.rate_per_minute": (0, 100000), "mail.retries": (0, 20), "mail.retry_delay": (0, 3600),
           "parse_workers": (0, 256), "items_in_full": (1, 10000), "history_weeks": (2, 520)}
_NOT_EMPTY = ("seeds", "output", "templates", "state", "companies", "mail.host", "mail.sender", "mail.password_env")
# the {names} each format string may use
_FORMATS = {"subtitle": ("topic",), "progress_title": ("topic",),
            "mail.subject": ("week", "title", "full_title", "topic"), "mail.unsubscribe_url": ("email",),
            "mail.unsubscribe_mailto": ("email",)}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff]")


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _scalar(name: str, kind: str, value: Any) -> str:
    """What is wrong with one value of a declared scalar kind ("" when nothing)."""
    expected = _SCALARS[kind]
    if not isinstance(value, expected) or (kind != "bool" and isinstance(value, bool)):
        example = {"str": '"text"', "int": "3", "float": "30.0", "bool": "true"}[kind]
        return f"{name}: expected {kind}, got {_shown(value)}; write e.g. {name.rpartition('.')[2]} = {example}"
    if kind == "float" and not math.isfinite(value):
        return f"{name}: expected a finite number, got {value!r}; write a number such as 30.0"
    if name in _RANGES:
        least, most = _RANGES[name]
        if not least <= value <= most:
            return f"{name}: expected a number from {least} to {most}, got {value!r}; set it within that range"
    if kind == "str":
        return _text_problem(name, value)
    return ""


def _text_problem(name: str, value: str) -> str:
    if name in _NOT_EMPTY and not value.strip():
        return f"{name}: is empty; give a value (the default is in src/briefing/config.py) or remove the line"
    if m := _CONTROL.search(value):
        return (f"{name}: holds the character U+{ord(m[0]):04X}, which is not text; remove it "
                "(write a line break as a space)")
    if name in _FORMATS:
        allowed = _FORMATS[name]
        try:
            used = [field for _, field, _, _ in string.Formatter().parse(value) if field is not None]
        except ValueError as exc:
            return f"{name}: {_shown(value)} is not a valid format ({exc}); write braces as {{{{ and }}}}"
        wrong = [f for f in used if f not in allowed]
        if wrong:
            return (f"{name}: {{{wrong[0]}}} is not a name it may use; use "
                    f"{', '.join('{' + a + '}' for a in allowed)}, or write a brace as {{{{ or }}}}")
    return ""


def _check(table: Any, schema: dict[str, str], where: str,
           errors: list[str], warnings: list[str]) -> dict[str, Any]:
    """Validate one table against its schema; return the accepted values."""
    good: dict[str, Any] = {}
    if not isinstance(table, dict):
        header = f"[[{where[:-1].partition('[')[0]}]]" if where.endswith("].") else f"[{where[:-1]}]"
        errors.append(f"{where[:-1]}: expected a table ({header} and its keys), got {_shown(table)}; "
                      f"write it as a {header} table")
        return good
    for key, value in table.items():
        name = f"{where}{key}"
        if key not in schema:
            known = ", ".join(sorted(schema))
            warnings.append(f"{name}: unknown setting (known here: {known})")
            continue
        kind = schema[key]
        if kind.startswith("tuple"):
            if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
                errors.append(f"{name}: expected a list of strings, got {_shown(value)}; write e.g. "
                              f'{key} = ["one", "two"]')
                continue
            value = tuple(value)
        elif problem := _scalar(name, kind, value):
            errors.append(problem)
            continue
        good[key] = value
    return good


def _sections(raw: Any, errors: list[str], warnings: list[str]) -> list[SectionRule]:
    if not isinstance(raw, list):
        errors.append(f"sections: expected [[sections]] tables, got {_shown(raw)}; write each section as a "
                      "[[sections]] table with key and title")
        return []
    sections = []
    for n, table in enumerate(raw, 1):
        where = f"sections[{n}]."
        good = _check(table, _SECTION, where, errors, warnings)
        missing = [k for k in ("key", "title") if k not in good]
        if missing and isinstance(table, dict):
            errors.append(f"{where[:-1]}: missing {', '.join(missing)}; add them to that [[sections]] table")
        if not missing:
            sections.append(SectionRule(**good))
    keys = [s.key for s in sections]
    if len(set(keys)) != len(keys):
        errors.append(f"sections: keys must be unique, got {keys}; rename the repeated key")
    if sum(s.default for s in sections) > 1:
        errors.append("sections: at most one section may have default = true; keep it on one")
    if not sections and not errors:
        errors.append("sections: at least one [[sections]] table is needed; add one with key and title")
    return sections


def _mail(raw: Any, root: Path, errors: list[str], warnings: list[str]) -> Mail:
    mail = Mail(**_check(raw, _MAIL, "mail.", errors, warnings))
    if mail.security not in ("none", "starttls", "tls"):
        errors.append(f"mail.security: expected one of none, starttls, tls, got {mail.security!r}; choose one")
    if mail.ca_file and mail.security == "none":
        errors.append(f"mail.ca_file: set to {mail.ca_file!r}, but mail.security is none, so mail goes unencrypted; "
                      "set mail.security to starttls or tls, or remove mail.ca_file")
    elif mail.ca_file:  # relative to the repository root, like every path here
        mail = replace(mail, ca_file=str(root / mail.ca_file))
    return mail


def load(root: Path, path: Path | None = None) -> tuple[Config, list[str]]:
    """Read the config file; return it with its warnings, or raise ConfigError."""
    path = path or root / CONFIG_NAME
    if not path.is_file():
        raise ConfigError(f"{path}: config file not found; create it (see README) or pass --config")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc}); fix the file") from None
    except (OSError, RecursionError) as exc:
        raise ConfigError(f"{path}: cannot be read ({getattr(exc, 'strerror', None) or exc}); fix the file") from None
    errors: list[str] = []
    warnings: list[str] = []
    sections_raw = data.pop("sections", [])
    mail_raw = data.pop("mail", {})
    top = _check(data, _TOP, "", errors, warnings)
    mail = _mail(mail_raw, root, errors, warnings)
    sections = _sections(sections_raw, errors, warnings)
    if errors:
        raise ConfigError(f"{path}: " + "; ".join(errors))
    return Config(root=root, sections=tuple(sections), mail=mail, **top), warnings


def find_root(start: Path | None = None) -> Path:
    """The nearest folder at or above ``start`` that holds the config file."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).exists():
            return folder
    return here
