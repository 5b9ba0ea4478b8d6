"""An output's files: uploaded on the members' form with a finding's attachments' checks and
messages, listed on the public page, in the API and the JSON-LD, and downloaded through a view
that answers only to those who may see the output (a 404 for anyone else)."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from consortia.erasure import former_member
from consortia.personal_data import personal_data_export
from findings import output_services, personal_data
from findings.exceptions import NotPermitted
from findings.models import Attachment
from findings.output_models import OutputFile
from tests.factories import FindingFactory, OutputFactory
from tests.two_factor import force_login_confirmed

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PLP_PAGE_CACHE = False
    return settings.MEDIA_ROOT


@pytest.fixture
def draft(consortium_a, member_a):
    return OutputFactory(
        consortium=consortium_a, author=member_a, slug="white-papers", title="White papers"
    )


def stored_files(root) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def attach(output, title="The report", name="report.pdf"):
    output_file = OutputFile(
        output=output, title=title, content_type="application/pdf", size=len(PDF)
    )
    output_file.file.save(name, ContentFile(PDF), save=True)
    return output_file


def download(client, output_file):
    return client.get(f"/en/outputs/{output_file.output.slug}/files/{output_file.pk}/")


def new_output_data(consortium, **extra):
    return {
        "consortium": consortium.pk,
        "output_type": "report",
        "title": "Our report",
        "language": "en",
        "licence": "",
        "files-TOTAL_FORMS": "2",
        "files-INITIAL_FORMS": "0",
        "files-MIN_NUM_FORMS": "0",
        "files-MAX_NUM_FORMS": "10",
        **extra,
    }


# ------------------------------------------------------------------ uploading


def test_member_uploads_a_file_with_a_new_output(client, member_a, consortium_a, media):
    client.force_login(member_a)
    response = client.post(
        reverse("members:output_create"),
        new_output_data(
            consortium_a,
            **{"files-0-title": "Full report", "files-0-file": upload("report.pdf", PDF)},
        ),
    )
    assert response.status_code == 302
    output_file = OutputFile.objects.get()
    assert (
        output_file.output.title,
        output_file.title,
        output_file.content_type,
        output_file.size,
        output_file.uploaded_by,
    ) == ("Our report", "Full report", "application/pdf", len(PDF), member_a)
    assert stored_files(media) == [f"outputs/{output_file.output_id}/report.pdf"]


def test_a_form_that_comes_back_keeps_the_chosen_file(client, member_a, consortium_a, media):
    client.force_login(member_a)
    failed = client.post(
        reverse("members:output_create"),
        new_output_data(consortium_a, title="", **{"files-0-file": upload("r.pdf", PDF)}),
    )
    assert failed.status_code == 400
    html = failed.content.decode()
    [token] = re.findall(r'<input type="hidden" name="pending" value="([^"]+)">', html)
    assert '<span class="pending-uploads__name">r.pdf</span>' in html
    saved = client.post(
        reverse("members:output_create"), new_output_data(consortium_a, pending=[token])
    )
    assert saved.status_code == 302
    output_file = OutputFile.objects.get()
    assert (output_file.title, output_file.size) == ("r.pdf", len(PDF))
    assert stored_files(media) == [f"outputs/{output_file.output_id}/r.pdf"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "photo.pdf",
            b"\x89PNG\r\n\x1a\n" + b"\x00" * 20,
            "The content of “photo.pdf” is not a PDF, Word, Excel, PowerPoint or OpenDocument "
            "document, whatever its name says.",
        ),
        (
            "photo.png",
            b"\x89PNG\r\n\x1a\n" + b"\x00" * 20,
            "Only PDF, Word, Excel, PowerPoint or OpenDocument files can be attached (.pdf, "
            ".docx, .xlsx, .pptx, .odt, .ods, .odp, .doc, .xls, .ppt).",
        ),
        ("big.pdf", PDF + b"0" * 3000, "The file is 3.0 KB; the limit is 2.0 KB."),
    ],
)
def test_a_bad_file_is_refused_with_the_attachments_message_and_nothing_is_stored(
    client, member_a, consortium_a, media, settings, name, content, message
):
    settings.PLP_ATTACHMENT_MAX_BYTES = 2048
    client.force_login(member_a)
    response = client.post(
        reverse("members:output_create"),
        new_output_data(consortium_a, **{"files-0-file": upload(name, content)}),
    )
    assert response.status_code == 400
    assert response.context["uploads"].forms[0].errors["file"] == [message]
    assert not OutputFile.objects.exists()
    assert stored_files(media) == []


def test_the_service_refuses_a_bad_file_and_stores_nothing(draft, member_a, media):
    with pytest.raises(ValidationError) as error:
        output_services.output_update(
            output=draft,
            user=member_a,
            add_files=[
                {"title": "Good", "file": upload("good.pdf", PDF)},
                {"title": "Bad", "file": upload("bad.pdf", b"plain text")},
            ],
        )
    assert error.value.message_dict == {
        "files": [
            "The content of “bad.pdf” is not a PDF, Word, Excel, PowerPoint or OpenDocument "
            "document, whatever its name says."
        ]
    }
    assert not OutputFile.objects.exists()
    assert stored_files(media) == []


def test_member_removes_a_file_on_the_edit_form(
    client, member_a, draft, media, django_capture_on_commit_callbacks
):
    kept, removed = attach(draft, "Kept", "kept.pdf"), attach(draft, "Removed", "removed.pdf")
    client.force_login(member_a)
    page = client.get(reverse("members:output_edit", args=[draft.slug]))
    assert list(page.context["form"].fields["remove_files"].queryset) == [kept, removed]
    data = new_output_data(draft.consortium, remove_files=[removed.pk])
    del data["consortium"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("members:output_edit", args=[draft.slug]), data)
    assert response.status_code == 302
    assert list(draft.files.all()) == [kept]
    assert stored_files(media) == [f"outputs/{draft.pk}/kept.pdf"]


def test_another_consortium_cannot_add_files(draft, member_b, media):
    with pytest.raises(NotPermitted) as error:
        output_services.output_update(
            output=draft, user=member_b, add_files=[{"title": "", "file": upload("x.pdf", PDF)}]
        )
    assert str(error.value) == "You can only edit outputs of a consortium you belong to."
    assert not OutputFile.objects.exists()
    assert stored_files(media) == []


# ------------------------------------------------------------------ downloading


@pytest.mark.parametrize("status", ["published", "withdrawn"])
def test_anyone_downloads_the_files_of_a_public_output(client, draft, status):
    draft.status = status
    draft.save()
    response = download(client, attach(draft))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="report.pdf"'


@pytest.mark.parametrize("status", ["draft", "submitted", "changes_requested", "rejected"])
def test_public_and_other_consortia_get_404_for_an_unpublished_outputs_files(
    client, draft, member_b, status
):
    draft.status = status
    draft.save()
    output_file = attach(draft)
    anonymous = download(client, output_file)
    client.force_login(member_b)
    other_consortium = download(client, output_file)
    assert (anonymous.status_code, other_consortium.status_code) == (404, 404)


def test_own_consortium_and_curators_download_an_unpublished_outputs_files(
    client, draft, member_a, curator
):
    output_file = attach(draft)
    client.force_login(member_a)
    member = download(client, output_file)
    force_login_confirmed(client, curator)
    reviewer = download(client, output_file)
    assert (member.status_code, reviewer.status_code) == (200, 200)


def test_a_file_under_another_outputs_address_is_404(client, draft, consortium_a):
    draft.status = "published"
    draft.save()
    output_file = attach(draft)
    other = OutputFactory(consortium=consortium_a, status="published", slug="other")
    assert client.get(f"/en/outputs/{other.slug}/files/{output_file.pk}/").status_code == 404


def test_files_are_not_served_from_media(client, draft):
    output_file = attach(draft)
    assert client.get(f"/{output_file.file.url.lstrip('/')}").status_code == 404


def test_the_download_carries_the_same_headers_as_a_findings_attachment(client, draft):
    draft.status = "published"
    draft.save()
    finding = FindingFactory(consortium=draft.consortium, status="published", slug="f")
    attachment = Attachment(
        finding=finding, title="F", content_type="application/pdf", size=len(PDF)
    )
    attachment.file.save("report.pdf", ContentFile(PDF), save=True)
    theirs = client.get(f"/en/findings/f/attachments/{attachment.pk}/")
    ours = download(client, attach(draft))
    assert ours["X-Content-Type-Options"] == "nosniff"
    assert ours["Content-Disposition"] == 'attachment; filename="report.pdf"'
    assert {
        name: ours[name]
        for name in ("Content-Type", "Content-Security-Policy", "Cache-Control")
        if name in ours
    } == {
        name: theirs[name]
        for name in ("Content-Type", "Content-Security-Policy", "Cache-Control")
        if name in theirs
    }
    assert set(ours.headers) == set(theirs.headers)


# ------------------------------------------------------------------ where they are listed


def test_public_page_api_and_json_ld_list_the_files(client, draft):
    draft.status = "published"
    draft.output_type = "dataset"
    draft.save()
    output_file = attach(draft, "Tables", "tables.pdf")
    address = f"/en/outputs/{draft.slug}/files/{output_file.pk}/"

    page = client.get(reverse("findings:output_detail", args=[draft.slug]))
    html = page.content.decode()
    assert f'<a href="{address}" type="application/pdf" download>Tables</a>' in html
    assert f"(PDF, {len(PDF)}" in html
    assert page.context["linked_data"]["distribution"] == [
        {
            "@type": "DataDownload",
            "name": "Tables",
            "encodingFormat": "application/pdf",
            "contentSize": f"{len(PDF)} B",
            "contentUrl": f"http://testserver{address}",
        }
    ]
    body = client.get(f"/api/v1/outputs/{draft.slug}/").json()
    assert body["files"] == [
        {
            "title": "Tables",
            "url": f"http://testserver{address}",
            "content_type": "application/pdf",
            "size": len(PDF),
            "uploaded_at": body["files"][0]["uploaded_at"],
        }
    ]


def test_members_page_lists_the_files_of_a_draft(client, draft, member_a):
    output_file = attach(draft, "Draft annex")
    client.force_login(member_a)
    html = client.get(reverse("members:output_detail", args=[draft.slug])).content.decode()
    address = f"/en/outputs/{draft.slug}/files/{output_file.pk}/"
    assert f'<a href="{address}" type="application/pdf" download>Draft annex</a>' in html


def test_admin_lists_the_files_inline_without_uploads(client, draft, curator):
    attach(draft, "Inline file")
    force_login_confirmed(client, curator)
    response = client.get(reverse("admin:findings_output_change", args=[draft.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Inline file"' in html
    assert "files-TOTAL_FORMS" in html
    assert 'name="files-0-DELETE"' in html  # curators remove files
    assert 'name="files-0-file"' not in html  # the file is read-only: no replacement


def test_personal_data_lists_the_uploaded_files_and_erasure_hands_them_over(draft, member_a):
    output_file = attach(draft)
    output_file.uploaded_by = member_a
    output_file.save()
    uploads = personal_data_export(member_a)["files_uploaded"]
    assert [(item["output"], item["title"], item["file"], item["bytes"]) for item in uploads] == [
        ("white-papers", "The report", "report.pdf", len(PDF))
    ]
    stand_in = former_member()
    personal_data.erase(member_a, stand_in)
    output_file.refresh_from_db()
    assert output_file.uploaded_by == stand_in
