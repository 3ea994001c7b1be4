"""Every broken setting is one line naming the key, the problem and the fix, through the real CLI."""

from __future__ import annotations

import pytest

from briefing import cli, config

TOP = 'seeds = "seeds"\noutput = "output"\ntemplates = "templates"\n'
SECTIONS = '[[sections]]\nkey = "all"\ntitle = "All"\ndefault = true\n'


def write(project, top: str = "", sections: str = SECTIONS, mail: str = "") -> None:
    text = TOP + top + "\n" + sections + ("[mail]\n" + mail + "\n" if mail else "")
    (project / "briefing.toml").write_text(text, encoding="utf-8")


BROKEN = [
    # (top-level lines, [[sections]] text or None for the default, [mail] lines, what the line must say)
    ('mail = "x"', None, "", 'mail: expected a table ([mail] and its keys), got \'x\''),
    ("sections = [1]", "", "", "sections[1]: expected a table ([[sections]] and its keys), got 1"),
    ('sections = "x"', "", "", "sections: expected [[sections]] tables, got 'x'"),
    ("", "", "", "sections: at least one [[sections]] table is needed"),
    ("", '[[sections]]\nkey = "a"\n', "", "sections[1]: missing title; add them"),
    ("", SECTIONS + SECTIONS, "", "sections: keys must be unique"),
    ("", '[[sections]]\nkey = "a"\ntitle = "A"\nkeywords = "x"\n', "", "sections[1].keywords: expected a list"),
    ("", '[[sections]]\nkey = "a"\ntitle = "A"\ndefault = "yes"\n', "", "sections[1].default: expected bool"),
    ("", None, "timeout = nan", "mail.timeout: expected a finite number, got nan"),
    ("", None, "timeout = inf", "mail.timeout: expected a finite number, got inf"),
    ("", None, "timeout = 0", "mail.timeout: expected a number from 0.1 to 3600, got 0"),
    ("", None, 'timeout = "30"', "mail.timeout: expected float, got '30'; write e.g. timeout = 30.0"),
    ("", None, "retry_delay = inf", "mail.retry_delay: expected a finite number, got inf"),
    ("", None, "retry_delay = -1.0", "mail.retry_delay: expected a number from 0 to 3600"),
    ("", None, "retries = 1000000", "mail.retries: expected a number from 0 to 20"),
    ("", None, 'host = ""', "mail.host: is empty; give a value"),
    ("", None, 'host = "  "', "mail.host: is empty"),
    ("", None, "port = 99999", "mail.port: expected a number from 1 to 65535, got 99999"),
    ("", None, "port = 0", "mail.port: expected a number from 1 to 65535, got 0"),
    ("", None, "port = 25.5", "mail.port: expected int, got 25.5"),
    ("", None, "port = true", "mail.port: expected int, got True"),
    ("", None, "batch_size = 0", "mail.batch_size: expected a number from 1 to 100000"),
    ("", None, "rate_per_minute = -5", "mail.rate_per_minute: expected a number from 0 to 100000"),
    ("", None, 'security = "ssl"', "mail.security: expected one of none, starttls, tls, got 'ssl'"),
    ("", None, 'ca_file = "ca.pem"', "mail.ca_file: set to 'ca.pem', but mail.security is none"),
    ("", None, 'subject = "{nope}"', "mail.subject: {nope} is not a name it may use; use {week}, {title}"),
    ("", None, 'subject = "Weekly {week"', "mail.subject: 'Weekly {week' is not a valid format"),
    ("", None, 'unsubscribe_url = "https://x/{mail}"', "mail.unsubscribe_url: {mail} is not a name"),
    ("", None, 'sender = ""', "mail.sender: is empty"),
    ("", None, 'password_env = ""', "mail.password_env: is empty"),
    ("", None, 'require_approval = "no"', "mail.require_approval: expected bool, got 'no'"),
    ('subtitle = "{nope}"', None, "", "subtitle: {nope} is not a name it may use; use {topic}"),
    ('subtitle = "{topic.__class__}"', None, "", "subtitle: {topic.__class__} is not a name"),
    ('progress_title = "{0}"', None, "", "progress_title: {0} is not a name"),
    ('progress_title = "}"', None, "", "progress_title: '}' is not a valid format"),
    ("topic = 5", None, "", "topic: expected str, got 5"),
    ('topic = "Cobalt\\u0085 weekly"', None, "", "topic: holds the character U+0085, which is not text"),
    ('title = "\\ue000"', None, "", "title: holds the character U+E000, which is not text"),
    ('title = ["x"]', None, "", "title: expected str, got ['x']"),
    ("language = 1", None, "", "language: expected str, got 1"),
    ('state = ""', None, "", "state: is empty"),
    ('companies = ""', None, "", "companies: is empty"),
    ("parse_workers = -1", None, "", "parse_workers: expected a number from 0 to 256, got -1"),
    ("parse_workers = 100000", None, "", "parse_workers: expected a number from 0 to 256"),
    ("parse_workers = 1e3", None, "", "parse_workers: expected int, got 1000.0"),
]


@pytest.mark.parametrize("top, sections, mail, fragment", BROKEN, ids=[b[3][:40] for b in BROKEN])
def test_a_broken_setting_is_one_line_naming_key_problem_and_fix(project, capsys, top, sections, mail, fragment):
    if "seeds =" in top or "output =" in top:
        pytest.fail("the base lines already set these")
    write(project, top, SECTIONS if sections is None else sections, mail)
    for args in (["build", "--week", "2025-47"], ["send", "--week", "2025-47", "--dry-run"],
                 ["subscribers", "list"], ["weeks"]):
        code = cli.main(["--config", str(project / "briefing.toml"), *args])
        err = capsys.readouterr().err
        assert code in (1, 2), (args, err)
        assert err.count("\n") == 1 and err.startswith("briefing: error: ") and "Traceback" not in err, err
        assert fragment in err, err
    assert not (project / "output").exists()


def test_the_base_of_the_broken_files_is_sound(project):
    write(project)
    assert config.load(project)[0].sections[0].key == "all"


@pytest.mark.parametrize("data, fragment", [
    (b"topic = \n", "not valid TOML"),
    (b"\xff\xfe\x00t\x00", "not valid TOML"),
    (b"x = " + b"[" * 5000 + b"]" * 5000 + b"\n", "briefing.toml: "),
])
def test_a_file_that_is_not_toml_is_one_line(project, capsys, data, fragment):
    (project / "briefing.toml").write_bytes(data)
    code = cli.main(["--config", str(project / "briefing.toml"), "build", "--week", "2025-47"])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and fragment in err, err


def test_a_config_path_that_is_a_folder_is_one_line(project, capsys):
    (project / "conf.toml").mkdir()
    code = cli.main(["--config", str(project / "conf.toml"), "weeks"])
    err = capsys.readouterr().err
    assert code == 1 and "config file not found" in err and err.count("\n") == 1
