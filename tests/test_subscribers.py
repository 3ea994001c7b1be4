"""The subscriber list: validated addresses, merged duplicates, unsubscribes that stick."""

from __future__ import annotations

import pytest

from briefing import cli, state, subscribers
from briefing.config import load
from briefing.errors import ConfigError, UsageError
from .sendkit import write_config


@pytest.fixture
def db(tmp_path):
    return state.connect(tmp_path / "state" / "briefing.sqlite3")


def test_addresses_are_validated_and_normalised():
    assert subscribers.normalize("  Ann.Lee@Example.COM ") == "Ann.Lee@example.com"
    assert subscribers.normalize("x@bücher.example") == "x@xn--bcher-kva.example"
    for bad in ("ann", "ann@", "@example.com", "ann@@example.com", "ann example@example.com", "ann@localhost"):
        with pytest.raises(ValueError, match="is not a valid email address"):
            subscribers.normalize(bad)


def test_add_merges_the_same_address_in_any_case(db):
    sub, change = subscribers.add(db, "Ann@Example.com", name="Ann")
    assert (sub.email, sub.name, sub.status, change) == ("Ann@example.com", "Ann", "active", "added")
    assert subscribers.add(db, "ann@example.com")[1] == "unchanged"
    sub, change = subscribers.add(db, "ANN@example.com", name="Ann Lee")
    assert (sub.email, sub.name, change) == ("Ann@example.com", "Ann Lee", "updated")
    assert [s.email for s in subscribers.listing(db)] == ["Ann@example.com"]
    with pytest.raises(UsageError, match="'nope' is not a valid email address: .*; give an address such as"):
        subscribers.add(db, "nope")


def test_remove_unsubscribes_for_good_unless_resubscribed(db):
    subscribers.add(db, "ann@example.com", name="Ann")
    assert subscribers.remove(db, "ANN@example.com").status == "unsubscribed"
    assert subscribers.add(db, "ann@example.com")[1] == "kept unsubscribed"
    assert not subscribers.is_active(db, "ann@example.com")
    sub, change = subscribers.add(db, "ann@example.com", resubscribe=True)
    assert (sub.status, change) == ("active", "updated")
    with pytest.raises(UsageError, match="'bob@example.com': not in the list"):
        subscribers.remove(db, "bob@example.com")


def test_import_merges_duplicates_and_an_unsubscribe_wins(db, tmp_path):
    subscribers.add(db, "old@example.com", name="Old")
    subscribers.add(db, "gone@example.com")
    subscribers.remove(db, "gone@example.com")
    csv = tmp_path / "list.csv"
    csv.write_text(
        "\ufeffEmail,Name,Status\n"
        "bob@example.com,Bob,\n"
        "BOB@example.com,,unsubscribed\n"
        "carl@example.org,Carl,active\n"
        "carl@example.org,Carl Smith,\n"
        "old@example.com,Old Friend,active\n"
        "gone@example.com,Gone,active\n", encoding="utf-8")
    result = subscribers.import_csv(db, csv)
    assert (result.rows, result.added, result.updated, result.merged, result.kept_unsubscribed) == (6, 2, 1, 2, 1)
    listed = {s.email: (s.name, s.status) for s in subscribers.listing(db)}
    assert listed == {
        "bob@example.com": ("Bob", "unsubscribed"),
        "carl@example.org": ("Carl Smith", "active"),
        "old@example.com": ("Old Friend", "active"),
        "gone@example.com": ("Gone", "unsubscribed"),
    }


def test_import_refuses_invalid_rows_unless_told_to_skip_them(db, tmp_path):
    csv = tmp_path / "list.csv"
    csv.write_text("email,name,status\nann@example.com,Ann,\nnot-an-address,X,\nbob@example.com,Bob,paused\n",
                   encoding="utf-8")
    with pytest.raises(UsageError, match=r"2 invalid rows, nothing imported: line 3: 'not-an-address' is not a valid "
                                         r"email address.*line 4: status 'paused' is not one of active, unsubscribed"):
        subscribers.import_csv(db, csv)
    assert subscribers.listing(db) == []
    result = subscribers.import_csv(db, csv, skip_invalid=True)
    assert result.added == 1 and [line for line, _ in result.invalid] == [3, 4]
    (tmp_path / "bad.csv").write_text("address,name\nann@example.com,Ann\n", encoding="utf-8")
    with pytest.raises(UsageError, match="no 'email' column in the header line"):
        subscribers.import_csv(db, tmp_path / "bad.csv")
    with pytest.raises(UsageError, match="missing.csv: file not found"):
        subscribers.import_csv(db, tmp_path / "missing.csv")


def test_subscribers_commands(tmp_path, capsys):
    config = str(write_config(tmp_path, port=2525))
    (tmp_path / "list.csv").write_text("email,name\nbob@example.com,Bob\n", encoding="utf-8")

    def run(*args: str) -> tuple[int, str, str]:
        code = cli.main(["--config", config, "subscribers", *args])
        out, err = capsys.readouterr()
        return code, out, err

    assert run("add", "ann@example.com", "--name", "Ann Lee")[1] == "ann@example.com: added, active\n"
    assert "1 added" in run("import", str(tmp_path / "list.csv"))[1]
    assert run("remove", "bob@example.com")[1].startswith("bob@example.com: unsubscribed")
    code, out, err = run("list", "--status", "active")
    assert out == "email,name,status\nann@example.com,Ann Lee,active\n" and "(1 active subscriber in " in err
    code, out, err = run("add", "bad@@example.com")
    assert code == 2 and err.startswith("briefing: error: subscriber 'bad@@example.com' is not a valid email address")
    assert (tmp_path / "state" / "briefing.sqlite3").exists()


def test_mail_settings_are_checked(tmp_path):
    write_config(tmp_path, port=0, rate_per_minute=-1, batch_size=0, security="ssl")
    with pytest.raises(ConfigError) as caught:
        load(tmp_path)
    message = str(caught.value)
    for expected in ("mail.port: expected a number from 1 to 65535, got 0",
                     "mail.rate_per_minute: expected a number from 0 to 100000",
                     "mail.batch_size: expected a number from 1 to 100000",
                     "mail.security: expected one of none, starttls, tls"):
        assert expected in message
    write_config(tmp_path, port=587)
    config = load(tmp_path)[0]
    assert config.state_path == tmp_path / "state" / "briefing.sqlite3"
    assert (config.mail.port, config.mail.retry_delay) == (587, 0.01)
