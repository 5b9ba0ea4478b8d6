import pytest

from findings import services
from findings.exceptions import TransitionNotAllowed
from plp_portal.settings import email_settings
from tests.factories import UserFactory


@pytest.fixture
def submitted(draft_a, member_a, run_on_commit):
    with run_on_commit():
        services.finding_submit(finding=draft_a, user=member_a, comment="Ready.")
    return draft_a


def test_submission_notifies_the_curators(draft_a, member_a, curator, run_on_commit, mailoutbox):
    UserFactory(username="not-staff")
    with run_on_commit():
        services.finding_submit(finding=draft_a, user=member_a, comment="Ready.")
    assert [m.to for m in mailoutbox] == [["curator@example.org"]]
    assert mailoutbox[0].subject == f"[PLP Portal] To review: {draft_a.title}"
    assert "member-a submitted the finding" in mailoutbox[0].body
    assert f"/admin/findings/submittedfinding/{draft_a.pk}/change/" in mailoutbox[0].body


@pytest.mark.parametrize(
    ("decide", "label", "link"),
    [
        (services.finding_request_changes, "Changes requested", "/en/me/findings/draft-a/"),
        (services.finding_publish, "Published", "/en/findings/draft-a/"),
        (services.finding_reject, "Rejected", "/en/me/findings/draft-a/"),
    ],
)
def test_each_decision_notifies_author_submitters_and_coordinators(
    submitted, curator, coordinator_a, member_b, run_on_commit, mailoutbox, decide, label, link
):
    other_member = UserFactory(username="member-a2")
    other_member.consortium_accesses.create(consortium=submitted.consortium)
    mailoutbox.clear()
    with run_on_commit():
        decide(finding=submitted, user=curator, comment="See the notes.")
    # The author (who also submitted) and the coordinator; not a plain member who did
    # neither, nor anyone from another consortium.
    assert [m.to for m in mailoutbox] == [["coordinator-a@example.org"], ["member-a@example.org"]]
    message = mailoutbox[1]
    assert message.subject == f"[PLP Portal] {label}: {submitted.title}"
    assert "See the notes." in message.body
    assert f"http://127.0.0.1:8000{link}" in message.body


def test_withdrawal_notifies_the_members(submitted, curator, run_on_commit, mailoutbox):
    services.finding_publish(finding=submitted, user=curator)
    mailoutbox.clear()
    with run_on_commit():
        services.finding_withdraw(finding=submitted, user=curator, comment="Superseded.")
    assert [(m.to, m.subject) for m in mailoutbox] == [
        (["member-a@example.org"], f"[PLP Portal] Withdrawn: {submitted.title}")
    ]
    assert "Its page stays up, marked as withdrawn" in mailoutbox[0].body


def test_a_refused_decision_sends_nothing(draft_a, curator, run_on_commit, mailoutbox):
    with run_on_commit(), pytest.raises(TransitionNotAllowed):
        services.finding_publish(finding=draft_a, user=curator)
    assert mailoutbox == []


def test_members_without_an_address_or_inactive_get_nothing(
    submitted, curator, member_a, run_on_commit, mailoutbox
):
    member_a.is_active = False
    member_a.save()
    mailoutbox.clear()
    with run_on_commit():
        services.finding_publish(finding=submitted, user=curator)
    assert mailoutbox == []


def test_email_settings_default_to_the_console():
    assert email_settings("") == {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}


def test_email_settings_parse_an_smtp_url():
    assert email_settings("smtp://mailer:p%40ss@mail.example.org:587?tls") == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "mail.example.org",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "mailer",
        "EMAIL_HOST_PASSWORD": "p@ss",
        "EMAIL_USE_TLS": True,
        "EMAIL_USE_SSL": False,
        "EMAIL_TIMEOUT": 10,
    }


def test_email_settings_smtps_defaults_to_port_465():
    settings = email_settings("smtps://mail.example.org")
    assert (settings["EMAIL_PORT"], settings["EMAIL_USE_SSL"]) == (465, True)


def test_email_settings_refuse_an_unknown_scheme():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured):
        email_settings("http://mail.example.org")
