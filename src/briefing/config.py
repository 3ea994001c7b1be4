"""Settings: one TOML file at the repository root, read against a declared schema.

Every option is declared once below, with its type and default. All problems
in a file are collected and reported together, each naming the key, the
problem and what is expected. Unknown keys are reported as warnings (fatal
with ``--strict``). Secrets never live here: they come from the environment.
"""

from __future__ import annotations

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
    parse_workers: int = 0  # processes that parse many changed files at once; 0: one per core
    overrides: str = "templates/overrides"  # editors' template overrides, searched before templates/
    editorial: str = "editorial"  # per-week editorial notes: editorial/<week>.toml
    sections: tuple[SectionRule, ...] = ()
    mail: Mail = field(default_factory=Mail)
    state: str = "state/briefing.sqlite3"  # subscribers, approvals and the delivery ledger

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
    def editorial_dir(self) -> Path:
        return self.root / self.editorial


_SCALARS = {"str": str, "int": int, "float": (int, float), "bool": bool}
_TOP = {
    f.name: f.type
    for f in fields(Config)
    if f.name not in ("root", "sections", "mail")
}
_MAIL = {f.name: f.type for f in fields(Mail)}
_MAIL_MINIMUM = {"port": 1, "batch_size": 1, "timeout": 0.1, "rate_per_minute": 0, "retries": 0, "retry_delay": 0}
_SECTION = {"key": "str", "title": "str", "keywords": "tuple[str, ...]", "default": "bool"}


def _check(table: dict[str, Any], schema: dict[str, str], where: str,
           errors: list[str], warnings: list[str]) -> dict[str, Any]:
    """Validate one table against its schema; return the accepted values."""
    good: dict[str, Any] = {}
    for key, value in table.items():
        name = f"{where}{key}"
        if key not in schema:
            known = ", ".join(sorted(schema))
            warnings.append(f"{name}: unknown setting (known here: {known})")
            continue
        kind = schema[key]
        if kind.startswith("tuple"):
            if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
                errors.append(f"{name}: expected a list of strings, got {value!r}")
                continue
            good[key] = tuple(value)
        else:
            expected = _SCALARS[kind]
            if not isinstance(value, expected) or (kind != "bool" and isinstance(value, bool)):
                errors.append(f"{name}: expected {kind}, got {value!r}")
                continue
            good[key] = value
    return good


def load(root: Path, path: Path | None = None) -> tuple[Config, list[str]]:
    """Read the config file; return it with its warnings, or raise ConfigError."""
    path = path or root / CONFIG_NAME
    if not path.exists():
        raise ConfigError(f"{path}: config file not found; create it (see README) or pass --config")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc}); fix the file") from None
    errors: list[str] = []
    warnings: list[str] = []
    sections_raw = data.pop("sections", [])
    mail_raw = data.pop("mail", {})
    top = _check(data, _TOP, "", errors, warnings)
    mail = Mail(**_check(mail_raw, _MAIL, "mail.", errors, warnings))
    if mail.security not in ("none", "starttls", "tls"):
        errors.append(f"mail.security: expected one of none, starttls, tls, got {mail.security!r}")
    if mail.ca_file and mail.security == "none":
        errors.append(f"mail.ca_file: set to {mail.ca_file!r}, but mail.security is none, so mail goes unencrypted; "
                      "set mail.security to starttls or tls, or remove mail.ca_file")
    elif mail.ca_file:  # relative to the repository root, like every path here
        mail = replace(mail, ca_file=str(root / mail.ca_file))
    for key, least in _MAIL_MINIMUM.items():
        if getattr(mail, key) < least:
            errors.append(f"mail.{key}: expected a number >= {least}, got {getattr(mail, key)!r}")
    sections = []
    for n, raw in enumerate(sections_raw, 1):
        where = f"sections[{n}]."
        good = _check(raw, _SECTION, where, errors, warnings)
        missing = [k for k in ("key", "title") if k not in good]
        if missing:
            errors.append(f"{where[:-1]}: missing {', '.join(missing)}")
            continue
        sections.append(SectionRule(**good))
    keys = [s.key for s in sections]
    if len(set(keys)) != len(keys):
        errors.append(f"sections: keys must be unique, got {keys}")
    if sum(s.default for s in sections) > 1:
        errors.append("sections: at most one section may have default = true")
    if not sections:
        errors.append("sections: at least one [[sections]] table is needed")
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
