"""Compare across consortia: the matrix's cells and totals against the database, its CSV, its
query budget (cold and cached), its figures after a finding or a reaction is published, and
bad axes answered 400."""

import csv
import io
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from findings import compare
from findings.enums import FindingStatus
from findings.models import Finding, GovernmentLevel, PolicyLever
from findings.reactions import services as reaction_services
from findings.reactions.enums import ReactionKind
from findings.services import finding_publish
from tests.factories import (
    ConsortiumFactory,
    FindingFactory,
    PublishedFindingFactory,
    ThemeFactory,
    sdg,
)


@pytest.fixture(autouse=True)
def rendered_pages(settings):
    settings.PLP_PAGE_CACHE = False


@pytest.fixture
def world(db):
    silk = ConsortiumFactory(slug="silk", short_name="SILK")
    rrr = ConsortiumFactory(slug="rrr", short_name="RRR")
    legal = ThemeFactory(slug="legal", name="Legal frameworks")
    ecosystems = ThemeFactory(slug="ecosystems", name="Local ecosystems")
    PublishedFindingFactory(
        consortium=silk, title="Laws in Spain", themes=[legal], sdgs=[sdg(8)], countries=["ES"]
    )
    PublishedFindingFactory(
        consortium=silk,
        title="Laws and places",
        themes=[legal, ecosystems],
        sdgs=[sdg(8), sdg(11)],
        countries=["ES", "FR"],
    )
    PublishedFindingFactory(
        consortium=rrr, title="Ecosystems in France", themes=[ecosystems], countries=["FR"]
    )
    PublishedFindingFactory(consortium=rrr, title="Without theme", countries=["BE"])
    FindingFactory(consortium=rrr, title="Secret draft", themes=[legal], status=FindingStatus.DRAFT)
    return {"silk": silk, "rrr": rrr, "legal": legal, "ecosystems": ecosystems}


def expected_count(**lookups) -> int:
    return Finding.objects.published().filter(**lookups).distinct().count()


def test_matrix_cells_and_totals_match_the_database(world):
    matrix = compare.compare_matrix(compare.AXES["theme"], compare.AXES["consortium"])
    assert [v.label for v in matrix.row_values] == ["Legal frameworks", "Local ecosystems"]
    assert [v.label for v in matrix.col_values] == ["RRR", "SILK"]
    for row in matrix.row_values:
        for col in matrix.col_values:
            assert matrix.cell(row, col).count == expected_count(themes=row.key, consortium=col.key)
        assert matrix.row_totals[row.key] == expected_count(themes=row.key)
    for col in matrix.col_values:
        assert matrix.col_totals[col.key] == expected_count(
            consortium=col.key, themes__isnull=False
        )
    assert matrix.total == expected_count(themes__isnull=False) == 3
    legal, silk = world["legal"], world["silk"]
    assert matrix.cells[(str(legal.pk), str(silk.pk))].count == 2
    assert (str(legal.pk), str(world["rrr"].pk)) not in matrix.cells  # the draft counts nowhere


def test_countries_by_theme_counts_a_finding_in_each_of_its_countries(world):
    matrix = compare.compare_matrix(compare.AXES["country"], compare.AXES["theme"])
    assert [v.key for v in matrix.row_values] == ["FR", "ES"]  # by name: France, Spain
    legal, eco = str(world["legal"].pk), str(world["ecosystems"].pk)
    assert {key: cell.count for key, cell in matrix.cells.items()} == {
        ("ES", legal): 2,
        ("FR", legal): 1,
        ("ES", eco): 1,
        ("FR", eco): 2,
    }
    assert dict(matrix.row_totals) == {"ES": 2, "FR": 2}
    assert dict(matrix.col_totals) == {legal: 2, eco: 2}
    assert matrix.total == 3  # Belgium's finding has no theme


def test_page_shows_cells_titles_totals_and_links(client, world):
    response = client.get(reverse("findings:compare") + "?rows=theme")
    assert response.status_code == 200
    table = response.context["table"]
    legal_row = table[0]
    assert legal_row["value"].label == "Legal frameworks"
    assert [item["cell"].count for item in legal_row["cells"]] == [0, 2]
    silk_cell = legal_row["cells"][1]
    assert silk_cell["cell"].titles == [
        ("Laws and places", Finding.objects.get(title="Laws and places").slug),
        ("Laws in Spain", Finding.objects.get(title="Laws in Spain").slug),
    ] or sorted(silk_cell["cell"].titles) == sorted(
        (f.title, f.slug) for f in Finding.objects.filter(title__startswith="Laws")
    )
    assert parse_qs(urlsplit(silk_cell["link"]).query) == {
        "theme": ["legal"],
        "consortium": ["silk"],
    }
    listed = client.get(silk_cell["link"])
    assert listed.context["paginator"].count == 2
    assert [row["total"] for row in table] == [2, 2]
    assert [col["total"] for col in response.context["column_totals"]] == [1, 2]
    html = response.content.decode()
    assert '<th scope="row">' in html
    assert '2<span class="visually-hidden"> findings</span>' in html
    assert "Secret draft" not in html


def test_facet_filters_narrow_the_matrix_and_stay_in_its_links(client, world):
    response = client.get(reverse("findings:compare") + "?rows=theme&cols=consortium&sdg=11")
    matrix = response.context["matrix"]
    assert matrix.total == expected_count(sdgs=11) == 1
    row = response.context["table"][0]
    link = [item["link"] for item in row["cells"] if item["cell"].count][0]
    assert parse_qs(urlsplit(link).query) == {
        "sdg": ["11"],
        "theme": [row["value"].param],
        "consortium": ["silk"],
    }


def test_selected_values_of_an_axis_keep_its_rows_to_them(client, world):
    response = client.get(reverse("findings:compare") + "?rows=theme&theme=legal")
    assert [row["value"].param for row in response.context["table"]] == ["legal"]
    assert response.context["table"][0]["total"] == expected_count(themes=world["legal"]) == 2


def test_csv_export_is_the_matrix(client, world):
    response = client.get(reverse("findings:compare_csv") + "?rows=theme&cols=consortium")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert list(csv.reader(io.StringIO(response.content.decode()))) == [
        ["Theme", "RRR", "SILK", "Total"],
        ["Legal frameworks", "0", "2", "2"],
        ["Local ecosystems", "1", "1", "2"],
        ["Total", "1", "2", "3"],
    ]


@pytest.mark.parametrize(
    "query, message",
    [
        ("?rows=colour", "There is no axis “colour” for the rows."),
        ("?rows=theme&cols=mood", "There is no axis “mood” for the columns."),
        ("?rows=theme&cols=theme", "Rows and columns need two different axes."),
        ("?theme=no-such-theme", "Some filters in the address are not valid."),
    ],
)
def test_bad_axis_or_filter_answers_400_with_a_message(client, world, query, message):
    response = client.get(reverse("findings:compare") + query)
    assert response.status_code == 400
    assert message in response.content.decode()
    download = client.get(reverse("findings:compare_csv") + query)
    assert download.status_code == 400
    assert download.content.decode().splitlines()[0] == message


def test_side_by_side_lists_each_consortiums_findings(client, world):
    response = client.get(reverse("findings:compare_side_by_side", args=["theme", "legal"]))
    assert response.status_code == 200
    groups = response.context["groups"]
    assert [(g.consortium.short_name, g.latest.total) for g in groups.groups] == [("SILK", 2)]
    assert groups.total == 2
    assert (
        client.get(
            reverse("findings:compare_side_by_side", args=["consortium", "silk"])
        ).status_code
        == 404
    )
    assert (
        client.get(reverse("findings:compare_side_by_side", args=["theme", "nothing"])).status_code
        == 404
    )


def build(count: int):
    consortia = [ConsortiumFactory() for _ in range(3)]
    themes = [ThemeFactory() for _ in range(3)]
    levers = list(PolicyLever.objects.order_by("pk")[:2])
    levels = list(GovernmentLevel.objects.order_by("pk")[:3])
    for number in range(count):
        finding = PublishedFindingFactory(
            consortium=consortia[number % 3],
            themes=[themes[number % 3], themes[(number + 1) % 3]],
            sdgs=[sdg(1 + number % 5)],
            countries=["ES", "FR"][: 1 + number % 2],
        )
        finding.levers.set([levers[number % 2]])
        finding.levels.set([levels[number % 3]])


def shown(response) -> list:
    """What the page shows of its matrix: each row's value, cells and total."""
    return [
        (row["value"], [item["cell"] for item in row["cells"]], row["total"])
        for row in response.context["table"]
    ]


@pytest.mark.parametrize(
    "query, budget, cached_budget",
    [
        # Cold: the grouped count, the titles (a small matrix), the contested findings per
        # cell, the row and the column names. Cached: the names only.
        ("?rows=theme&cols=consortium", 5, 2),
        ("?rows=sdg&cols=country", 5, 1),  # countries are named without a query
        ("?rows=lever&cols=level", 5, 2),
        # And the selected values checked by the filters (no finding is contested: the
        # matrix is empty, nothing to name).
        ("?rows=country&cols=consortium&sdg=1&theme=theme-0&contested=1", 7, 4),
    ],
)
def test_matrix_query_budget_holds_from_5_to_50_findings(
    client,
    db,
    django_assert_max_num_queries,
    django_assert_num_queries,
    query,
    budget,
    cached_budget,
):
    ThemeFactory(slug="theme-0")
    for count in (5, 45):
        build(count)
        cache.clear()
        with django_assert_max_num_queries(budget):
            response = client.get(reverse("findings:compare") + query)
        assert response.status_code == 200
        with django_assert_num_queries(cached_budget):
            again = client.get(reverse("findings:compare") + query)
        assert shown(again) == shown(response)


def counting_queries(queries) -> list[str]:
    """The queries that read the findings' (finding, row, column) triples."""
    return [query["sql"] for query in queries if "triples" in query["sql"]]


def test_a_second_request_and_the_csv_count_nothing_again(client, world):
    url = reverse("findings:compare") + "?rows=theme&cols=consortium"
    with CaptureQueriesContext(connection) as cold:
        first = client.get(url)
    assert len(counting_queries(cold)) == 3  # the counts, the titles, the contested cells
    with CaptureQueriesContext(connection) as cached:
        second = client.get(url)
        download = client.get(reverse("findings:compare_csv") + "?rows=theme&cols=consortium")
    assert counting_queries(cached) == []
    assert shown(second) == shown(first)
    assert download.content.decode().splitlines()[1:3] == [
        "Legal frameworks,0,2,2",
        "Local ecosystems,1,1,2",
    ]
    # The same selection with its values in another order is the same entry.
    both = client.get(url + "&theme=legal&theme=ecosystems")
    with CaptureQueriesContext(connection) as reordered:
        again = client.get(url + "&theme=ecosystems&theme=legal")
    assert counting_queries(reordered) == []
    assert shown(again) == shown(both) == shown(first)


def test_side_by_side_reads_the_counts_of_the_table_it_links_to(client, world):
    side = client.get(reverse("findings:compare_side_by_side", args=["theme", "legal"]))
    with CaptureQueriesContext(connection) as queries:
        table = client.get(side.context["matrix_link"])
    # The counts (with the titles) were cached by the side by side: only the contested cells
    # are read.
    (counting,) = counting_queries(queries)
    assert "findings_reaction" in counting
    legal, silk = str(world["legal"].pk), str(world["silk"].pk)
    assert table.context["matrix"].cells[(legal, silk)].count == side.context["groups"].total == 2


def test_filters_never_share_the_counts_of_another_selection(client, world):
    url = reverse("findings:compare") + "?rows=theme&cols=consortium"
    assert client.get(url).context["matrix"].total == 3
    assert client.get(url + "&sdg=11").context["matrix"].total == expected_count(sdgs=11) == 1
    assert client.get(url + "&country=BE").context["matrix"].total == 0
    assert client.get(url + "&consortium=rrr").context["matrix"].total == 1
    assert client.get(url).context["matrix"].total == 3


def test_a_published_finding_is_counted_on_the_next_request(
    client, world, curator, django_capture_on_commit_callbacks
):
    url = reverse("findings:compare") + "?rows=theme&cols=consortium"
    legal, silk = str(world["legal"].pk), str(world["silk"].pk)
    side_url = reverse("findings:compare_side_by_side", args=["theme", "legal"])
    before = client.get(url).context["matrix"]
    side_before = client.get(side_url).context["groups"]
    submitted = FindingFactory(
        consortium=world["silk"],
        title="Laws in France",
        themes=[world["legal"]],
        countries=["FR"],
        status=FindingStatus.SUBMITTED,
    )

    with django_capture_on_commit_callbacks(execute=True):
        finding_publish(finding=submitted, user=curator, comment="")

    after = client.get(url).context["matrix"]
    assert (before.cells[(legal, silk)].count, after.cells[(legal, silk)].count) == (2, 3)
    assert (before.row_totals[legal], after.row_totals[legal]) == (2, 3)
    assert (before.total, after.total) == (3, 4) == (3, expected_count(themes__isnull=False))
    assert ("Laws in France", submitted.slug) in after.cells[(legal, silk)].titles
    csv_rows = client.get(reverse("findings:compare_csv") + "?rows=theme&cols=consortium")
    assert "Legal frameworks,0,3,3" in csv_rows.content.decode().splitlines()
    side_after = client.get(side_url).context["groups"]
    assert (side_before.total, side_after.total) == (2, 3)
    assert [f.title for f in side_after.groups[0].latest.findings] == [
        f.title
        for f in Finding.objects.published()
        .filter(consortium=world["silk"], themes=world["legal"])
        .order_by("-published_at", "title")
    ]
    assert "Laws in France" in [f.title for f in side_after.groups[0].latest.findings]


@pytest.fixture
def contested_world(finding_a):
    finding_a.themes.add(ThemeFactory(slug="legal", name="Legal frameworks"))
    return finding_a


def test_a_published_or_taken_down_otherwise_reaction_marks_the_next_request(
    client,
    contested_world,
    react,
    publish_reaction,
    curator,
    django_capture_on_commit_callbacks,
):
    url = reverse("findings:compare") + "?rows=theme&cols=consortium"
    legal, silk = str(contested_world.themes.get().pk), str(contested_world.consortium_id)

    def cell():
        return client.get(url).context["matrix"].cells[(legal, silk)]

    assert (cell().count, cell().contested) == (1, 0)
    reaction = react(ReactionKind.OTHERWISE, finding=contested_world)
    assert cell().contested == 0  # submitted: not yet

    with django_capture_on_commit_callbacks(execute=True):
        publish_reaction(reaction)
    with CaptureQueriesContext(connection) as queries:
        published = cell()
    assert (published.count, published.contested) == (1, 1)
    # The counts stay cached (a reaction changes no count): only the marks are read again.
    (recounted,) = counting_queries(queries)
    assert "findings_reaction" in recounted

    with django_capture_on_commit_callbacks(execute=True):
        reaction_services.reaction_reject(reaction=reaction, user=curator, comment="Off topic.")
    assert (cell().count, cell().contested) == (1, 0)


def test_levers_by_level_and_contested_cells(client, world):
    from findings.models import GovernmentLevel, PolicyLever
    from findings.reactions.models import Reaction
    from tests.factories import OrganisationFactory

    procurement = PolicyLever.objects.get(slug="public-procurement")
    local, national = (GovernmentLevel.objects.get(code=c) for c in ("local", "national"))
    laws, places = (
        Finding.objects.get(title="Laws in Spain"),
        Finding.objects.get(title="Laws and places"),
    )
    laws.levers.set([procurement])
    laws.levels.set([local, national])
    places.levers.set([procurement])
    places.levels.set([local])
    Reaction.objects.create(
        finding=places,
        organisation=OrganisationFactory(),
        kind="otherwise",
        evidence="Not in our city.",
        status="published",
    )
    Reaction.objects.create(  # waiting for review: no mark
        finding=laws, organisation=OrganisationFactory(), kind="otherwise", evidence="No."
    )
    response = client.get(reverse("findings:compare"))  # levers by consortium by default
    assert response.context["matrix"].rows.name == "lever"
    response = client.get(reverse("findings:compare") + "?rows=lever&cols=level")
    matrix = response.context["matrix"]
    assert [v.label for v in matrix.col_values] == ["Local", "National"]
    cells = {
        (row["value"].label, item["value"].label): (item["cell"].count, item["cell"].contested)
        for row in response.context["table"]
        for item in row["cells"]
    }
    assert cells == {
        ("Public procurement", "Local"): (2, 1),
        ("Public procurement", "National"): (1, 0),
    }
    html = response.content.decode()
    assert "1 contested</a>" in html
    french = client.get("/fr/compare/?rows=lever&cols=level").content.decode()
    assert "1 contesté</a>" in french
    contested_link = response.context["table"][0]["cells"][0]["contested_link"]
    assert parse_qs(urlsplit(contested_link).query) == {
        "lever": ["public-procurement"],
        "level": ["local"],
        "contested": ["1"],
    }
    assert client.get(contested_link).context["paginator"].count == 1
    only = client.get(reverse("findings:compare") + "?rows=lever&cols=level&contested=1")
    assert only.context["matrix"].total == 1


def test_cells_say_their_numbers_in_the_readers_language(client, world):
    english = client.get(reverse("findings:compare") + "?rows=theme").content.decode()
    french = client.get("/fr/compare/?rows=theme").content.decode()
    assert '2<span class="visually-hidden"> findings</span>' in english
    assert '1<span class="visually-hidden"> finding</span>' in english
    assert '2<span class="visually-hidden"> constats</span>' in french
    assert '1<span class="visually-hidden"> constat</span>' in french
