"""Who may download a finding's files: the public only once the finding is public."""

import pytest
from django.core.files.base import ContentFile

from findings.models import Attachment
from tests.two_factor import force_login_confirmed

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def attach(finding):
    attachment = Attachment(
        finding=finding, title="White paper", content_type="application/pdf", size=len(PDF)
    )
    attachment.file.save("white-paper.pdf", ContentFile(PDF), save=True)
    return attachment


def download(client, attachment):
    return client.get(f"/en/findings/{attachment.finding.slug}/attachments/{attachment.pk}/")


@pytest.mark.parametrize("status", ["published", "withdrawn"])
def test_anyone_downloads_files_of_public_findings(client, media, draft_a, status):
    draft_a.status = status
    draft_a.save()
    attachment = attach(draft_a)

    response = download(client, attachment)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="white-paper.pdf"'


@pytest.mark.parametrize("status", ["draft", "submitted", "changes_requested", "rejected"])
def test_public_and_other_consortia_get_404_for_unpublished_files(
    client, media, draft_a, member_b, status
):
    draft_a.status = status
    draft_a.save()
    attachment = attach(draft_a)

    anonymous = download(client, attachment)
    client.force_login(member_b)
    other_consortium = download(client, attachment)

    assert (anonymous.status_code, other_consortium.status_code) == (404, 404)


def test_own_consortium_and_curators_download_unpublished_files(
    client, media, draft_a, member_a, curator
):
    attachment = attach(draft_a)

    client.force_login(member_a)
    member = download(client, attachment)
    force_login_confirmed(client, curator)
    reviewer = download(client, attachment)

    assert (member.status_code, reviewer.status_code) == (200, 200)


def test_uploads_are_not_served_from_media(client, media, draft_a):
    attachment = attach(draft_a)

    response = client.get(f"/{attachment.file.url.lstrip('/')}")

    assert response.status_code == 404


def test_attachment_address_of_another_finding_is_404(client, media, draft_a):
    draft_a.status = "published"
    draft_a.save()
    attachment = attach(draft_a)

    response = client.get(f"/en/findings/some-other-finding/attachments/{attachment.pk}/")

    assert response.status_code == 404
