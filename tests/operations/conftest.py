import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command

from findings.models import Attachment, Finding

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
# Every byte value, so a copy that changes line ends or encodings shows.
EVERY_BYTE = bytes(range(256)) * 64


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def populated(transactional_db, media):
    """The demo programme, generated data beside it and two stored attachments, committed
    (the commands under test read the database from other processes)."""
    call_command("load_demo", password="demo-password-for-tests", force=True, verbosity=0)
    call_command("generate_data", consortia=3, findings=30, seed=1, verbosity=0)
    finding = Finding.objects.order_by("pk").first()
    for title, name, content, content_type in [
        ("Report", "report.pdf", PDF, "application/pdf"),
        ("Data", "data.xlsx", EVERY_BYTE, "application/vnd.ms-excel"),
    ]:
        Attachment.objects.create(
            finding=finding,
            title=title,
            file=ContentFile(content, name=name),
            content_type=content_type,
            size=len(content),
        )
    return media
