"""A member's personal data: the download, the erasure request, and erasure itself, which keeps
published findings and leaves nothing of the person in the database, the files or the cache."""

import datetime as dt
import json

import pytest
from django.apps import apps
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from consortia.erasure import FORMER_MEMBER_USERNAME, ErasureRequest
from consortia.models import ConsortiumAccess
from consortia.tokens import ApiToken, api_token_create
from consortia.two_factor import needs_second_factor
from findings import services
from findings.models import Attachment, Finding, Review
from plp_portal.content_changes import tag_versions
from plp_portal.content_signals import object_tag
from tests.factories import UserFactory
from tests.members.conftest import stored_files
from tests.members.test_attachments import PDF, upload
from tests.two_factor import confirmed_app, force_login_confirmed

pytestmark = pytest.mark.django_db

PASSWORD = "a long and unusual password"
NAME = ("Zora", "Quillfeather")
EMAIL = "zora.quillfeather@example.org"
USERNAME = "zquill"
ERASURE_ADMIN = "/admin/consortia/erasurerequest/"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def zora(consortium_a):
    user = UserFactory(
        username=USERNAME, email=EMAIL, first_name=NAME[0], last_name=NAME[1], password=PASSWORD
    )
    ConsortiumAccess.objects.create(user=user, consortium=consortium_a)
    return user


@pytest.fixture
def zoras_work(zora, consortium_a, curator, media, django_capture_on_commit_callbacks):
    """Zora's traces everywhere: a published finding with a file she uploaded, a draft with
    a file, a colleague's finding she edited, a token, an app, a session, the admin's log."""
    with django_capture_on_commit_callbacks(execute=True):
        published = services.finding_create(
            user=zora,
            consortium=consortium_a,
            title="Published by Zora",
            summary="Shared values carry internationalisation.",
            add_attachments=[{"title": "Zora's report", "file": upload("report.pdf", PDF)}],
        )
        services.finding_submit(finding=published, user=zora, comment="Ready, Zora.")
        services.finding_publish(finding=published, user=curator)
        draft = services.finding_create(
            user=zora,
            consortium=consortium_a,
            title="Zora's unfinished draft",
            summary="Not yet.",
            add_attachments=[{"title": "Draft notes", "file": upload("notes.pdf", PDF)}],
        )
        colleague = UserFactory(username="colleague")
        ConsortiumAccess.objects.create(user=colleague, consortium=consortium_a)
        colleagues = services.finding_create(
            user=colleague, consortium=consortium_a, title="A colleague's draft", summary="Hm."
        )
        services.finding_update(finding=colleagues, user=zora, expected_version=1, body="Edit.")
    api_token_create(user=zora, name="Zora's script")
    confirmed_app(zora)
    LogEntry.objects.log_actions(
        user_id=curator.pk,
        queryset=[zora],
        action_flag=CHANGE,
        change_message=[{"added": {"name": "member account", "object": f"{USERNAME} — Member"}}],
    )
    access = ConsortiumAccess.objects.get(user=zora)
    LogEntry.objects.log_actions(user_id=curator.pk, queryset=[access], action_flag=ADDITION)
    return {"published": published, "draft": draft, "colleagues": colleagues}


def signed_in(client, user):
    if needs_second_factor(user):
        return force_login_confirmed(client, user)
    client.force_login(user)
    return client


# ---------------------------------------------------------------- the download


def test_member_downloads_everything_kept_about_them(client, zora, zoras_work):
    signed_in(client, zora)

    response = client.get("/en/me/privacy/my-data.json")
    data = json.loads(response.content)

    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="plp-portal-my-data-')
    assert "no-store" in response["Cache-Control"]
    assert list(data) == [
        "exported_at",
        "account",
        "consortia",
        "api_tokens",
        "two_step_sign_in",
        "sessions",
        "erasure_requests",
        "findings_started",
        "review_steps",
        "files_uploaded",
        "finding_changes",
        "finding_reactions",
    ]
    assert {k: data["account"][k] for k in ("username", "first_name", "last_name", "email")} == {
        "username": USERNAME,
        "first_name": "Zora",
        "last_name": "Quillfeather",
        "email": EMAIL,
    }
    assert [(c["slug"], c["role"]) for c in data["consortia"]] == [("silk", "member")]
    token = ApiToken.objects.get(user=zora)
    assert [(t["name"], t["key_starts_with"]) for t in data["api_tokens"]] == [
        ("Zora's script", token.prefix)
    ]
    assert "key_hash" not in json.dumps(data) and token.key_hash not in json.dumps(data)
    assert data["two_step_sign_in"]["on"] is True
    assert TOTPDevice.objects.get(user=zora).key not in json.dumps(data)
    assert len(data["sessions"]) == 1
    assert [(f["title"], f["status"]) for f in data["findings_started"]] == [
        ("Published by Zora", "published"),
        ("Zora's unfinished draft", "draft"),
    ]
    assert [(r["finding"], r["step"], r["comment"]) for r in data["review_steps"]] == [
        ("published-by-zora", "submit", "Ready, Zora.")
    ]
    assert [(f["title"], f["file"]) for f in data["files_uploaded"]] == [
        ("Zora's report", "report.pdf"),
        ("Draft notes", "notes.pdf"),
    ]
    assert [(c["finding"], c["reason"]) for c in data["finding_changes"]] == [
        ("published-by-zora", "created"),
        ("published-by-zora", "submit"),
        ("zoras-unfinished-draft", "created"),
        ("a-colleagues-draft", "edited"),
    ]


def test_the_download_holds_only_the_signed_in_members_data(client, zora, zoras_work, member_b):
    signed_in(client, member_b)

    text = client.get("/en/me/privacy/my-data.json").content.decode()

    assert json.loads(text)["account"]["username"] == "member-b"
    assert USERNAME not in text and "Zora" not in text


def test_anonymous_visitors_get_no_download(client, zora):
    response = client.get("/en/me/privacy/my-data.json")

    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/?next=/en/me/privacy/my-data.json"


# ---------------------------------------------------------------- asking to be erased


def test_member_asks_to_be_erased_with_their_password(client, zora):
    signed_in(client, zora)

    response = client.post("/en/me/privacy/erasure/", {"password": PASSWORD, "understood": "on"})

    assert response["Location"] == "/en/me/privacy/"
    request = ErasureRequest.objects.get()
    assert (request.user, request.erased_at) == (zora, None)
    page = client.get("/en/me/privacy/")
    assert page.context["open_request"] == request


def test_a_wrong_password_records_no_request(client, zora):
    signed_in(client, zora)

    response = client.post("/en/me/privacy/erasure/", {"password": "wrong", "understood": "on"})

    assert response.status_code == 400
    assert response.context["form"].errors == {"password": ["This is not your password."]}
    assert ErasureRequest.objects.exists() is False


def test_member_withdraws_their_request(client, zora):
    signed_in(client, zora)
    client.post("/en/me/privacy/erasure/", {"password": PASSWORD, "understood": "on"})

    client.post("/en/me/privacy/erasure/withdraw/")

    assert ErasureRequest.objects.exists() is False


def test_staff_cannot_ask_to_be_erased_this_way(client, curator):
    curator.set_password(PASSWORD)
    curator.save()
    signed_in(client, curator)

    response = client.post("/en/me/privacy/erasure/", {"password": PASSWORD, "understood": "on"})

    assert response.status_code == 403
    assert ErasureRequest.objects.exists() is False


def test_curators_see_waiting_requests_in_the_admin(client, zora, curator):
    ErasureRequest.objects.create(user=zora)
    signed_in(client, curator)

    page = client.get(ERASURE_ADMIN)

    assert page.status_code == 200
    rows = [(r.user.username, r.is_open) for r in page.context["cl"].result_list]
    assert rows == [(USERNAME, True)]


def test_staff_without_curation_rights_cannot_see_or_erase(client, zora):
    request = ErasureRequest.objects.create(user=zora)
    signed_in(client, UserFactory(username="staff-only", is_staff=True))

    listed = client.get(ERASURE_ADMIN)
    erased = client.post(
        ERASURE_ADMIN,
        {"action": "erase_accounts", "_selected_action": [request.pk], "confirmed": "yes"},
    )

    assert (listed.status_code, erased.status_code) == (403, 403)
    assert get_user_model().objects.filter(username=USERNAME).exists() is True


def test_members_cannot_reach_the_requests(client, zora, member_a):
    ErasureRequest.objects.create(user=zora)
    signed_in(client, member_a)

    assert client.get(ERASURE_ADMIN)["Location"] == f"/admin/login/?next={ERASURE_ADMIN}"


# ---------------------------------------------------------------- erasure


def erase_from_the_admin(client, curator, request, capture):
    signed_in(client, curator)
    selection = {"action": "erase_accounts", "_selected_action": [request.pk]}
    confirmation = client.post(ERASURE_ADMIN, selection)
    with capture(execute=True):
        done = client.post(ERASURE_ADMIN, {**selection, "confirmed": "yes"}, follow=True)
    return confirmation, done


def test_curator_erases_after_a_confirmation_page(
    client, zora, zoras_work, curator, django_capture_on_commit_callbacks
):
    request = ErasureRequest.objects.create(user=zora)

    confirmation, done = erase_from_the_admin(
        client, curator, request, django_capture_on_commit_callbacks
    )

    assert (
        confirmation.templates[0].name == "admin/consortia/erasurerequest/erase_confirmation.html"
    )
    assert [str(m) for m in done.context["messages"]] == [
        "1 account erased: its personal data are gone, its published findings are now "
        "credited to “Former member”."
    ]
    request.refresh_from_db()
    assert (request.user, request.erased_by) == (None, curator)
    assert request.erased_at is not None


def test_erasure_keeps_published_findings_as_the_former_members(
    client, zora, zoras_work, curator, django_capture_on_commit_callbacks
):
    published = zoras_work["published"]
    request = ErasureRequest.objects.create(user=zora)

    erase_from_the_admin(client, curator, request, django_capture_on_commit_callbacks)

    former = get_user_model().objects.get(username=FORMER_MEMBER_USERNAME)
    published.refresh_from_db()
    assert (published.status, published.author) == ("published", former)
    assert (former.is_active, former.has_usable_password(), former.get_full_name()) == (
        False,
        False,
        "Former member",
    )
    assert list(Review.objects.filter(finding=published).values_list("reviewer", "comment")) == [
        (former.pk, "Ready, Zora."),
        (curator.pk, ""),
    ]
    assert Attachment.objects.get(finding=published).uploaded_by == former
    history = published.history.order_by("history_date")
    assert [(h.history_user_id, h.author_id) for h in history] == [
        (former.pk, former.pk),
        (former.pk, former.pk),
        (curator.pk, former.pk),
    ]
    assert client.get(f"/en/findings/{published.slug}/").status_code == 200


def test_erasure_deletes_never_public_findings_their_files_and_history(
    client, zora, zoras_work, curator, media, django_capture_on_commit_callbacks
):
    draft, published = zoras_work["draft"], zoras_work["published"]
    request = ErasureRequest.objects.create(user=zora)

    erase_from_the_admin(client, curator, request, django_capture_on_commit_callbacks)

    assert Finding.objects.filter(pk=draft.pk).exists() is False
    assert Finding.history.filter(id=draft.pk).exists() is False
    assert stored_files(media) == [f"findings/{published.pk}/report.pdf"]


def test_erasure_ends_sessions_and_deletes_tokens_devices_and_accesses(
    client, zora, zoras_work, curator, django_capture_on_commit_callbacks
):
    zoras_browser = signed_in(type(client)(), zora)
    request = ErasureRequest.objects.create(user=zora)

    erase_from_the_admin(client, curator, request, django_capture_on_commit_callbacks)

    assert zoras_browser.get("/en/me/")["Location"] == "/en/accounts/login/?next=/en/me/"
    assert ApiToken.objects.exists() is False
    assert TOTPDevice.objects.filter(user__username=USERNAME).exists() is False
    assert ConsortiumAccess.objects.filter(user__username=USERNAME).exists() is False
    assert Session.objects.count() == 1  # the curator's


def test_erasure_renews_the_cached_pages_of_the_kept_findings(
    zora, zoras_work, curator, django_capture_on_commit_callbacks
):
    from consortia.erasure import account_erase

    tag = object_tag(Finding, zoras_work["published"].pk)
    before = tag_versions([tag])[tag]

    with django_capture_on_commit_callbacks(execute=True):
        account_erase(user=zora, erased_by=curator)

    assert tag_versions([tag])[tag] != before


def _text_columns():
    """(table, column) of every text column of every table."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            for column in connection.introspection.get_table_description(cursor, table):
                if column.type_code in _TEXT_TYPES or "char" in str(column.type_code).lower():
                    found.append((table, column.name))
    return found


_TEXT_TYPES = {"text", "varchar", "TEXT", "VARCHAR", 25, 1042, 1043}  # SQLite; PostgreSQL oids


def _user_references():
    """(model, field) for every column that names an account, historical copies included."""
    user_model = get_user_model()
    return [
        (model, field)
        for model in apps.get_models(include_auto_created=True)
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model is user_model
    ]


def test_erasure_leaves_no_trace_in_the_database(
    client, zora, zoras_work, curator, django_capture_on_commit_callbacks
):
    zora_pk = zora.pk
    signed_in(type(client)(), zora)
    request = ErasureRequest.objects.create(user=zora)

    erase_from_the_admin(client, curator, request, django_capture_on_commit_callbacks)

    references = {
        f"{model._meta.db_table}.{field.column}": model._default_manager.filter(
            **{field.attname: zora_pk}
        ).count()
        for model, field in _user_references()
    }
    assert "findings_historicalfinding.author_id" in references
    assert references == {name: 0 for name in references}
    traces = []
    with connection.cursor() as cursor:
        for table, column in _text_columns():
            for needle in (USERNAME, EMAIL, "Quillfeather", "unfinished draft", "Draft notes"):
                cursor.execute(
                    f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)} "
                    f"WHERE {connection.ops.quote_name(column)} LIKE %s",
                    [f"%{needle}%"],
                )
                if cursor.fetchone()[0]:
                    traces.append((table, column, needle))
    assert traces == []
    assert get_user_model().objects.filter(pk=zora_pk).exists() is False
    entries = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(get_user_model()), object_id=str(zora_pk)
    )
    assert [e.object_repr for e in entries] == ["a former member"]


def test_the_search_for_traces_finds_them_before_erasure(zora, zoras_work):
    # The scan above must be able to fail: before erasure it finds Zora in several places.
    found = set()
    with connection.cursor() as cursor:
        for table, column in _text_columns():
            cursor.execute(
                f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)} "
                f"WHERE {connection.ops.quote_name(column)} LIKE %s",
                [f"%{USERNAME}%"],
            )
            if cursor.fetchone()[0]:
                found.add(f"{table}.{column}")
    assert {"auth_user.username", "django_admin_log.object_repr"} <= found
    assert "django_admin_log.change_message" in found


def test_staff_accounts_are_not_erased_from_the_admin(client, curator):
    other = UserFactory(username="other-curator", is_staff=True)
    request = ErasureRequest.objects.create(user=other)

    signed_in(client, curator)
    done = client.post(
        ERASURE_ADMIN,
        {"action": "erase_accounts", "_selected_action": [request.pk], "confirmed": "yes"},
        follow=True,
    )

    assert [str(m) for m in done.context["messages"]] == [
        "Nothing was erased. other-curator is a staff account: a superuser must first remove "
        "its staff rights."
    ]
    assert get_user_model().objects.filter(username="other-curator").exists() is True


def test_erase_account_command(zora, zoras_work, capsys):
    call_command("erase_account", USERNAME, "--yes")

    request = ErasureRequest.objects.get()
    assert capsys.readouterr().out == (
        f"Erased: Erasure request {request.pk} carried out; the account no longer exists.\n"
    )
    assert (request.user, request.erased_by) == (None, None)
    assert get_user_model().objects.filter(username=USERNAME).exists() is False


def test_erase_account_command_refuses_staff_and_unknown_accounts(curator):
    with pytest.raises(CommandError, match="^No account is called 'nobody'.$"):
        call_command("erase_account", "nobody", "--yes")
    with pytest.raises(CommandError, match="is a staff account"):
        call_command("erase_account", "curator", "--yes")


# ---------------------------------------------------------------- retention


def test_purge_deletes_what_outlived_its_retention_and_keeps_the_rest(
    zora, settings, capsys, client
):
    now = timezone.now()
    settings.PLP_RETENTION_TOKEN_DAYS = 90
    old, _ = api_token_create(user=zora, name="revoked long ago")
    recent, _ = api_token_create(user=zora, name="revoked lately")
    ApiToken.objects.filter(pk=old.pk).update(revoked_at=now - dt.timedelta(days=91))
    ApiToken.objects.filter(pk=recent.pk).update(revoked_at=now - dt.timedelta(days=89))
    signed_in(client, zora)
    Session.objects.create(
        session_key="x" * 32, session_data="", expire_date=now - dt.timedelta(seconds=1)
    )
    abandoned = TOTPDevice.objects.create(user=zora, name="app", confirmed=False)
    TOTPDevice.objects.filter(pk=abandoned.pk).update(created_at=now - dt.timedelta(hours=25))
    TOTPDevice.objects.create(user=zora, name="app", confirmed=False)

    call_command("purge_expired_data")

    assert capsys.readouterr().out.splitlines() == [
        "expired sessions: 1 deleted.",
        "revoked or expired API tokens: 1 deleted.",
        "unfinished setups of an authenticator app: 1 deleted.",
        "records of carried-out erasures: 0 deleted.",
    ]
    assert list(ApiToken.objects.values_list("name", flat=True)) == ["revoked lately"]
    assert Session.objects.count() == 1
    assert TOTPDevice.objects.count() == 1
    assert client.get("/en/me/").status_code == 200


def test_purge_dry_run_deletes_nothing(zora, capsys):
    Session.objects.create(
        session_key="y" * 32, session_data="", expire_date=timezone.now() - dt.timedelta(days=1)
    )

    call_command("purge_expired_data", "--dry-run")

    assert capsys.readouterr().out.splitlines()[0] == "expired sessions: 1 would be deleted."
    assert Session.objects.count() == 1


def test_purge_deletes_old_erasure_records(settings, capsys):
    settings.PLP_RETENTION_ERASURE_RECORD_DAYS = 30
    now = timezone.now()
    ErasureRequest.objects.create(erased_at=now - dt.timedelta(days=31))
    ErasureRequest.objects.create(erased_at=now - dt.timedelta(days=29))

    call_command("purge_expired_data", verbosity=0)

    assert capsys.readouterr().out == ""
    assert ErasureRequest.objects.count() == 1


# ---------------------------------------------------------------- the privacy notice


def test_privacy_notice_is_public_and_linked_from_every_page(client, db):
    home = client.get("/en/").content.decode()
    notice = client.get("/en/privacy/")

    assert '<a href="/en/privacy/">Privacy</a>' in home
    assert notice.status_code == 200
    assert "<h1>Privacy notice</h1>" in notice.content.decode()


def test_privacy_notice_states_this_installations_periods(client, settings, db):
    settings.PLP_SESSION_MAX_HOURS = 8
    settings.PLP_SESSION_IDLE_MINUTES = 45
    settings.PLP_RETENTION_TOKEN_DAYS = 45
    settings.PLP_RETENTION_ERASURE_RECORD_DAYS = 1
    settings.PLP_AUDIT_RETENTION_DAYS = 90

    text = " ".join(client.get("/en/privacy/").content.decode().split())

    assert (
        "A sign-in lasts at most 8 hours, and ends sooner after 45 minutes without activity; "
        "its record is deleted when you log out, or once it has expired." in text
    )
    assert "Lines of the security log are deleted 90 days after they were written." in text
    assert "until 15 minutes have passed without another" in text
    assert "An API token is deleted 45 days after it was revoked or expired." in text
    assert "the portal keeps for 1 day a record that it was carried out" in text
