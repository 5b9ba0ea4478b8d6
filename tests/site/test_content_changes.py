"""Content changes retire exactly the cached items that show them, once the change commits."""

import pytest
from django.core.cache import cache
from django.db import transaction

from findings.models import Finding
from plp_portal.content_changes import ALL, cached, content_changed, tag_versions
from tests.factories import ConsortiumFactory, FindingFactory, ThemeFactory


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


class Counter:
    """A computation that says how often it ran."""

    def __init__(self):
        self.runs = 0

    def __call__(self):
        self.runs += 1
        return f"value {self.runs}"


def test_cached_value_is_reused_until_one_of_its_tags_changes(
    db, django_capture_on_commit_callbacks
):
    compute = Counter()

    assert cached("box", ["findings.finding"], compute) == "value 1"
    assert cached("box", ["findings.finding"], compute) == "value 1"
    with django_capture_on_commit_callbacks(execute=True):
        content_changed("findings.theme")  # another tag: the value still holds
    assert cached("box", ["findings.finding"], compute) == "value 1"
    with django_capture_on_commit_callbacks(execute=True):
        content_changed("findings.finding")
    assert cached("box", ["findings.finding"], compute) == "value 2"


def test_bumping_all_retires_every_cached_value(db, django_capture_on_commit_callbacks):
    compute = Counter()
    cached("box", ["findings.finding"], compute)

    with django_capture_on_commit_callbacks(execute=True):
        content_changed(ALL)

    assert cached("box", ["findings.finding"], compute) == "value 2"


@pytest.mark.django_db(transaction=True)
def test_a_change_takes_effect_when_its_transaction_commits_and_not_before():
    before = tag_versions(["findings.finding"])["findings.finding"]
    with transaction.atomic():
        content_changed("findings.finding")
        assert tag_versions(["findings.finding"])["findings.finding"] == before
    assert tag_versions(["findings.finding"])["findings.finding"] != before


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_retires_nothing():
    before = tag_versions(["findings.finding"])["findings.finding"]
    with pytest.raises(RuntimeError), transaction.atomic():
        content_changed("findings.finding")
        raise RuntimeError("the save failed")
    assert tag_versions(["findings.finding"])["findings.finding"] == before


def test_a_lost_version_is_replaced_and_the_old_value_not_served(db):
    compute = Counter()
    cached("box", ["findings.finding"], compute)

    cache.delete("content-version:findings.finding")  # evicted from the cache

    assert cached("box", ["findings.finding"], compute) == "value 2"


def test_saving_a_finding_changes_its_kind_itself_and_its_consortium(
    db, django_capture_on_commit_callbacks
):
    consortium = ConsortiumFactory()
    finding = FindingFactory(consortium=consortium)
    tags = [
        "findings.finding",
        f"findings.finding:{finding.pk}",
        f"consortia.consortium:{consortium.pk}",
        "findings.theme",
    ]
    before = tag_versions(tags)

    with django_capture_on_commit_callbacks(execute=True):
        finding.title = "A new title"
        finding.save()

    after = tag_versions(tags)
    changed = {tag for tag in tags if after[tag] != before[tag]}
    assert changed == {
        "findings.finding",
        f"findings.finding:{finding.pk}",
        f"consortia.consortium:{consortium.pk}",
    }


def test_linking_a_theme_changes_the_finding_and_the_theme(db, django_capture_on_commit_callbacks):
    finding = FindingFactory()
    theme = ThemeFactory()
    tags = [f"findings.finding:{finding.pk}", f"findings.theme:{theme.pk}", "consortia.person"]
    before = tag_versions(tags)

    with django_capture_on_commit_callbacks(execute=True):
        finding.themes.add(theme)

    after = tag_versions(tags)
    assert {tag for tag in tags if after[tag] != before[tag]} == {
        f"findings.finding:{finding.pk}",
        f"findings.theme:{theme.pk}",
    }


def test_deleting_a_finding_changes_its_tags(db, django_capture_on_commit_callbacks):
    finding = FindingFactory()
    tag = f"findings.finding:{finding.pk}"
    before = tag_versions([tag])[tag]

    with django_capture_on_commit_callbacks(execute=True):
        Finding.objects.filter(pk=finding.pk).get().delete()

    assert tag_versions([tag])[tag] != before
