"""A finding's trail (/findings/<slug>/trail/): its nodes and links exactly, as SVG and as
text, only public things, and a fixed number of queries."""

import datetime as dt
import re

import pytest
from django.core.cache import cache

from events.enums import EventStatus, SessionKind
from events.provenance import finding_trail
from findings.enums import FindingStatus
from findings.models import Finding
from findings.output_enums import OutputType
from findings.reactions.models import PolicyUptake
from tests.factories import (
    BreakoutFactory,
    ContributionFactory,
    EventFactory,
    KeyPointFactory,
    OutputFactory,
    PublishedFindingFactory,
    PublishedOutputFactory,
    SessionFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

URL = "/en/findings/finding-a/trail/"


@pytest.fixture
def world(finding_a, consortium_a):
    event = EventFactory(title="Peer-learning event", slug="plp-2021")
    panel = SessionFactory(event=event, position=1, title="Panel")
    ContributionFactory(session=panel, position=1).findings.set([finding_a])
    ContributionFactory(session=panel, position=2).findings.set([finding_a])  # same session
    breakouts = SessionFactory(event=event, position=2, kind=SessionKind.BREAKOUTS, title="B")
    visibility = BreakoutFactory(session=breakouts, position=1, title="Visibility")
    visibility.findings.set([finding_a])
    KeyPointFactory(breakout=visibility, position=1, text="Engagement is required.").findings.set(
        [finding_a]
    )
    ecosystems = BreakoutFactory(session=breakouts, position=2, title="Ecosystems")
    KeyPointFactory(breakout=ecosystems, position=1, text="Cities convene.").findings.set(
        [finding_a]
    )
    SourceFactory(finding=finding_a, label="White paper", url="https://example.org/paper.pdf")
    plan = PolicyUptake.objects.create(
        title="Social Economy Action Plan",
        kind="eu_action_plan",
        url="https://ec.europa.eu/social/main.jsp?catId=1537",
    )
    plan.findings.set([finding_a])
    # Not public: a draft event's session, and an uptake of another (draft) finding only.
    draft_event = EventFactory(title="Draft event", slug="draft", status=EventStatus.DRAFT)
    ContributionFactory(
        session=SessionFactory(event=draft_event, position=1, title="Hidden session")
    ).findings.set([finding_a])
    draft = Finding.objects.create(
        consortium=consortium_a, slug="draft-finding", title="Draft", summary="x"
    )
    PolicyUptake.objects.create(title="Hidden law", kind="law").findings.set([draft])
    return {"event": event, "visibility": visibility, "ecosystems": ecosystems}


def test_trail_nodes_and_edges_are_exact(world, finding_a):
    trail = finding_trail(Finding.objects.select_related("consortium").get(pk=finding_a.pk))
    assert [(node.column, node.kind, node.label) for node in trail.nodes] == [
        ("origin", "consortium", "SILK"),
        ("finding", "finding", "Cities convene the social economy"),
        ("origin", "source", "White paper"),
        ("events", "session", "Peer-learning event: Panel"),
        ("events", "breakout", "Visibility"),
        ("key_points", "key_point", "Engagement is required."),
        ("events", "breakout", "Ecosystems"),
        ("key_points", "key_point", "Cities convene."),
        ("policy", "uptake", "Social Economy Action Plan"),
    ]
    assert [(e.source.label, str(e.relation), e.target.label) for e in trail.edges] == [
        ("SILK", "found", "Cities convene the social economy"),
        ("White paper", "supports", "Cities convene the social economy"),
        ("Cities convene the social economy", "presented at", "Peer-learning event: Panel"),
        ("Cities convene the social economy", "discussed in", "Visibility"),
        ("Visibility", "reported in", "Engagement is required."),
        ("Cities convene the social economy", "cited in", "Ecosystems"),
        ("Ecosystems", "reported in", "Cities convene."),
        ("Cities convene the social economy", "fed", "Social Economy Action Plan"),
    ]


def test_trail_page_draws_the_graph_and_its_text_equivalent(client, world):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    svg = html.split("<svg")[1].split("</svg>")[0]
    assert 'aria-hidden="true"' in svg and 'focusable="false"' in svg
    assert svg.count("<rect") == 9
    assert svg.count('class="trail__edge"') == 8
    assert "style=" not in html.split("<main")[-1]  # CSP: no inline style
    table = html.split('class="chart__table trail__table"')[1].split("</table>")[0]
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</th><td>(.*?)</td><td>(.*?)</td></tr>", table)
    assert rows == [
        ("SILK", "found", "Cities convene the social economy"),
        ("White paper", "supports", "Cities convene the social economy"),
        ("Cities convene the social economy", "presented at", "Peer-learning event: Panel"),
        ("Cities convene the social economy", "discussed in", "Visibility"),
        ("Visibility", "reported in", "Engagement is required."),
        ("Cities convene the social economy", "cited in", "Ecosystems"),
        ("Ecosystems", "reported in", "Cities convene."),
        ("Cities convene the social economy", "fed", "Social Economy Action Plan"),
    ]
    headings = re.findall(r'<h3 id="trail-(\w+)">(.*?)</h3>', html)
    assert headings == [
        ("origin", "Origin"),
        ("finding", "Finding"),
        ("events", "Presented and discussed"),
        ("key_points", "Key points"),
        ("policy", "Policy uptake"),
    ]
    assert "Hidden session" not in html and "Hidden law" not in html and "Draft event" not in html


def test_trail_of_an_unpublished_finding_is_404(client, finding_a):
    Finding.objects.filter(pk=finding_a.pk).update(status=FindingStatus.SUBMITTED)
    assert client.get(URL).status_code == 404


def test_trail_of_a_finding_with_nothing_else_has_its_consortium_only(client, finding_a):
    html = client.get(URL).content.decode()
    assert html.count("<rect") == 2
    assert re.findall(r'<tr><th scope="row">(.*?)</th>', html) == ["SILK"]


def test_trail_page_costs_a_fixed_number_of_queries(
    client, world, finding_a, django_assert_max_num_queries
):
    cache.clear()
    with django_assert_max_num_queries(40) as few:
        client.get(URL)
    event = world["event"]
    for n in range(12):
        session = SessionFactory(event=event, position=10 + n, title=f"Extra {n}")
        ContributionFactory(session=session, position=1).findings.set([finding_a])
        KeyPointFactory(breakout=world["visibility"], position=10 + n).findings.set([finding_a])
        SourceFactory(finding=finding_a, label=f"Source {n}")
        PolicyUptake.objects.create(title=f"Plan {n}").findings.set([finding_a])
    cache.clear()
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(URL)
    html = response.content.decode()
    assert html.count("More are not shown here.") == 4  # each column is capped
    # The consortium and 8 sources; the finding; the sessions of the first 8 contributions
    # (two are in the panel: 7 sessions) and the breakout of the 8 key points shown (those of
    # "Visibility" come first); 8 key points; 8 policy outputs.
    assert html.count("<rect") == 9 + 1 + 8 + 8 + 8


UNPUBLISHED_OUTPUT_STATES = [
    FindingStatus.DRAFT,
    FindingStatus.AWAITING_SIGNOFF,
    FindingStatus.SUBMITTED,
    FindingStatus.CHANGES_REQUESTED,
    FindingStatus.REJECTED,
    FindingStatus.WITHDRAWN,
]


@pytest.fixture
def outputs(finding_a, consortium_a):
    """The finding rests on two published outputs and on one in every other state."""
    report = PublishedOutputFactory(
        consortium=consortium_a, slug="hub-report", title="Hub report", date=dt.date(2021, 5, 1)
    )
    dataset = PublishedOutputFactory(
        consortium=consortium_a,
        slug="hub-data",
        title="Hub data",
        output_type=OutputType.DATASET,
        date=dt.date(2022, 1, 1),
    )
    hidden = [
        OutputFactory(consortium=consortium_a, status=status, title=f"Zq{status} output")
        for status in UNPUBLISHED_OUTPUT_STATES
    ]
    finding_a.outputs.set([report, dataset, *hidden])
    return {"report": report, "dataset": dataset}


def test_trail_comes_from_the_published_outputs_the_finding_rests_on(outputs, finding_a):
    trail = finding_trail(Finding.objects.select_related("consortium").get(pk=finding_a.pk))
    assert [
        (node.column, node.kind, str(node.kind_label), node.label, node.url) for node in trail.nodes
    ] == [
        ("origin", "consortium", "Consortium", "SILK", "/en/consortia/silk/"),
        (
            "finding",
            "finding",
            "Finding",
            "Cities convene the social economy",
            "/en/findings/finding-a/",
        ),
        ("origin", "output", "Dataset", "Hub data", "/en/outputs/hub-data/"),
        ("origin", "output", "Report", "Hub report", "/en/outputs/hub-report/"),
    ]
    assert [(e.source.label, str(e.relation), e.target.label) for e in trail.edges] == [
        ("SILK", "found", "Cities convene the social economy"),
        ("Hub data", "supports", "Cities convene the social economy"),
        ("Hub report", "supports", "Cities convene the social economy"),
    ]


def test_trail_page_shows_the_outputs_in_the_graph_and_in_words_never_unpublished(client, outputs):
    html = client.get(URL).content.decode()
    svg = html.split("<svg")[1].split("</svg>")[0]
    assert svg.count("<rect") == 4
    assert re.findall(r'trail__node--output">\s*<rect[^>]*/>\s*<text[^>]*>([^<]*)</text>', svg) == [
        "Hub data",
        "Hub report",
    ]
    origin = html.split('<h3 id="trail-origin">')[1].split("</ul>")[0]
    assert re.findall(r'<span class="muted">(.*?):</span> <a href="(.*?)">(.*?)</a>', origin) == [
        ("Consortium", "/en/consortia/silk/", "SILK"),
        ("Dataset", "/en/outputs/hub-data/", "Hub data"),
        ("Report", "/en/outputs/hub-report/", "Hub report"),
    ]
    rows = re.findall(r'<tr><th scope="row">(.*?)</th><td>(.*?)</td><td>(.*?)</td></tr>', html)
    assert rows[1:] == [
        ("Hub data", "supports", "Cities convene the social economy"),
        ("Hub report", "supports", "Cities convene the social economy"),
    ]
    assert "Zq" not in html


def test_trail_outputs_are_capped_at_a_fixed_number_of_queries(
    client, outputs, finding_a, consortium_a, django_assert_max_num_queries
):
    cache.clear()
    with django_assert_max_num_queries(40) as few:
        client.get(URL)
    more = [PublishedOutputFactory(consortium=consortium_a) for _ in range(10)]
    finding_a.outputs.add(*more)
    cache.clear()
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(URL).content.decode()
    assert html.count('trail__node--output"') == 8
    assert html.count("More are not shown here.") == 1


def test_finding_page_links_to_its_trail_and_lists_key_points(client, world, finding_a):
    html = client.get(finding_a.get_absolute_url()).content.decode()
    assert 'href="/en/findings/finding-a/trail/"' in html
    section = html.split('id="key-points-title"')[1].split("</section>")[0]
    assert re.findall(r"</a>, breakout “(\w+)”: ([^<]+)</li>", section) == [
        ("Visibility", "Engagement is required."),
        ("Ecosystems", "Cities convene."),
    ]


def test_other_published_findings_do_not_enter_the_trail(world, consortium_a, finding_a):
    other = PublishedFindingFactory(consortium=consortium_a, slug="other")
    world["visibility"].findings.add(other)
    trail = finding_trail(Finding.objects.select_related("consortium").get(pk=finding_a.pk))
    assert [node.label for node in trail.nodes if node.kind == "finding"] == [finding_a.title]


def test_demo_records_the_action_plan_and_the_key_points_endorsements(demo, client):
    from django.core.management import call_command

    from findings.reactions.models import Reaction

    plan = PolicyUptake.objects.get()
    assert (plan.title, plan.kind, plan.issuer, str(plan.date), plan.url) == (
        "EU Social Economy Action Plan",
        "eu_action_plan",
        "European Commission",
        "2021-12-09",
        "https://ec.europa.eu/social/main.jsp?catId=1537",
    )
    assert plan.findings.exclude(status="published").count() == 0
    assert (
        plan.findings.count()
        == Finding.objects.filter(contributions__isnull=False, status="published")
        .distinct()
        .count()
    )
    reactions = Reaction.objects.order_by("id").values_list(
        "organisation__slug", "finding__slug", "kind", "status"
    )
    assert list(reactions) == [
        ("social-value-us", "sim-sdgs-as-impact-measurement-tool", "endorsed", "published"),
        ("social-value-us", "sim-toolbox-of-good-practices", "endorsed", "published"),
        ("upsocial", "pl4se-legal-entities-and-shared-values", "endorsed", "published"),
    ]
    # Each endorsing organisation is outside the finding's consortium (the rule's reading).
    for reaction in Reaction.objects.select_related("finding"):
        assert not reaction.organisation.memberships.filter(
            consortium_id=reaction.finding.consortium_id
        ).exists()
    call_command("load_demo", password="demo-password-for-tests", force=True, verbosity=0)
    assert (PolicyUptake.objects.count(), Reaction.objects.count()) == (1, 3)
    trail = client.get("/en/findings/sim-sdgs-as-impact-measurement-tool/trail/")
    assert trail.status_code == 200
    assert "EU Social Economy Action Plan" in trail.content.decode()
