"""Delivery end to end, against a real SMTP server on 127.0.0.1 (aiosmtpd).

The week is built once for the session (the real pipeline); every test gets
its own project folder, state database and mail server, and asserts on what
the server received.
"""

from __future__ import annotations

import contextlib
import email.policy
import email.utils
import os
import shutil
import signal
import sqlite3

import pytest
import trustme

from briefing import cli, deliver, message
from briefing.build import build
from briefing.config import load
from briefing.errors import DeliveryError, TemplateError
from briefing.subscribers import Subscriber
from .mailserver import MailServer, server_tls
from .sendkit import REPO, WEEK, Project, write_config

PEOPLE = [f"reader{n:02d}@example.com" for n in range(1, 13)]


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """The real week built once, into a copy of the project; a mail server listens and must get nothing."""
    root = tmp_path_factory.mktemp("built")
    for name in ("seeds", "templates"):
        shutil.copytree(REPO / name, root / name)
    with MailServer() as server:
        write_config(root, port=server.port)
        build(load(root)[0], WEEK)
        assert server.box.received == [], "a build must never send mail"
    return root


@pytest.fixture
def project(built, tmp_path, server):
    return Project(tmp_path / "project", built, server.port)


def approved(project: Project, *people: str, **mail) -> None:
    project.configure(**mail)
    project.subscribe(*people)
    deliver.approve(project.config, WEEK)


def assert_exactly_once(server: MailServer, people: list[str]) -> None:
    counts = server.box.count_by_recipient()
    assert {p: counts[p] for p in people} == {p: 1 for p in people}
    assert set(counts) == set(people), f"mail went to others: {set(counts) - set(people)}"


# ---------------------------------------------------------------- what arrives

def test_message_arrives_with_headers_alternatives_and_the_pdf(project, server):
    deliver.subscribers.add(project.db(), "ann.lee@example.com", name="Ann Lee")
    deliver.subscribers.add(project.db(), "bob@example.org", name="Zoë Müller")
    approved(project)
    report = deliver.send(project.config, WEEK)
    assert (report.sent, report.already_sent, report.failed, report.ok) == (2, 0, [], True)
    assert_exactly_once(server, ["ann.lee@example.com", "bob@example.org"])
    got = server.box.to("ann.lee@example.com")[0]
    msg = got.message
    assert got.mail_from == "briefing@example.com"
    assert msg["Subject"] == "Weekly Hot 2025-47: The Initial Implementation of Semi-Solid-State ESS"
    assert msg["From"] == "Briefing Desk <briefing@example.com>"
    assert msg["To"] == "Ann Lee <ann.lee@example.com>"
    assert server.box.to("bob@example.org")[0].message["To"] == "Zoë Müller <bob@example.org>"
    assert email.utils.parsedate_to_datetime(msg["Date"]).tzinfo is not None
    assert msg["Message-ID"].startswith("<briefing.2025-47.") and msg["Message-ID"].endswith("@example.com>")
    assert msg["Message-ID"] != server.box.to("bob@example.org")[0].message["Message-ID"]
    unsubscribe = msg["List-Unsubscribe"]
    assert "<https://example.com/unsubscribe?email=ann.lee%40example.com>" in unsubscribe
    assert "<mailto:unsubscribe@example.com?subject=unsubscribe%20ann.lee%40example.com>" in unsubscribe
    assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert msg.get_content_type() == "multipart/mixed"

    text = msg.get_body(("plain",)).get_content()
    html = msg.get_body(("html",)).get_content()
    assert msg.get_payload(0).get_content_type() == "multipart/alternative"
    assert "Dear Ann Lee," in text and "Dear Ann Lee," in html
    assert "Industry consensus this week" in text and "Industry consensus this week" in html
    for headline in ("Huabao New Energy and EVE Sign Solid-State", "Yinglian Receives Large Order"):
        assert headline in " ".join(text.split()) and headline in html
    assert "PROJECTS AND ENERGY STORAGE" in text

    from lxml import html as lxml_html
    page = lxml_html.fromstring(html.encode("utf-8"))
    assert page.xpath("//h1")[0].text_content() == "The Initial Implementation of Semi-Solid-State ESS"
    assert "font-size: 24px" in page.xpath("//h1")[0].get("style")  # CSS inlined into the tag
    assert all("{" not in (s.text or "") or "@media" in s.text for s in page.xpath("//style"))
    assert page.xpath("//a[text()='Unsubscribe']/@href") == ["https://example.com/unsubscribe?email=ann.lee%40example.com"]

    attachments = list(msg.iter_attachments())
    assert [(a.get_content_type(), a.get_filename()) for a in attachments] == [("application/pdf", "briefing-2025-47.pdf")]
    assert attachments[0].get_content() == project.pdf.read_bytes()

    ledger = project.ledger()
    assert {r["status"] for r in ledger.values()} == {"sent"}
    assert ledger["ann.lee@example.com"]["reply"].startswith("250 2.0.0 queued")
    assert ledger["ann.lee@example.com"]["message_id"] == msg["Message-ID"]


def test_a_subscriber_without_a_name_is_greeted_without_one(project, server):
    project.configure(require_approval=False)
    deliver.subscribers.add(project.db(), "nameless@example.com")
    deliver.send(project.config, WEEK)
    body = server.box.to("nameless@example.com")[0].message.get_body(("plain",)).get_content()
    assert "Hello," in body and "Dear" not in body


def test_one_connection_serves_a_batch(project, server):
    approved(project, *PEOPLE, batch_size=5)
    deliver.send(project.config, WEEK)
    assert_exactly_once(server, PEOPLE)
    peers = [r.peer for r in server.box.received]
    assert len(set(peers)) == 3  # 12 messages, 5 per connection
    assert peers[:5] == [peers[0]] * 5


def test_a_thousand_subscribers(project, server, tmp_path):
    """Volume, not content: a one-page PDF keeps the server's share of the time small."""
    import weasyprint

    project.pdf.write_bytes(weasyprint.HTML(string="<h1>Weekly Hot 2025-47</h1>").write_pdf())
    people = [f"s{n:04d}@example.net" for n in range(1000)]
    rows = ["email,name,status"] + [f"{p},Reader {n}," for n, p in enumerate(people)]
    rows += ["gone@example.net,Gone,unsubscribed"]
    (tmp_path / "list.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    project.configure(rate_per_minute=0, batch_size=250)
    deliver.subscribers.import_csv(project.db(), tmp_path / "list.csv")
    deliver.approve(project.config, WEEK)
    lines: list[str] = []
    report = deliver.send(project.config, WEEK, progress=lines.append)
    assert (report.sent, report.to_send, report.ok) == (1000, 1000, True)
    assert_exactly_once(server, people)
    assert lines[0] == "1 of 1000: s0000@example.net sent" and lines[-1] == "1000 of 1000: s0999@example.net sent"
    again = deliver.send(project.config, WEEK)
    assert (again.sent, again.already_sent) == (0, 1000)
    assert len(server.box.received) == 1000
    assert next(server.box.received[-1].message.iter_attachments()).get_content() == project.pdf.read_bytes()


# ---------------------------------------------------------------- faults

def test_temporary_refusals_are_retried_and_delivered_once(project, server):
    approved(project, *PEOPLE[:6], retries=3)
    server.box.temporary = {PEOPLE[1]: 2, PEOPLE[4]: 1}
    progress: list[str] = []
    report = deliver.send(project.config, WEEK, progress=progress.append)
    assert (report.sent, report.deferred, report.ok) == (6, [], True)
    assert_exactly_once(server, PEOPLE[:6])
    assert server.box.rcpt_calls[PEOPLE[1]] == 3
    assert project.ledger()[PEOPLE[1]]["attempts"] == 3
    assert any("451 4.7.1 greylisted" in line and "retry 1 of 3" in line for line in progress)


def test_refusals_that_outlast_the_retries_wait_for_the_next_run(project, server):
    approved(project, *PEOPLE[:4], retries=1)
    server.box.temporary = {PEOPLE[2]: 5}
    report = deliver.send(project.config, WEEK)
    assert report.sent == 3 and [e for e, _ in report.deferred] == [PEOPLE[2]] and not report.ok
    assert "1 deferred, the next run retries" in report.line() and "451 4.7.1" in report.line()
    row = project.ledger()[PEOPLE[2]]
    assert (row["status"], row["reply"]) == ("pending", "451 4.7.1 greylisted, try again later")
    server.box.temporary = {}
    rerun = deliver.send(project.config, WEEK)
    assert (rerun.sent, rerun.already_sent, rerun.ok) == (1, 3, True)
    assert_exactly_once(server, PEOPLE[:4])


def test_permanent_refusal_is_recorded_with_the_reply_and_not_retried(project, server):
    approved(project, *PEOPLE[:3])
    server.box.permanent = {PEOPLE[1]}
    report = deliver.send(project.config, WEEK)
    assert report.failed == [(PEOPLE[1], "550 5.1.1 no such mailbox")]
    assert f"1 failed ({PEOPLE[1]}: 550 5.1.1 no such mailbox)" in report.line()
    assert project.ledger()[PEOPLE[1]]["status"] == "failed"
    rerun = deliver.send(project.config, WEEK)
    assert (rerun.sent, rerun.already_sent, rerun.failed_before) == (0, 2, [(PEOPLE[1], "550 5.1.1 no such mailbox")])
    assert server.box.rcpt_calls[PEOPLE[1]] == 1


def test_dropped_connection_mid_batch_reconnects_and_delivers_once(project, server):
    approved(project, *PEOPLE[:8])
    server.box.drop_on_mail = {4}
    report = deliver.send(project.config, WEEK)
    assert (report.sent, report.ok) == (8, True)
    assert_exactly_once(server, PEOPLE[:8])
    assert len({r.peer for r in server.box.received}) == 2


def test_answer_lost_after_the_end_of_data_is_unconfirmed_and_never_resent(project, server):
    approved(project, *PEOPLE[:5])
    server.box.on_data = lambda got: "store-and-drop" if PEOPLE[2] in got.rcpt_tos else "keep"
    report = deliver.send(project.config, WEEK)
    assert report.sent == 4 and [e for e, _ in report.unconfirmed] == [PEOPLE[2]] and not report.ok
    assert project.ledger()[PEOPLE[2]]["status"] == "sending"
    server.box.on_data = None
    rerun = deliver.send(project.config, WEEK)
    assert (rerun.sent, rerun.already_sent, len(rerun.unconfirmed)) == (0, 4, 1)
    assert_exactly_once(server, PEOPLE[:5])
    deliver.confirm(project.config, WEEK, PEOPLE[2])
    final = deliver.send(project.config, WEEK)
    assert (final.already_sent, final.ok) == (5, True)


def test_an_unconfirmed_message_the_server_lost_is_resent_on_request_with_its_message_id(project, server):
    approved(project, *PEOPLE[:3])
    server.box.on_data = lambda got: "drop" if PEOPLE[0] in got.rcpt_tos else "keep"
    deliver.send(project.config, WEEK)
    assert server.box.count_by_recipient()[PEOPLE[0]] == 0
    server.box.on_data = None
    report = deliver.send(project.config, WEEK, resend_unconfirmed=True)
    assert report.sent == 1 and report.ok
    assert_exactly_once(server, PEOPLE[:3])
    assert server.box.to(PEOPLE[0])[0].message["Message-ID"] == project.ledger()[PEOPLE[0]]["message_id"]


def test_sender_killed_mid_batch_then_rerun_mails_everyone_exactly_once(project, server):
    """SIGKILL twice: while the server answers RCPT (before the end of data), then while it
    answers the end of data (message taken, answer not read); the third run finishes."""
    people = PEOPLE[:10]
    approved(project, *people)
    project.subscribe("left@example.com", status="unsubscribed")
    box = server.box
    victim: dict[str, int] = {}

    def kill(*_args) -> str:
        os.kill(victim["pid"], signal.SIGKILL)
        return "keep"

    box.on_rcpt = lambda address: kill() if address == people[3] and "pid" in victim else None
    first = project.cli("send", "--week", WEEK)
    victim["pid"] = first.pid
    first.communicate(timeout=60)
    assert first.returncode == -signal.SIGKILL
    assert {p: r["status"] for p, r in project.ledger().items()}[people[3]] == "pending"
    assert len(box.received) == 3

    box.on_rcpt = None
    box.on_data = lambda got: kill() if people[7] in got.rcpt_tos else "keep"
    second = project.cli("send", "--week", WEEK)
    victim["pid"] = second.pid
    second.communicate(timeout=60)
    assert second.returncode == -signal.SIGKILL
    assert project.ledger()[people[7]]["status"] == "sending"  # taken by the server, answer never read

    box.on_data = None
    third = project.cli("send", "--week", WEEK)
    out, err = third.communicate(timeout=60)
    assert_exactly_once(server, people)
    assert "2 sent, 7 already sent, 0 failed, 1 unconfirmed, not resent" in out
    assert "1 of 2: " in err and "2 of 2: " in err
    assert third.returncode == 1


def test_unsubscribed_are_never_mailed_even_mid_batch(project, server):
    approved(project, *PEOPLE[:5])
    project.subscribe("gone@example.com", status="unsubscribed")
    late = PEOPLE[4]

    def unsubscribe_late(got):
        if PEOPLE[0] in got.rcpt_tos:
            deliver.subscribers.remove(project.db(), late)
        return "keep"

    server.box.on_data = unsubscribe_late
    report = deliver.send(project.config, WEEK)
    assert (report.sent, report.unsubscribed) == (4, 1)
    assert_exactly_once(server, PEOPLE[:4])
    assert late not in project.ledger()


# ---------------------------------------------------------------- approval and modes

def test_send_refuses_an_unapproved_or_changed_pdf(project, server):
    project.subscribe(*PEOPLE[:2])
    with pytest.raises(DeliveryError, match=r"not approved; read it, then run 'briefing approve --week 2025-47'"):
        deliver.send(project.config, WEEK)
    dry = deliver.send(project.config, WEEK, dry=True).line()
    assert dry.startswith("note: week 2025-47: briefing-2025-47.pdf is not approved") and "2 messages written" in dry
    deliver.approve(project.config, WEEK)
    project.pdf.write_bytes(project.pdf.read_bytes() + b"\n% edited\n")
    with pytest.raises(DeliveryError, match=r"briefing-2025-47.pdf: changed since it was approved .* run 'briefing approve"):
        deliver.send(project.config, WEEK)
    assert server.box.received == []
    project.configure(require_approval=False)
    assert deliver.send(project.config, WEEK).sent == 2


def test_no_active_subscribers_says_how_to_add_them(project, server):
    approved(project)
    project.subscribe("gone@example.com", status="unsubscribed")
    line = deliver.send(project.config, WEEK).line()
    assert line.startswith("send 2025-47: 0 sent, 0 already sent, 0 failed")
    assert "no active subscribers: add them with 'briefing subscribers add'" in line
    assert server.box.received == []


def test_a_changed_pdf_after_sending_needs_correction(project, server):
    approved(project, *PEOPLE[:2])
    deliver.send(project.config, WEEK)
    project.pdf.write_bytes(project.pdf.read_bytes() + b"\n% corrected\n")
    deliver.approve(project.config, WEEK)
    with pytest.raises(DeliveryError, match=r"2 subscriber\(s\) already received another version .* --correction"):
        deliver.send(project.config, WEEK)
    report = deliver.send(project.config, WEEK, correction=True)
    assert report.sent == 2
    assert server.box.to(PEOPLE[0])[1].message.get_payload(1).get_content() == project.pdf.read_bytes()


def test_dry_run_writes_one_eml_per_recipient_and_sends_nothing(project, server, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1763683200")
    approved(project, *PEOPLE[:3])
    project.subscribe("gone@example.com", status="unsubscribed")
    report = deliver.send(project.config, WEEK, dry=True)
    outbox = project.root / "output" / WEEK / "outbox"
    assert sorted(p.name for p in outbox.iterdir()) == [f"{p}.eml" for p in PEOPLE[:3]]
    assert server.box.received == [] and project.ledger() == {}
    assert "3 messages written to" in report.line() and "nothing was sent" in report.line()
    msg = email.message_from_bytes((outbox / f"{PEOPLE[0]}.eml").read_bytes(), policy=email.policy.default)
    assert msg["To"] == f"Reader01 <{PEOPLE[0]}>"
    assert next(msg.iter_attachments()).get_content() == project.pdf.read_bytes()
    assert msg["Date"] == "Fri, 21 Nov 2025 00:00:00 +0000"
    first = {p.name: p.read_bytes() for p in outbox.iterdir()}
    deliver.send(project.config, WEEK, dry=True)
    assert {p.name: p.read_bytes() for p in outbox.iterdir()} == first  # same inputs, same bytes


def test_test_copy_goes_to_one_address_outside_the_ledger(project, server, capsys):
    project.subscribe(*PEOPLE[:3])
    assert cli.main(["--config", str(project.root / "briefing.toml"), "send", "--week", WEEK,
                     "--test-to", "Editor@Example.com"]) == 0
    assert "test copy of 2025-47 sent to Editor@example.com" in capsys.readouterr().out
    assert [r.rcpt_tos for r in server.box.received] == [("Editor@example.com",)]
    assert project.ledger() == {}


# ---------------------------------------------------------------- errors, one line each

def run_cli(project: Project, capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(["--config", str(project.root / "briefing.toml"), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_unreachable_server_names_host_port_and_what_to_check(project, capsys):
    approved(project, PEOPLE[0], port=1)
    code, _, err = run_cli(project, capsys, "send", "--week", WEEK)
    assert code == 1 and err.count("\n") == 1
    assert err.startswith("briefing: error: mail server 127.0.0.1:1: unreachable (")
    assert "Connection refused" in err and "check mail.host, mail.port" in err


def test_missing_build_says_how_to_build(project, capsys):
    project.subscribe(PEOPLE[0])
    code, _, err = run_cli(project, capsys, "send", "--week", "2025-46")
    assert code == 1
    assert "briefing-2025-46.pdf: not built; run make briefing WEEK=2025-46" in err


def test_starttls_not_offered(project, capsys):
    approved(project, PEOPLE[0], security="starttls")
    code, _, err = run_cli(project, capsys, "send", "--week", WEEK)
    assert code == 1 and "STARTTLS extension not supported by server" in err and "check mail.security" in err


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_login_password_from_the_environment_never_shown(built, tmp_path, capsys, monkeypatch):
    secret = "s3cret-Pa55"
    with MailServer(password=secret) as server:
        project = Project(tmp_path / "p", built, server.port)
        approved(project, PEOPLE[0], user="desk", password_env="TEST_BRIEFING_PW")
        monkeypatch.delenv("TEST_BRIEFING_PW", raising=False)
        code, _, err = run_cli(project, capsys, "send", "--week", WEEK)
        assert code == 1 and "environment variable TEST_BRIEFING_PW: not set" in err
        monkeypatch.setenv("TEST_BRIEFING_PW", "wrong-" + secret)
        code, out, err = run_cli(project, capsys, "send", "--week", WEEK)
        assert code == 1 and "login as 'desk' refused (535" in err and "$TEST_BRIEFING_PW" in err
        assert secret not in out + err
        monkeypatch.setenv("TEST_BRIEFING_PW", secret)
        code, out, err = run_cli(project, capsys, "send", "--week", WEEK)
        assert code == 0 and "1 sent" in out and secret not in out + err
        assert_exactly_once(server, [PEOPLE[0]])


def test_template_errors_name_file_and_line(project, built, tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(built / "templates", templates)
    (project.root / "templates").unlink()
    (project.root / "templates").symlink_to(templates)
    html = (templates / "email.html").read_text(encoding="utf-8")
    (templates / "email.html").write_text(html.replace("{{ title }}", "{{ no_such_thing }}"), encoding="utf-8")
    line = html[: html.index("{{ title }}")].count("\n") + 1
    edition = message.load_edition(project.config, WEEK)
    with pytest.raises(TemplateError, match=rf"email.html:{line}: template error: 'no_such_thing' is undefined"):
        message.Composer(project.config, edition).bodies(Subscriber("a@example.com", "A", "active"))
    (templates / "email.txt").write_text("{% for x in %}", encoding="utf-8")
    with pytest.raises(TemplateError, match=r"email.txt:1: template syntax error"):
        message.Composer(project.config, edition)


def test_deliveries_shows_the_ledger(project, server, capsys):
    approved(project, *PEOPLE[:2])
    server.box.permanent = {PEOPLE[1]}
    deliver.send(project.config, WEEK)
    code, out, err = run_cli(project, capsys, "deliveries", "--week", WEEK)
    lines = out.splitlines()
    assert code == 0 and lines[0].split("\t")[:3] == ["email", "status", "attempts"]
    rows = {line.split("\t")[0]: line.split("\t") for line in lines[1:]}
    assert rows[PEOPLE[0]][1] == "sent" and rows[PEOPLE[1]][1] == "failed"
    assert rows[PEOPLE[1]][-1] == "550 5.1.1 no such mailbox"
    assert "2 rows for 2025-47: 1 failed, 1 sent" in err


def test_rate_limit_spaces_messages_evenly():
    now = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    limit = deliver.RateLimit(30, clock=lambda: now[0], sleep=sleep)
    for _ in range(4):
        limit.wait()
        now[0] += 0.5  # the message itself
    assert slept == [1.5, 1.5, 1.5]
    off = deliver.RateLimit(0, clock=lambda: now[0], sleep=sleep)
    off.wait(), off.wait()
    assert len(slept) == 3


def test_only_one_send_at_a_time(project):
    with deliver.send_lock(project.config.state_path):
        with pytest.raises(DeliveryError, match=r"another send is running \(pid \d+\); wait for it"):
            with deliver.send_lock(project.config.state_path):
                pass


def test_ledger_rows_are_durable_on_commit(project, server):
    approved(project, *PEOPLE[:2])
    deliver.send(project.config, WEEK)
    other = sqlite3.connect(project.config.state_path)
    assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert other.execute("SELECT COUNT(*) FROM deliveries WHERE status = 'sent'").fetchone()[0] == 2


# ---------------------------------------------------------------- TLS with a private CA

@pytest.fixture(scope="session")
def ca() -> trustme.CA:
    """A CA made for the tests: mail.ca_file points at its certificate, the servers present ones it signed."""
    return trustme.CA()


@pytest.fixture
def serve(built, tmp_path):
    """Start a MailServer with the given options; return it with a project of its own that sends to it."""
    with contextlib.ExitStack() as running:
        def start(**options) -> tuple[MailServer, Project]:
            server = running.enter_context(MailServer(**options))
            return server, Project(tmp_path / f"project-{server.port}", built, server.port)
        yield start


def trusting(project: Project, ca: trustme.CA) -> str:
    """Put the CA's certificate in the project; the value for mail.ca_file (relative to the project root)."""
    ca.cert_pem.write_to_path(str(project.root / "ca.pem"))
    return "ca.pem"


def statuses(project: Project) -> dict[str, str]:
    return {email: row["status"] for email, row in project.ledger().items()}


def test_starttls_with_a_private_ca_and_login_only_after_starttls(serve, ca, capsys, monkeypatch):
    secret = "s3cret-Pa55"
    monkeypatch.setenv("TEST_BRIEFING_PW", secret)
    server, project = serve(password=secret, starttls=server_tls(ca.issue_cert("127.0.0.1")))
    login = {"user": "desk", "password_env": "TEST_BRIEFING_PW"}
    approved(project, *PEOPLE[:2], **login)
    code, _, err = run_cli(project, capsys, "send", "--week", WEEK)  # no STARTTLS: the server offers no AUTH
    assert code == 1 and err.count("\n") == 1
    assert "SMTP AUTH extension not supported by server" in err and "check mail.security" in err
    assert server.box.received == [] and statuses(project) == {p: "pending" for p in PEOPLE[:2]}
    project.configure(security="starttls", ca_file=trusting(project, ca), **login)
    code, out, err = run_cli(project, capsys, "send", "--week", WEEK)
    assert code == 0 and out.startswith("send 2025-47: 2 sent, 0 already sent") and secret not in out + err
    assert_exactly_once(server, PEOPLE[:2])
    assert all(got.tls.startswith("TLSv1.") for got in server.box.received)
    assert next(server.box.received[0].message.iter_attachments()).get_content() == project.pdf.read_bytes()


# aiosmtpd counts only STARTTLS as TLS, so it warns about AUTH here; the whole connection is TLS
@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_implicit_tls_with_a_private_ca(serve, ca, monkeypatch):
    monkeypatch.setenv("TEST_BRIEFING_PW", "pw-465")
    server, project = serve(password="pw-465", tls=server_tls(ca.issue_cert("127.0.0.1")))
    approved(project, *PEOPLE[:3], security="tls", ca_file=trusting(project, ca), user="desk",
             password_env="TEST_BRIEFING_PW")
    report = deliver.send(project.config, WEEK)
    assert (report.sent, report.ok) == (3, True)
    assert deliver.send_test(project.config, WEEK, "editor@example.com").startswith("test copy of 2025-47 sent")
    assert_exactly_once(server, [*PEOPLE[:3], "editor@example.com"])
    assert all(got.tls.startswith("TLSv1.") for got in server.box.received)
    assert statuses(project) == {p: "sent" for p in PEOPLE[:3]}


@pytest.mark.parametrize("security", ["starttls", "tls"])
def test_a_certificate_from_another_ca_fails_in_one_line_and_a_rerun_sends(serve, ca, capsys, security):
    other = trustme.CA()
    server, project = serve(**{security: server_tls(other.issue_cert("127.0.0.1"))})
    approved(project, *PEOPLE[:3], security=security, ca_file=trusting(project, ca))
    code, _, err = run_cli(project, capsys, "send", "--week", WEEK)
    assert code == 1 and err.count("\n") == 1
    assert err.startswith(f"briefing: error: mail server 127.0.0.1:{server.port}: TLS failed "
                          "(the server's certificate is not trusted: unable to get local issuer certificate); ")
    assert f"check that mail.ca_file ({project.root / 'ca.pem'}) holds the CA that signed it" in err
    project.configure(security=security)  # no ca_file: the system trust store does not know the test CA either
    code, _, err = run_cli(project, capsys, "send", "--week", WEEK)
    assert code == 1 and "TLS failed" in err and "(empty: the system trust store)" in err
    assert server.box.received == [] and statuses(project) == {p: "pending" for p in PEOPLE[:3]}
    project.configure(security=security, ca_file=trusting(project, other))
    code, out, _ = run_cli(project, capsys, "send", "--week", WEEK)
    assert code == 0 and out.startswith("send 2025-47: 3 sent, 0 already sent")
    assert_exactly_once(server, PEOPLE[:3])


@pytest.mark.parametrize("security", ["starttls", "tls"])
def test_a_certificate_for_another_host_fails_in_one_line(serve, ca, capsys, security):
    server, project = serve(**{security: server_tls(ca.issue_cert("mail.example.com"))})
    approved(project, *PEOPLE[:2], security=security, ca_file=trusting(project, ca))
    code, _, err = run_cli(project, capsys, "send", "--week", WEEK)
    assert code == 1 and err.count("\n") == 1
    assert err == (f"briefing: error: mail server 127.0.0.1:{server.port}: TLS failed "
                   "(IP address mismatch, certificate is not valid for '127.0.0.1'); "
                   "set mail.host to a name the server's certificate is issued for\n")
    assert server.box.received == [] and statuses(project) == {p: "pending" for p in PEOPLE[:2]}


def test_a_missing_or_unusable_ca_file_is_one_line_and_nothing_is_planned(project, server, capsys):
    approved(project, PEOPLE[0], security="starttls", ca_file="certs/missing.pem")
    code, _, err = run_cli(project, capsys, "send", "--week", WEEK)
    assert code == 1 and err.count("\n") == 1
    assert err.startswith(f"briefing: error: mail.ca_file {project.root / 'certs/missing.pem'}: cannot be read "
                          "(No such file or directory); set it to the PEM file of the CA that signed")
    assert 'or to "" for the system trust store' in err
    (project.root / "ca.pem").write_text("not a certificate\n", encoding="utf-8")
    project.configure(security="tls", ca_file="ca.pem")
    code, _, err = run_cli(project, capsys, "send", "--week", WEEK, "--test-to", "editor@example.com")
    assert code == 1 and "ca.pem: holds no PEM certificate (NO_CERTIFICATE_OR_CRL_FOUND)" in err
    assert server.box.received == [] and project.ledger() == {}
    write_config(project.root, port=server.port, ca_file="ca.pem")  # security none: nothing would use it
    code, _, err = run_cli(project, capsys, "send", "--week", WEEK)
    assert code == 1 and err.count("\n") == 1
    assert "mail.ca_file: set to 'ca.pem', but mail.security is none" in err and "set mail.security to" in err
