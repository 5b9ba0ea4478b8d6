"""Pages of consortia and findings that also show event appearances, so served from events.

A page is assembled in the highest app whose data it shows (consortia <- findings <- events):
these views call the lower apps' selectors, then events' own, and hand the template plain
context variables. plp_portal/urls.py wires them under the lower apps' URL namespaces
(``consortia:consortium_detail``, ``findings:finding_detail`` …), see consortia/urls.py.
"""

import functools

from django.http import Http404
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject

from consortia import charts as consortia_charts
from consortia import linked_data as consortia_linked_data
from consortia import selectors as consortia_selectors
from consortia.models import Consortium, Person
from findings import charts as findings_charts
from findings import citations
from findings import linked_data as findings_linked_data
from findings import selectors as findings_selectors
from findings.models import UNLISTED_COLUMNS, Finding, Theme
from findings.reactions import selectors as reaction_selectors
from plp_portal.fragments import page_fragment

from . import provenance, selectors


def consortium_detail(request, slug):
    try:
        consortium = consortia_selectors.consortium_detail(slug)
    except Consortium.DoesNotExist:
        raise Http404("No consortium with this address.") from None
    return render(
        request,
        "events/consortium_detail.html",
        {
            "consortium": consortium,
            "published_findings": findings_selectors.consortium_findings(consortium),
            "presentations": selectors.consortium_presentations(consortium),
            "sharing_chart": SimpleLazyObject(lambda: consortia_charts.sharing_chart(consortium)),
            "linked_data": consortia_linked_data.consortium_document(
                consortium, request.build_absolute_uri
            ),
        },
    )


def person_detail(request, slug):
    try:
        person = consortia_selectors.person_detail(slug)
    except Person.DoesNotExist:
        raise Http404("No person with this address.") from None
    return render(
        request,
        "events/person_detail.html",
        {
            "person": person,
            "appearances": selectors.person_appearances(person),
            "appearances_limit": selectors.APPEARANCES_LIMIT,
            "linked_data": consortia_linked_data.person_document(
                person, request.build_absolute_uri
            ),
        },
    )


def theme_detail(request, slug):
    try:
        theme = findings_selectors.theme_detail(slug)
    except Theme.DoesNotExist:
        raise Http404("No theme with this address.") from None
    return render(
        request,
        "events/theme_detail.html",
        {
            "theme": theme,
            "theme_findings": findings_selectors.theme_findings_by_consortium(theme),
            "breakouts": selectors.theme_breakouts(theme),
            "consortia_chart": SimpleLazyObject(
                lambda: findings_charts.consortia_on_chart(theme=theme)
            ),
        },
    )


def finding_detail(request, slug):
    """The finding alone is read for every request (its title, and a 404 when it is not
    public); the rest of the page only when its cached fragment is stale."""
    try:
        finding = (
            Finding.objects.public()
            .select_related("consortium")
            .defer(*UNLISTED_COLUMNS)
            .get(slug=slug)
        )
    except Finding.DoesNotExist:
        raise Http404("No published finding with this address.") from None
    whole = functools.cache(lambda: findings_selectors.finding_detail(slug))
    absolute_url = request.build_absolute_uri(finding.get_absolute_url())
    # The style the reader chose in the citation's form (?style=chicago), else the default.
    citation_style = citations.style_key(request.GET.get("style"))
    return render(
        request,
        "events/finding_detail.html",
        {
            "finding": finding,
            "whole_finding": SimpleLazyObject(whole),
            "presentations": SimpleLazyObject(lambda: selectors.finding_presentations(finding)),
            # Provenance and reactions (findings.reactions, events.provenance).
            "key_points": SimpleLazyObject(lambda: provenance.finding_key_points(finding)),
            "uptakes": SimpleLazyObject(lambda: reaction_selectors.public_uptakes(finding)),
            "reactions": SimpleLazyObject(lambda: reaction_selectors.published_reactions(finding)),
            "related_findings": SimpleLazyObject(
                lambda: findings_selectors.related_findings(whole())
            ),
            "absolute_url": absolute_url,
            "linked_data": SimpleLazyObject(
                lambda: findings_linked_data.finding_document(whole(), request.build_absolute_uri)
            ),
            "citation": SimpleLazyObject(
                lambda: citations.rendered(
                    citations.csl_item(whole(), url=absolute_url), citation_style
                )
            ),
            "citation_style": citation_style,
            "citation_styles": citations.STYLES.values(),
            # The citation names the address as asked for: one fragment per host and scheme,
            # and per citation style.
            "fragment": page_fragment(request, absolute_url, citation_style),
        },
    )
