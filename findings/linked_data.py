"""schema.org JSON-LD for a finding's page (a Report), and the nodes other documents name
findings, themes and SDGs by.

Built from findings.selectors.finding_detail's finding (themes, SDGs, sources and attachments
prefetched): only a public finding, published or withdrawn, ever reaches these functions, and
an event names only the published findings its programme selector read.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from consortia.linked_data import consortium_node
from plp_portal.linked_data import Absolute, compact, document, preview_image_url

from .enums import FindingStatus
from .models import SDG, Finding, SDGTarget, Theme, doi_url

# The UN's list of the 17 goals, the set an SDG's term belongs to.
SDG_TERM_SET = "https://sdgs.un.org/goals"
# Google shows a headline of at most this many characters; a longer title is the name only.
HEADLINE_MAX_LENGTH = 110


def theme_term(theme: Theme, absolute: Absolute) -> dict:
    return {
        "@type": "DefinedTerm",
        "name": theme.name,
        "url": absolute(theme.get_absolute_url()),
        "inDefinedTermSet": absolute(reverse("findings:theme_list")),
    }


def sdg_term(goal: SDG, absolute: Absolute) -> dict:
    return {
        "@type": "DefinedTerm",
        "name": _("SDG %(number)s: %(name)s") % {"number": goal.number, "name": goal.short_name},
        "termCode": str(goal.number),
        "url": absolute(goal.get_absolute_url()),
        "inDefinedTermSet": SDG_TERM_SET,
    }


def sdg_target_term(target: SDGTarget) -> dict:
    return {
        "@type": "DefinedTerm",
        "name": _("SDG target %(code)s: %(text)s") % {"code": target.code, "text": target.text},
        "termCode": target.code,
        "inDefinedTermSet": SDG_TERM_SET,
    }


def claim_keywords(finding: Finding) -> list[str]:
    """The claim's kind, policy levers and levels of government, as keywords."""
    kind = [str(finding.get_kind_display())] if finding.kind else []
    return [
        *kind,
        *(lever.name for lever in finding.levers.all()),
        *(str(level) for level in finding.levels.all()),
    ]


def finding_node(finding: Finding, absolute: Absolute) -> dict:
    """A finding as named on another page (presented at an event)."""
    return {
        "@type": "Report",
        "name": finding.title,
        "url": absolute(finding.get_absolute_url()),
    }


def finding_document(finding: Finding, absolute: Absolute) -> dict:
    """A finding's page: what it says, who wrote it (its consortium), when it was published,
    and what it is about (its themes and SDGs)."""
    withdrawn = finding.status == FindingStatus.WITHDRAWN
    return document(
        compact(
            {
                **finding_node(finding, absolute),
                "headline": finding.title if len(finding.title) <= HEADLINE_MAX_LENGTH else None,
                "description": finding.summary,
                "author": consortium_node(finding.consortium, absolute),
                "datePublished": finding.published_at,
                "dateModified": finding.updated_at,
                "about": [theme_term(theme, absolute) for theme in finding.themes.all()]
                + [sdg_term(goal, absolute) for goal in finding.sdgs.all()]
                + [sdg_target_term(target) for target in finding.sdg_targets.all()],
                "keywords": claim_keywords(finding),
                "identifier": doi_url(finding.doi) if finding.doi else None,
                "sameAs": doi_url(finding.doi) if finding.doi else None,
                "creativeWorkStatus": "Withdrawn" if withdrawn else "Published",
                "isAccessibleForFree": True,
                "license": settings.PLP_DATA_LICENCE_URL,
                "image": preview_image_url(absolute),
                "citation": [
                    {"@type": "CreativeWork", "name": source.label, "url": source.url}
                    for source in finding.sources.all()
                ],
                "associatedMedia": [
                    {
                        "@type": "MediaObject",
                        "name": attachment.title,
                        "contentUrl": absolute(attachment.get_absolute_url()),
                        "encodingFormat": attachment.content_type,
                    }
                    for attachment in finding.attachments.all()
                ],
            }
        )
    )
