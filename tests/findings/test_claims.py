"""Findings as structured claims: the reference data, the facets (exact counts, OR within a
facet, AND across, never an unpublished finding's values), the rule that a target implies its
goal, the member form, the finding's page, the exports and the generator.

The facet tests run on SQLite (joins) and on PostgreSQL (the trigger-kept facet_terms) with
the same expectations: run them with DATABASE_URL=postgres://… for the second.
"""

import csv
import io
import re

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from findings import services
from findings.claims import replace_evidence
from findings.enums import FindingStatus
from findings.models import (
    Evidence,
    Finding,
    GovernmentLevel,
    PolicyLever,
    SDGTarget,
)
from tests.factories import (
    ConsortiumFactory,
    FindingFactory,
    PublishedFindingFactory,
    sdg,
)
from tests.members.test_views import finding_post

LIST_URL = reverse("findings:finding_list")


def lever(slug: str) -> PolicyLever:
    return PolicyLever.objects.get(slug=slug)


def claim(finding, *, kind="", levers=(), levels=(), evidence=(), targets=()):
    """Give `finding` a claim as the services store it."""
    if kind:
        Finding.objects.filter(pk=finding.pk).update(kind=kind)
    finding.levers.set([lever(slug) for slug in levers])
    finding.levels.set(levels)
    finding.sdg_targets.set(targets)
    replace_evidence(finding, [{"kind": k, "count": c} for k, c in evidence])
    return finding


@pytest.fixture
def catalogue(db):
    """Four published findings with claims, and a draft and a rejected finding whose values
    no public count may include."""
    consortium = ConsortiumFactory(slug="rrr")
    claim(
        PublishedFindingFactory(title="A", consortium=consortium, sdgs=[sdg(1)]),
        kind="recommendation",
        levers=["legal-framework"],
        levels=["national"],
        evidence=[("case_studies", 12)],
        targets=["1.a"],
    )
    claim(
        PublishedFindingFactory(title="B", consortium=consortium, sdgs=[sdg(12)]),
        kind="observation",
        levers=["legal-framework", "finance"],
        levels=["local", "national"],
        evidence=[("survey", 340), ("literature", None)],
        targets=["12.6"],
    )
    claim(
        PublishedFindingFactory(title="C", consortium=consortium, sdgs=[sdg(11)]),
        kind="observation",
        levers=["networks-and-platforms"],
        levels=["local"],
        evidence=[("case_studies", 9)],
        targets=["11.3"],
    )
    PublishedFindingFactory(title="D", consortium=consortium)  # an old finding: no claim
    for status in (FindingStatus.DRAFT, FindingStatus.REJECTED):
        claim(
            FindingFactory(title=f"Hidden {status}", consortium=consortium, status=status),
            kind="lesson_learned",
            levers=["finance", "capacity-building"],
            levels=["regional"],
            evidence=[("data_analysis", 5), ("survey", 10)],
            targets=["1.a", "17.19"],
        )


def page(client, query: str):
    response = client.get(f"{LIST_URL}?{query}")
    assert response.status_code == 200, response.content[:500]
    return response


def titles(response) -> list[str]:
    return sorted(finding.title for finding in response.context["findings"])


def counts(response, facet: str) -> dict[str, str]:
    """Value -> what its count says: "3" narrows to 3, "+1" adds 1, "selected"."""
    shown = {}
    for item in response.context["facets"][facet].items:
        if item.selected:
            shown[item.value] = "selected"
        else:
            shown[item.value] = f"+{item.count}" if item.adds else str(item.count)
    return shown


# ---------------------------------------------------------------- reference data


def test_the_169_sdg_targets_are_loaded_with_their_goals(db):
    per_goal = {number: SDGTarget.objects.filter(goal=number).count() for number in range(1, 18)}

    assert SDGTarget.objects.count() == 169
    assert per_goal == {1: 7, 2: 8, 3: 13, 4: 10, 5: 9, 6: 8, 7: 5, 8: 12, 9: 8, 10: 10,
                        11: 10, 12: 11, 13: 5, 14: 10, 15: 12, 16: 12, 17: 19}  # fmt: skip
    assert list(SDGTarget.objects.filter(goal=1).values_list("code", flat=True)) == [
        "1.1", "1.2", "1.3", "1.4", "1.5", "1.a", "1.b",
    ]  # fmt: skip
    assert SDGTarget.objects.get(code="12.6").text.startswith(
        "Encourage companies, especially large and transnational companies"
    )
    assert not SDGTarget.objects.filter(text="").exists()
    assert not SDGTarget.objects.filter(text_fr=None).exists()
    assert not SDGTarget.objects.filter(text_es=None).exists()
    target = SDGTarget.objects.get(code="17.17")
    assert target.text_fr.startswith("Encourager et promouvoir les partenariats publics")
    assert target.text_es.startswith("Fomentar y promover la constitución de alianzas")


def test_levels_and_the_first_policy_levers_are_loaded_in_three_languages(db):
    assert list(GovernmentLevel.objects.values_list("code", flat=True)) == [
        "local", "regional", "national", "international",
    ]  # fmt: skip
    assert list(PolicyLever.objects.values_list("slug", "name_fr")) == [
        ("legal-framework", "Cadre juridique"),
        ("public-procurement", "Marchés publics"),
        ("finance", "Financement"),
        ("capacity-building", "Renforcement des capacités"),
        ("visibility-and-measurement", "Visibilité et mesure"),
        ("networks-and-platforms", "Réseaux et plateformes"),
    ]
    assert lever("networks-and-platforms").name_es == "Redes y plataformas"


# ---------------------------------------------------------------- facets


def test_claim_facets_count_only_published_findings(client, catalogue):
    response = page(client, "")

    assert response.context["paginator"].count == 4
    assert counts(response, "kind") == {"observation": "2", "recommendation": "1"}
    assert counts(response, "lever") == {
        "legal-framework": "2",
        "finance": "1",
        "networks-and-platforms": "1",
    }
    assert counts(response, "level") == {"local": "2", "national": "2"}
    assert counts(response, "evidence") == {"case_studies": "2", "survey": "1", "literature": "1"}
    assert counts(response, "sdg_target") == {"1.a": "1", "11.3": "1", "12.6": "1"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=observation", ["B", "C"]),
        ("kind=observation&kind=recommendation", ["A", "B", "C"]),
        ("lever=legal-framework", ["A", "B"]),
        ("lever=finance&lever=networks-and-platforms", ["B", "C"]),
        ("level=local", ["B", "C"]),
        ("level=local&lever=legal-framework", ["B"]),
        ("evidence=case_studies", ["A", "C"]),
        ("evidence=survey&kind=recommendation", []),
        ("sdg_target=1.a", ["A"]),
        ("sdg_target=1.a&sdg_target=11.3", ["A", "C"]),
        ("sdg_target=17.19", []),  # only the hidden findings have it
        ("lever=capacity-building", []),  # likewise
    ],
)
def test_claim_facets_filter_or_within_and_across(client, catalogue, query, expected):
    assert titles(page(client, query)) == expected


def test_a_selected_claim_facet_counts_what_a_click_adds(client, catalogue):
    response = page(client, "level=local")

    assert counts(response, "level") == {"local": "selected", "national": "+1"}
    assert counts(response, "kind") == {"observation": "2"}
    assert counts(response, "evidence") == {"case_studies": "1", "survey": "1", "literature": "1"}


def test_the_facet_sidebar_lists_targets_that_have_findings_with_their_text(client, catalogue):
    response = page(client, "")
    labels = [item.label for item in response.context["facets"]["sdg_target"].items]

    assert labels == [
        "1.a Ensure significant mobilization of resources from a variety of source…",
        "11.3 By 2030, enhance inclusive and sustainable urbanization and capacity …",
        "12.6 Encourage companies, especially large and transnational companies, to…",
    ]
    assert 'href="?sdg_target=12.6"' in response.content.decode()


def test_an_unknown_claim_value_is_a_400_with_the_valid_filters_kept(client, catalogue):
    response = client.get(f"{LIST_URL}?level=galactic&kind=observation")

    assert response.status_code == 400
    assert titles(response) == ["B", "C"]


def test_the_list_with_claim_facets_selected_costs_the_same_queries_at_any_size(
    client, catalogue, django_assert_max_num_queries
):
    query = "kind=observation&lever=legal-framework&level=local&evidence=survey&sdg_target=12.6"
    cache.clear()
    with django_assert_max_num_queries(BUDGET) as small:
        assert titles(page(client, query)) == ["B"]
    consortium = ConsortiumFactory()
    for n in range(30):
        claim(
            PublishedFindingFactory(title=f"More {n}", consortium=consortium),
            kind="observation",
            levers=["legal-framework"],
            levels=["local"],
            evidence=[("survey", n + 1)],
            targets=["12.6"],
        )
    cache.clear()
    with django_assert_max_num_queries(BUDGET) as large:
        assert page(client, query).context["paginator"].count == 31
    assert len(large.captured_queries) == len(small.captured_queries)


#: The list with five claim facets selected, cold: the page's rows and their relations, the
#: count scan, one scan per selected facet, the labels of levers and targets and the rest.
BUDGET = 30


@pytest.mark.skipif(connection.vendor != "postgresql", reason="facet_terms is PostgreSQL's")
def test_facet_terms_hold_the_claim_and_follow_its_changes(catalogue):
    finding = Finding.objects.get(title="B")

    def terms():
        with connection.cursor() as cursor:
            cursor.execute("SELECT facet_terms FROM findings_finding WHERE id = %s", [finding.pk])
            return sorted(t for t in cursor.fetchone()[0] if not t.startswith(("consortium:",)))

    finance, legal = lever("finance").pk, lever("legal-framework").pk
    assert terms() == sorted(
        [
            "sdg:12",
            "kind:observation",
            f"lever:{finance}",
            f"lever:{legal}",
            "level:local",
            "level:national",
            "evidence:literature",
            "evidence:survey",
            "sdg_target:12.6",
        ]
    )
    Finding.objects.filter(pk=finding.pk).update(kind="recommendation")
    finding.levers.remove(lever("finance"))
    Evidence.objects.filter(finding=finding, kind="survey").update(kind="data_analysis")
    assert "kind:recommendation" in terms()
    assert f"lever:{finance}" not in terms()
    assert "evidence:data_analysis" in terms() and "evidence:survey" not in terms()


# ---------------------------------------------------------------- the services' rule


def test_choosing_a_target_implies_its_goal(member_a, consortium_a):
    finding = services.finding_create(
        user=member_a,
        consortium=consortium_a,
        title="Measuring with the SDGs",
        summary="S.",
        sdgs=[sdg(8)],
        kind="recommendation",
        levers=[lever("visibility-and-measurement")],
        levels=GovernmentLevel.objects.filter(code="national"),
        sdg_targets=SDGTarget.objects.filter(code__in=["12.6", "17.19"]),
        evidence=[{"kind": "survey", "count": 340}, {"kind": "literature"}],
    )

    assert sorted(finding.sdgs.values_list("number", flat=True)) == [8, 12, 17]
    assert finding.kind == "recommendation"
    assert [str(item) for item in finding.evidence.all()] == ["Literature", "Survey (340)"]

    services.finding_update(
        finding=finding,
        user=member_a,
        expected_version=finding.version,
        sdgs=[sdg(3)],  # the targets' goals stay: a target implies its goal
        sdg_targets=SDGTarget.objects.filter(code="1.a"),
    )
    assert sorted(finding.sdgs.values_list("number", flat=True)) == [1, 3]


AT_LEAST_1 = "Ensure this value is greater than or equal to 1."


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([{"kind": "survey", "count": 0}], f"Survey: {AT_LEAST_1}"),
        ([{"kind": "survey", "count": -3}], f"Survey: {AT_LEAST_1}"),
        ([{"kind": "survey"}, {"kind": "survey", "count": 2}],
         "Survey is given twice: give each kind of evidence once."),
        ([{"kind": "rumour"}], "rumour: Value 'rumour' is not a valid choice."),
    ],
)  # fmt: skip
def test_evidence_is_refused_with_the_reason_and_nothing_changes(
    member_a, consortium_a, rows, message
):
    finding = FindingFactory(consortium=consortium_a, author=member_a)
    replace_evidence(finding, [{"kind": "literature"}])

    with pytest.raises(ValidationError) as refused:
        services.finding_update(
            finding=finding, user=member_a, expected_version=finding.version, evidence=rows
        )

    assert message in refused.value.message_dict["evidence"]
    assert list(finding.evidence.values_list("kind", flat=True)) == ["literature"]


def test_history_records_the_claims_links(member_a, consortium_a):
    finding = FindingFactory(consortium=consortium_a, author=member_a)
    services.finding_update(
        finding=finding,
        user=member_a,
        expected_version=finding.version,
        kind="observation",
        levers=[lever("finance")],
    )
    services.finding_update(
        finding=finding, user=member_a, expected_version=finding.version, kind="recommendation"
    )

    newest, older = finding.history.order_by("-history_id")[:2]
    assert (older.kind, newest.kind) == ("observation", "recommendation")
    assert [link.policylever.slug for link in newest.levers.all()] == ["finance"]


# ---------------------------------------------------------------- the member form


@pytest.fixture
def signed_in(client, member_a):
    client.force_login(member_a)
    return client


def claim_post(consortium, **extra):
    return finding_post(consortium=consortium.pk, **extra)


def test_the_member_form_saves_the_claim(signed_in, consortium_a):
    response = signed_in.post(
        reverse("members:finding_create"),
        claim_post(
            consortium_a,
            kind="lesson_learned",
            levers=[lever("legal-framework").pk, lever("finance").pk],
            levels=["local", "international"],
            evidence_case_studies="on",
            evidence_case_studies_count="9",
            evidence_survey_count="120",  # a count says the kind is there
            evidence_literature="on",
            sdg_targets=["11.3", "17.17"],
        ),
    )

    assert response.status_code == 302, response.context["form"].errors
    finding = Finding.objects.get()
    assert finding.kind == "lesson_learned"
    assert sorted(finding.levers.values_list("slug", flat=True)) == ["finance", "legal-framework"]
    assert list(finding.levels.values_list("code", flat=True)) == ["local", "international"]
    assert list(finding.evidence.values_list("kind", "count")) == [
        ("case_studies", 9),
        ("literature", None),
        ("survey", 120),
    ]
    assert sorted(finding.sdgs.values_list("number", flat=True)) == [11, 17]


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"evidence_survey": "on", "evidence_survey_count": "0"},
         {"evidence_survey_count": ["Ensure this value is greater than or equal to 1."]}),
        ({"evidence_survey_count": "many"},
         {"evidence_survey_count": ["Enter a whole number."]}),
        ({"sdg_targets": ["18.1"]},
         {"sdg_targets": ["Select a valid choice. 18.1 is not one of the available choices."]}),
        ({"levers": ["999999"]},
         {"levers": ["Select a valid choice. 999999 is not one of the available choices."]}),
        ({"levels": ["galactic"]},
         {"levels": ["Select a valid choice. galactic is not one of the available choices."]}),
        ({"kind": "rumour"},
         {"kind": ["Select a valid choice. rumour is not one of the available choices."]}),
    ],
)  # fmt: skip
def test_the_member_form_refuses_bad_claims_with_the_reason(
    signed_in, consortium_a, fields, errors
):
    response = signed_in.post(reverse("members:finding_create"), claim_post(consortium_a, **fields))

    assert response.status_code == 200
    assert response.context["form"].errors == errors
    assert not Finding.objects.exists()


def test_the_member_form_groups_targets_by_goal_and_shows_the_claim_being_edited(
    signed_in, consortium_a, member_a
):
    finding = claim(
        FindingFactory(consortium=consortium_a, author=member_a, slug="mine"),
        kind="observation",
        levers=["finance"],
        levels=["regional"],
        evidence=[("survey", 340)],
        targets=["1.a"],
    )

    html = signed_in.get(reverse("members:finding_edit", args=[finding.slug])).content.decode()

    assert len(re.findall(r"<optgroup label=", html)) == 17
    assert '<optgroup label="SDG 1: No Poverty">' in html
    assert re.search(r'<option value="1.a" selected>1.a Ensure significant', html)
    assert re.search(r'type="radio" name="kind" value="observation"[^>]*checked', html)
    assert re.search(r'name="levels" value="regional"[^>]*checked', html)
    assert re.search(r'name="evidence_survey_count" value="340"', html)


# ---------------------------------------------------------------- what the public reads


def test_the_finding_page_shows_its_claim(client, catalogue):
    finding = Finding.objects.get(title="B")

    html = client.get(finding.get_absolute_url()).content.decode()

    block = html.split('id="claim-title"')[1].split("</section>")[0]
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", block)).replace(" )", ")")
    assert "Kind Observation" in text
    assert "Policy levers Legal framework Finance" in text
    assert "Levels of government Local National" in text
    assert "Evidence Literature · Survey (340)" in text
    assert "Target 12.6 Encourage companies" in text
    assert 'href="/en/findings/?lever=finance"' in block
    assert 'href="/en/findings/?sdg_target=12.6"' in block


def test_a_finding_without_a_claim_shows_no_claim_block(client, catalogue):
    html = client.get(Finding.objects.get(title="D").get_absolute_url()).content.decode()

    assert 'id="claim-title"' not in html


def test_the_csv_download_holds_the_claim(client, catalogue):
    response = client.get(reverse("findings:finding_export_csv") + "?kind=observation&sort=title")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))

    assert [
        (row["title"], row["kind"], row["levers"], row["levels"], row["evidence"],
         row["sdg_targets"])
        for row in rows
    ] == [
        ("B", "observation", "legal-framework; finance", "local; national",
         "literature; survey:340", "12.6"),
        ("C", "observation", "networks-and-platforms", "local", "case_studies:9", "11.3"),
    ]  # fmt: skip


# ---------------------------------------------------------------- demo and generated data


def test_the_demo_gives_the_2021_findings_their_claims(demo):
    rrr = Finding.objects.get(slug="rrr-cities-convene-and-connect")
    pl4se = Finding.objects.get(slug="pl4se-legal-entities-and-shared-values")

    assert list(rrr.evidence.values_list("kind", "count")) == [("case_studies", 9)]
    assert list(rrr.levels.values_list("code", flat=True)) == ["local"]
    assert list(pl4se.levers.values_list("slug", flat=True)) == ["legal-framework"]
    assert list(pl4se.levels.values_list("code", flat=True)) == ["national"]
    for finding in Finding.objects.all():
        goals = {target.goal_id for target in finding.sdg_targets.all()}
        assert goals <= set(finding.sdgs.values_list("number", flat=True)), finding.slug
    # Counts only where the programme's facts give them: the nine cities.
    assert set(Evidence.objects.exclude(count=None).values_list("count", flat=True)) == {9}


def test_loading_the_demo_twice_changes_no_claim(demo):
    before = list(Finding.history.model.objects.values_list("pk", flat=True))

    call_command("load_demo", password="demo-password-for-tests", force=True, verbosity=0)

    assert list(Finding.history.model.objects.values_list("pk", flat=True)) == before


def test_generated_findings_carry_claims_of_their_own_goals(db):
    call_command("generate_data", findings=60, events=1, seed=7, verbosity=0)

    findings = Finding.objects.prefetch_related("sdg_targets", "sdgs", "evidence")
    assert findings.exclude(kind="").count() > 30
    assert Evidence.objects.count() > 20
    assert Finding.levels.through.objects.count() >= 60
    for finding in findings:
        goals = {target.goal_id for target in finding.sdg_targets.all()}
        assert goals <= {goal.number for goal in finding.sdgs.all()}
        assert all(item.count is None or item.count >= 1 for item in finding.evidence.all())


def test_the_feeds_follow_the_claim_facets_the_list_shows(client, catalogue):
    followed = page(client, "level=local&kind=observation").context["followed"]

    assert followed.atom_url() == "/en/findings/feed.atom?kind=observation&level=local"
    feed = client.get(followed.atom_url()).content.decode()
    assert "<title>Findings (kind of claim: Observation; level of government: Local)" in feed
    assert sorted(re.findall(r"<entry>\s*<title>(\w)</title>", feed)) == ["B", "C"]


def test_a_curator_saving_targets_in_the_admin_gets_their_goals(client, demo):
    from django.contrib.auth import get_user_model

    from tests.site.admin_forms import change_form_data
    from tests.two_factor import force_login_confirmed

    force_login_confirmed(client, get_user_model().objects.get(username="curator"))
    finding = Finding.objects.get(slug="silk-draft-internationalisation-toolkit")
    url = reverse("admin:findings_finding_change", args=[finding.pk])
    page_ = client.get(url)

    response = client.post(url, change_form_data(page_, sdg_targets=["8.3", "4.4"]))

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert sorted(finding.sdgs.values_list("number", flat=True)) == [4, 8]


def test_a_curator_adds_a_policy_lever_and_a_member_cannot(client, demo):
    from django.contrib.auth import get_user_model

    from tests.two_factor import force_login_confirmed

    add = reverse("admin:findings_policylever_add")
    client.force_login(get_user_model().objects.get(username="member-silk"))
    assert client.post(add, {"name": "Taxation", "slug": "taxation"}).status_code == 302
    assert not PolicyLever.objects.filter(slug="taxation").exists()

    force_login_confirmed(client, get_user_model().objects.get(username="curator"))
    response = client.post(
        add,
        {"name_en": "Taxation", "name_fr": "Fiscalité", "name_es": "Fiscalidad",
         "slug": "taxation", "position": 6},
    )  # fmt: skip

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert PolicyLever.objects.get(slug="taxation").name_fr == "Fiscalité"
