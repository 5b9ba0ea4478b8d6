"""The ``findings`` URL namespace, and the consortia page that findings serves.

The theme and finding pages also show event data, so events serves them
(``events.urls.findings_urlpatterns``); plp_portal/urls.py joins both lists under the one
``findings`` namespace, as it does for ``consortia`` (see consortia/urls.py).
"""

from django.urls import path

from consortia.models import Consortium, Membership, Organisation, Person, Programme
from plp_portal.page_tags import shows

from . import (
    citation_views,
    combined_views,
    compare_views,
    export_views,
    matching,
    output_views,
    views,
)
from .claims import CLAIM_MODELS as CLAIM
from .feeds import LatestFindingsFeed, LatestFindingsRssFeed
from .models import SDG, Finding, OrganisationMatch, Reaction, Theme
from .output_models import Output

# What the comparison pages show.
COMPARED = (Finding, Theme, SDG, Consortium, Reaction, *CLAIM)

# The organisation page: consortia's data, its matches and what their reasons name (themes,
# goals, levers, targets, applied findings; findings never names events: an event renamed shows
# its new title on the pages cached after it).
ORGANISATION_PAGE = (Organisation, Membership, Consortium, Person, OrganisationMatch, Theme, SDG)
ORGANISATION_PAGE += (Finding, *CLAIM)

# What a citation shows: the finding, its consortium and the consortium's programme.
cited_finding = shows(Finding, Consortium, Programme)(citation_views.finding_citation)

# An output's citation shows the output, its authors and its consortium.
cited_output = shows(Output, Consortium, Person, Organisation)(output_views.output_citation)

urlpatterns = [
    path(
        "outputs/",
        shows(Output, Consortium)(output_views.OutputListView.as_view()),
        name="output_list",
    ),
    *(
        path(
            f"outputs/<slug:slug>/cite.{extension}", cited_output, {"file_format": form}, name=name
        )
        for extension, form, name in [
            ("bib", "bibtex", "output_cite_bibtex"),
            ("ris", "ris", "output_cite_ris"),
            ("json", "csl-json", "output_cite_csl"),
        ]
    ),
    path("themes/", shows(Theme, Finding)(views.ThemeListView.as_view()), name="theme_list"),
    path("sdgs/", shows(SDG, Finding)(views.SDGListView.as_view()), name="sdg_list"),
    path(
        "sdgs/<int:number>/",
        shows(SDG, Finding, Theme, Consortium)(views.SDGDetailView.as_view()),
        name="sdg_detail",
    ),
    path(
        "findings/",
        # Reactions: the contested filter and its count.
        shows(Finding, Theme, SDG, Consortium, Reaction, *CLAIM)(views.FindingListView.as_view()),
        name="finding_list",
    ),
    # Compare across consortia (findings.compare): the axes and filters in the query string,
    # part of the page cache's key; the CSV is the same matrix, small and cached alike. The
    # claim's vocabularies are axes; reactions mark the contested cells.
    path(
        "compare/",
        shows(*COMPARED)(compare_views.compare_matrix),
        name="compare",
    ),
    path(
        "compare/matrix.csv",
        shows(*COMPARED)(compare_views.compare_matrix),
        {"file_format": "csv"},
        name="compare_csv",
    ),
    path(
        "compare/<slug:axis>/<str:value>/",
        shows(*COMPARED)(compare_views.compare_side_by_side),
        name="compare_side_by_side",
    ),
    # The list's filters and search in the query string: part of the page cache's key.
    # Reactions: the contested filter (?contested=1).
    path(
        "findings/feed.atom",
        shows(Finding, Consortium, Theme, SDG, Reaction, *CLAIM)(LatestFindingsFeed()),
        name="finding_feed",
    ),
    path(
        "findings/feed.rss",
        shows(Finding, Consortium, Theme, SDG, Reaction, *CLAIM)(LatestFindingsRssFeed()),
        name="finding_feed_rss",
    ),
    # Not cached: downloads of the whole list, streamed (findings.export_views).
    path(
        "findings/export.csv",
        export_views.finding_export,
        {"file_format": "csv"},
        name="finding_export_csv",
    ),
    path(
        "findings/export.jsonl",
        export_views.finding_export,
        {"file_format": "jsonl"},
        name="finding_export_jsonl",
    ),
    # A finding's citation (findings.citation_views), cached like the finding's page.
    path(
        "findings/<slug:slug>/cite.bib",
        cited_finding,
        {"file_format": "bibtex"},
        name="finding_cite_bibtex",
    ),
    path(
        "findings/<slug:slug>/cite.ris",
        cited_finding,
        {"file_format": "ris"},
        name="finding_cite_ris",
    ),
    path(
        "findings/<slug:slug>/cite.json",
        cited_finding,
        {"file_format": "csl-json"},
        name="finding_cite_csl",
    ),
    path(
        "findings/<slug:slug>/attachments/<int:pk>/",
        views.attachment_download,
        name="attachment_download",
    ),
    path(
        "outputs/<slug:slug>/files/<int:pk>/",
        views.output_file_download,
        name="output_file_download",
    ),
]

# Under the consortia namespace: the consortium list counts published findings.
consortia_urlpatterns = [
    path(
        "consortia/",
        shows(Consortium, Membership, Organisation, Finding)(
            combined_views.ConsortiumListView.as_view()
        ),
        name="consortium_list",
    ),
    # consortia's page, with its peer matches (findings.matching): served from here. The
    # matches change with their rebuild (which bumps OrganisationMatch), shared events too.
    path(
        "organisations/<slug:slug>/",
        # Reasons may name what other apps add to matching (events: the events both joined).
        shows(*ORGANISATION_PAGE, *matching.reason_tags())(combined_views.organisation_detail),
        name="organisation_detail",
    ),
]
