"""The members' finding page (/me/findings/<slug>/) lists the outputs the finding rests on,
with their status: their consortium's in any state, other consortia's only once public."""

import re

import pytest
from django.urls import reverse

from findings.enums import FindingStatus
from findings.output_enums import OutputType
from tests.factories import OutputFactory, PublishedOutputFactory

pytestmark = pytest.mark.django_db


def outputs_section(html: str) -> str:
    match = re.search(r'<section aria-labelledby="outputs-title">(.*?)</section>', html, re.S)
    return match.group(1) if match else ""


def listed(html: str) -> list[tuple[str, str, str, str, str]]:
    """(type, link, title, consortium, status) per output listed."""
    return re.findall(
        r'<li><span class="muted">(.*?):</span> <a href="(.*?)">(.*?)</a>, (.*?) '
        r'<span class="badge status status--\w+">(.*?)</span>\s*</li>',
        outputs_section(html),
    )


@pytest.fixture
def outputs(draft_a, consortium_a, consortium_b):
    own_draft = OutputFactory(consortium=consortium_a, slug="own-draft", title="A own draft")
    own_submitted = OutputFactory(
        consortium=consortium_a,
        slug="own-sent",
        title="B own submitted",
        status=FindingStatus.SUBMITTED,
        output_type=OutputType.DATASET,
    )
    others_published = PublishedOutputFactory(
        consortium=consortium_b, slug="their-report", title="C their report"
    )
    # Rested on before it was sent back: another consortium's output no longer public.
    others_hidden = OutputFactory(
        consortium=consortium_b, slug="their-draft", title="Zqhidden", status=FindingStatus.DRAFT
    )
    draft_a.outputs.set([own_draft, own_submitted, others_published, others_hidden])


def test_members_finding_page_lists_every_output_it_rests_on_with_its_status(
    client, member_a, draft_a, outputs
):
    client.force_login(member_a)
    html = client.get(reverse("members:finding_detail", args=[draft_a.slug])).content.decode()

    assert listed(html) == [
        ("Report", "/en/me/outputs/own-draft/", "A own draft", "SILK", "Draft"),
        ("Dataset", "/en/me/outputs/own-sent/", "B own submitted", "SILK", "Submitted for review"),
        ("Report", "/en/outputs/their-report/", "C their report", "PL4SE-PLP", "Published"),
    ]
    assert "Zqhidden" not in html


def test_members_finding_page_without_outputs_has_no_outputs_section(client, member_a, draft_a):
    client.force_login(member_a)
    html = client.get(reverse("members:finding_detail", args=[draft_a.slug])).content.decode()
    assert outputs_section(html) == ""


def test_another_consortium_cannot_see_the_page_nor_its_outputs(client, member_b, draft_a, outputs):
    client.force_login(member_b)
    response = client.get(reverse("members:finding_detail", args=[draft_a.slug]))
    assert response.status_code == 404
    assert "A own draft" not in response.content.decode()


def test_members_finding_page_reads_its_outputs_in_a_fixed_number_of_queries(
    client, member_a, draft_a, consortium_a, django_assert_max_num_queries
):
    client.force_login(member_a)
    url = reverse("members:finding_detail", args=[draft_a.slug])
    draft_a.outputs.set([OutputFactory(consortium=consortium_a) for _ in range(2)])
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    draft_a.outputs.add(*[PublishedOutputFactory(consortium=consortium_a) for _ in range(20)])
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(url).content.decode()
    assert len(listed(html)) == 22
