"""The new-finding and edit form: countries added by name, no "Delete" box on empty source
rows, an error summary at the top, and chosen files kept when the form comes back."""

import datetime as dt
import io
import os
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from findings.models import Attachment, Finding
from findings.pending_uploads import SESSION_KEY
from tests.members.conftest import stored_files
from tests.members.test_attachments import PDF, upload
from tests.members.test_views import finding_post

NEW = "members:finding_create"


@pytest.fixture
def signed_in(client, member_a):
    client.force_login(member_a)
    return client


def test_countries_are_added_by_name_or_code_not_picked_from_a_long_list(signed_in, consortium_a):
    page = signed_in.get(reverse(NEW)).content.decode()

    assert '<select name="countries"' not in page
    assert (
        '<input type="text" name="add_countries" list="country-names" autocomplete="off" '
        'aria-describedby="id_add_countries_helptext" id="id_add_countries">'
    ) in page
    assert len(re.findall(r'<option value="[^"]+">', page.split('id="country-names"')[1])) > 240
    response = signed_in.post(
        reverse(NEW),
        finding_post(consortium=consortium_a.pk, countries=["PT"], add_countries="Spain, kr"),
    )

    assert response.status_code == 302
    assert [c.code for c in Finding.objects.get().countries] == ["ES", "KR", "PT"]


def test_editing_shows_a_tick_box_for_each_chosen_country_only(signed_in, draft_a):
    draft_a.countries = ["FR", "ES"]
    draft_a.save()

    page = signed_in.get(reverse("members:finding_edit", args=[draft_a.slug])).content.decode()

    boxes = re.findall(r'<input type="checkbox" name="countries" value="(\w+)"[^>]*checked', page)
    assert sorted(boxes) == ["ES", "FR"]
    assert len(re.findall(r'name="countries"', page)) == 2


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (
            "Atlantis",
            "We do not know the country “Atlantis”: type its name as the suggestions show it, or "
            "its two-letter code.",
        ),
        (
            "Korea",
            "“Korea” matches several countries (North Korea, South Korea): type the one you mean.",
        ),
    ],
)
def test_an_unknown_or_ambiguous_country_is_a_form_error(signed_in, consortium_a, typed, message):
    response = signed_in.post(
        reverse(NEW), finding_post(consortium=consortium_a.pk, add_countries=typed)
    )

    assert response.context["form"].errors == {"add_countries": [message]}
    assert not Finding.objects.exists()


def test_only_source_rows_that_hold_a_source_have_a_delete_box(signed_in, draft_a):
    draft_a.sources.create(label="Report", url="https://example.org/r")

    page = signed_in.get(reverse("members:finding_edit", args=[draft_a.slug])).content.decode()

    assert re.findall(r'name="(sources-\d+-DELETE)"', page) == ["sources-0-DELETE"]
    assert '<label for="id_sources-0-DELETE">Delete source 1</label>' in page


def test_errors_are_summed_up_at_the_top_with_links_to_their_fields(signed_in, consortium_a):
    response = signed_in.post(
        reverse(NEW),
        finding_post(
            consortium=consortium_a.pk,
            title="",
            **{"sources-0-url": "not an address", "sources-0-label": "Report"},
        ),
    )
    html = response.content.decode()
    summary = html[html.index('<div class="error-summary"') : html.index("</div>", html.index(
        '<div class="error-summary"'))]  # fmt: skip

    assert response.status_code == 200
    assert html.index('class="error-summary"') < html.index("<h1>")
    assert (
        '<div class="error-summary" role="alert" aria-labelledby="error-summary-title" '
        'tabindex="-1" autofocus>'
    ) in summary
    assert '<h2 id="error-summary-title">There are problems with 2 answers</h2>' in summary
    assert re.findall(r'<a href="(#[^"]+)">([^<]+)</a>', summary) == [
        ("#id_title", "Title: This field is required."),
        ("#id_sources-0-url", "Source 1: URL: Enter a valid URL."),
    ]
    assert "<title>Error: New finding · " in html


def test_a_chosen_file_is_kept_when_the_form_comes_back_with_an_error(
    signed_in, consortium_a, media
):
    attachment = {"attachments-0-title": "The report", "attachments-0-file": upload("r.pdf", PDF)}
    failed = signed_in.post(
        reverse(NEW),
        finding_post(consortium=consortium_a.pk, title="", **{"attachments-TOTAL_FORMS": "1"},
                     **attachment),
    )  # fmt: skip
    html = failed.content.decode()
    [token] = re.findall(r'<input type="hidden" name="pending" value="([^"]+)">', html)

    assert '<span class="pending-uploads__name">r.pdf</span>' in html
    assert stored_files(media) == [f"pending-uploads/{token}/r.pdf"]

    saved = signed_in.post(reverse(NEW), finding_post(consortium=consortium_a.pk, pending=[token]))

    assert saved.status_code == 302
    stored = Attachment.objects.get()
    assert (stored.title, stored.size, stored.finding.title) == (
        "The report",
        len(PDF),
        "Women-led social enterprises",
    )
    assert stored_files(media) == [f"findings/{stored.finding.pk}/r.pdf"]
    assert signed_in.session[SESSION_KEY] == {}


def test_a_kept_file_can_be_taken_off_before_saving(signed_in, consortium_a, media):
    failed = signed_in.post(
        reverse(NEW),
        finding_post(consortium=consortium_a.pk, title="", **{"attachments-TOTAL_FORMS": "1",
                     "attachments-0-file": upload("r.pdf", PDF)}),
    )  # fmt: skip
    [token] = re.findall(r'name="pending" value="([^"]+)"', failed.content.decode())

    saved = signed_in.post(
        reverse(NEW),
        finding_post(consortium=consortium_a.pk, pending=[token], pending_remove=[token]),
    )

    assert saved.status_code == 302
    assert Attachment.objects.count() == 0
    assert stored_files(media) == []


def test_a_file_kept_for_another_session_cannot_be_claimed(
    client, signed_in, member_b, consortium_a, media
):
    failed = signed_in.post(
        reverse(NEW),
        finding_post(consortium=consortium_a.pk, title="", **{"attachments-TOTAL_FORMS": "1",
                     "attachments-0-file": upload("r.pdf", PDF)}),
    )  # fmt: skip
    [token] = re.findall(r'name="pending" value="([^"]+)"', failed.content.decode())
    other = client.__class__()
    other.force_login(member_b)
    consortium_b = member_b.consortium_accesses.get().consortium

    other.post(reverse(NEW), finding_post(consortium=consortium_b.pk, pending=[token]))

    assert Finding.objects.get().attachments.count() == 0
    assert stored_files(media) == [f"pending-uploads/{token}/r.pdf"]


def test_a_preview_keeps_the_chosen_file_too(signed_in, consortium_a, media):
    chosen = {"attachments-TOTAL_FORMS": "1", "attachments-0-file": upload("r.pdf", PDF)}

    preview = signed_in.post(
        reverse(NEW), finding_post(consortium=consortium_a.pk, action="preview", **chosen)
    )

    assert '<span class="pending-uploads__name">r.pdf</span>' in preview.content.decode()
    assert Finding.objects.count() == 0


def test_files_of_forms_never_saved_are_purged_after_a_day(media):
    old, new = media / "pending-uploads/old/a.pdf", media / "pending-uploads/new/b.pdf"
    for path in (old, new):
        path.parent.mkdir(parents=True)
        path.write_bytes(PDF)
    two_days_ago = (timezone.now() - dt.timedelta(days=2)).timestamp()
    os.utime(old, (two_days_ago, two_days_ago))
    out = io.StringIO()

    call_command("purge_pending_uploads", stdout=out)

    assert out.getvalue() == "Pending uploads: 1 deleted.\n"
    assert stored_files(media) == ["pending-uploads/new/b.pdf"]
