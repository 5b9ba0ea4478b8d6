"""Findings for the members' and curators' tests (the cast of people is in tests/conftest.py)."""

import pytest

from tests.factories import FindingFactory, UserFactory

PASSWORD = "correct horse battery staple"


@pytest.fixture
def draft_a(consortium_a, member_a):
    return FindingFactory(consortium=consortium_a, author=member_a, slug="draft-a")


@pytest.fixture
def media(settings, tmp_path):
    """A MEDIA_ROOT of the test's own, where stored attachments land."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(root) -> list[str]:
    """The files under ``root``, as sorted relative paths."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run ``transaction.on_commit`` callbacks (the e-mails) inside the test transaction."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def finding_in(consortium_a, member_a):
    """A finding of consortium A brought to ``status`` through the services."""
    from findings import services

    def make(status: str, slug: str = "finding-a"):
        finding = FindingFactory(consortium=consortium_a, author=member_a, slug=slug)
        curator = UserFactory(username="setup-curator", is_superuser=True, is_staff=True)
        if status == "draft":
            return finding
        services.finding_submit(finding=finding, user=member_a)
        steps = {
            "submitted": [],
            "changes_requested": [services.finding_request_changes],
            "rejected": [services.finding_reject],
            "published": [services.finding_publish],
            "withdrawn": [services.finding_publish, services.finding_withdraw],
        }[status]
        for step in steps:
            step(finding=finding, user=curator, comment="Because.")
        finding.refresh_from_db()
        return finding

    return make
