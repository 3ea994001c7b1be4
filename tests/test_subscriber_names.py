"""No subscriber's name can break a message or stop delivery to the others.

Names are cleaned or refused on entry (``subscribers add`` and CSV import);
names stored before that are cleaned when the message is built; and a
message that still cannot be built fails for that subscriber alone, with the
reason in the ledger, while the batch goes on. Against a real SMTP server.
"""

from __future__ import annotations

import pytest

from briefing import deliver, state, subscribers
from briefing.errors import UsageError
from .sendkit import WEEK, Project
from .test_send import assert_exactly_once, built, project  # noqa: F401  (fixtures)

HOSTILE = "Ann\r\nBcc: everyone@example.net\r\n\r\nInjected body"


def _store_raw(db, email: str, name: str) -> None:
    """A row as an older version could have stored it, without today's checks."""
    with state.transaction(db):
        db.execute("INSERT INTO subscribers (email, name, status, created, updated) VALUES (?, ?, 'active', ?, ?)",
                   (email, name, state.now(), state.now()))


def test_names_are_cleaned_to_one_line_on_entry(tmp_path):
    db = state.connect(tmp_path / "state.sqlite3")
    sub, _ = subscribers.add(db, "ann@example.com", name=HOSTILE)
    assert sub.name == "Ann Bcc: everyone@example.net Injected body"
    sub, _ = subscribers.add(db, "bob@example.com", name="  Bob\t\u200bLee\u0085 ")
    assert sub.name == "Bob Lee"


def test_an_over_long_name_is_refused_in_one_line(tmp_path):
    db = state.connect(tmp_path / "state.sqlite3")
    with pytest.raises(UsageError) as caught:
        subscribers.add(db, "ann@example.com", name="A" * 5000)
    assert "ann@example.com" in str(caught.value) and "longer than 200" in str(caught.value)
    assert "\n" not in str(caught.value) and subscribers.listing(db) == []


def test_csv_import_cleans_a_quoted_multi_line_name_and_reports_an_over_long_one(tmp_path):
    db = state.connect(tmp_path / "state.sqlite3")
    csv = tmp_path / "list.csv"
    csv.write_text('email,name\nann@example.com,"Ann\nLee"\nbob@example.com,' + "B" * 300 + "\ncarl@example.com,Carl\n",
                   encoding="utf-8")
    with pytest.raises(UsageError, match=r"1 invalid row, nothing imported: line \d: name of 300 characters"):
        subscribers.import_csv(db, csv)
    result = subscribers.import_csv(db, csv, skip_invalid=True)
    assert result.added == 2
    assert {s.email: s.name for s in subscribers.listing(db)} == {"ann@example.com": "Ann Lee",
                                                                  "carl@example.com": "Carl"}


def test_a_stored_name_with_line_breaks_cannot_inject_headers_or_stop_the_batch(project, server):
    project.configure(require_approval=False)
    db = project.db()
    _store_raw(db, "a-first@example.com", "First")
    _store_raw(db, "b-hostile@example.com", HOSTILE)
    _store_raw(db, "c-long@example.com", "Z" * 5000)
    _store_raw(db, "d-after@example.com", "After")
    report = deliver.send(project.config, WEEK)
    people = ["a-first@example.com", "b-hostile@example.com", "c-long@example.com", "d-after@example.com"]
    assert report.sent == 4 and report.ok
    assert_exactly_once(server, people)  # nothing went to the injected Bcc
    hostile = server.box.to("b-hostile@example.com")[0]
    assert hostile.message["To"] == '"Ann Bcc: everyone@example.net Injected body" <b-hostile@example.com>'
    assert "Injected body" not in hostile.message.get_body(("plain",)).get_content().split("Dear", 1)[0]
    for got in server.box.received:
        assert max(len(line) for line in got.content.split(b"\r\n")) <= 998
    long_to = server.box.to("c-long@example.com")[0].message["To"]
    assert len(long_to) < 120 and long_to.endswith("<c-long@example.com>")


def test_a_message_that_cannot_be_built_fails_for_that_subscriber_alone(project, server, tmp_path):
    overrides = project.root / "overrides"
    overrides.mkdir()
    (overrides / "email.txt").write_text('{% if name == "Boom" %}{{ no_such_variable }}{% endif %}Dear {{ name }}\n',
                                         encoding="utf-8")
    project.configure(require_approval=False)
    text = (project.root / "briefing.toml").read_text(encoding="utf-8")
    assert 'overrides = "templates/overrides"' in text
    (project.root / "briefing.toml").write_text(text.replace('overrides = "templates/overrides"', 'overrides = "overrides"'),
                                                encoding="utf-8")
    db = project.db()
    for email, name in (("a@example.com", "Ann"), ("b@example.com", "Boom"), ("c@example.com", "Carl")):
        subscribers.add(db, email, name=name)
    report = deliver.send(project.config, WEEK)
    assert report.sent == 2 and not report.ok
    assert [email for email, _ in report.failed] == ["b@example.com"]
    assert "message not built for this subscriber" in report.failed[0][1]
    assert "no_such_variable" in report.failed[0][1]
    assert_exactly_once(server, ["a@example.com", "c@example.com"])
    assert project.ledger()["b@example.com"]["status"] == "failed"

    subscribers.add(db, "b@example.com", name="Bea")  # the entry fixed
    rerun = deliver.send(project.config, WEEK)
    assert (rerun.sent, rerun.failed_before) == (0, [("b@example.com", report.failed[0][1])])
    retried = deliver.send(project.config, WEEK, retry_failed=True)
    assert (retried.sent, retried.already_sent) == (1, 2)
    assert_exactly_once(server, ["a@example.com", "b@example.com", "c@example.com"])
