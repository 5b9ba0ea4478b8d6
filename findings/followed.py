"""What a findings feed follows: a selection of the findings list's filters and search.

The feeds (findings.feeds), their autodiscovery links and the pages' "Follow" links
(findings.templatetags.feed_tags) name a selection the same way, in the reader's language,
and link to its feeds with one canonical query string: the valid filters only, each facet's
values sorted, so the list's page number, sort or a stray parameter never gives a feed a
second address (or a second cached copy).
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django_countries import countries

from consortia.models import Consortium

from .enums import ClaimKind, EvidenceKind, GovernmentLevelCode
from .models import SDG, Theme


def _goal(sdg: SDG) -> str:
    return _("SDG %(number)s: %(name)s") % {"number": sdg.number, "name": sdg.short_name}


#: The claim's facets: a feed of one of them is titled with its label, not a sentence.
CLAIM_FACETS = ("kind", "lever", "level", "evidence", "sdg_target")


@dataclass(frozen=True)
class FollowedFindings:
    """Published findings on any of `themes`, and of any of `sdgs`, ... (facets combine with
    AND, a facet's values with OR, as on the list), matching `query` if there is one."""

    themes: tuple[Theme, ...] = ()
    sdgs: tuple[SDG, ...] = ()
    consortia: tuple[Consortium, ...] = ()
    countries: tuple[str, ...] = ()  # ISO 3166-1 alpha-2 codes
    years: tuple[int, ...] = ()
    query: str = ""
    # The structured claim's facets (findings.claims): kinds, levels and evidence as their
    # codes, levers and SDG targets as objects.
    kinds: tuple[str, ...] = ()
    levers: tuple = ()
    levels: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    sdg_targets: tuple = ()
    # Only findings another consortium's organisation found otherwise (``?contested=1``).
    contested: bool = False

    @classmethod
    def from_filters(cls, cleaned: dict) -> "FollowedFindings":
        """The selection of a validated ``FindingListFilter``'s ``cleaned_data`` (its
        invalid fields left out, as the list leaves them out)."""
        return cls(
            themes=tuple(sorted(cleaned.get("theme") or (), key=lambda theme: theme.slug)),
            sdgs=tuple(sorted(cleaned.get("sdg") or (), key=lambda sdg: sdg.number)),
            consortia=tuple(sorted(cleaned.get("consortium") or (), key=lambda c: c.slug)),
            countries=tuple(sorted(set(cleaned.get("country") or ()))),
            years=tuple(sorted(set(cleaned.get("year") or ()))),
            query=(cleaned.get("q") or "").strip(),
            kinds=tuple(sorted(set(cleaned.get("kind") or ()))),
            levers=tuple(sorted(cleaned.get("lever") or (), key=lambda lever: lever.slug)),
            levels=tuple(sorted(set(cleaned.get("level") or ()))),
            evidence=tuple(sorted(set(cleaned.get("evidence") or ()))),
            sdg_targets=tuple(sorted(cleaned.get("sdg_target") or (), key=lambda t: t.code)),
            contested=bool(cleaned.get("contested")),
        )

    @property
    def is_everything(self) -> bool:
        return (
            not (
                self.themes
                or self.sdgs
                or self.consortia
                or self.countries
                or self.years
                or self.query
                or self.contested
            )
            and not self._claim_selected()
        )

    def _claim_selected(self) -> bool:
        return bool(self.kinds or self.levers or self.levels or self.evidence or self.sdg_targets)

    def params(self) -> list[tuple[str, str]]:
        """The findings list's query parameters that select these findings."""
        return [
            *(("theme", theme.slug) for theme in self.themes),
            *(("sdg", str(sdg.number)) for sdg in self.sdgs),
            *(("consortium", consortium.slug) for consortium in self.consortia),
            *(("country", code) for code in self.countries),
            *(("year", str(year)) for year in self.years),
            *(("kind", kind) for kind in self.kinds),
            *(("lever", lever.slug) for lever in self.levers),
            *(("level", level) for level in self.levels),
            *(("evidence", kind) for kind in self.evidence),
            *(("sdg_target", target.code) for target in self.sdg_targets),
            *((("contested", "1"),) if self.contested else ()),
            *((("q", self.query),) if self.query else ()),
        ]

    def query_string(self) -> str:
        params = self.params()
        return f"?{urlencode(params)}" if params else ""

    def list_url(self) -> str:
        return reverse("findings:finding_list") + self.query_string()

    def atom_url(self) -> str:
        return reverse("findings:finding_feed") + self.query_string()

    def rss_url(self) -> str:
        return reverse("findings:finding_feed_rss") + self.query_string()

    def name(self) -> str:
        """What is followed, as a title: "Findings on Legal frameworks" ("Findings on Legal
        frameworks (contested)" with ``?contested=1``)."""
        name = self._uncontested_name()
        if not self.contested:
            return name
        if not self._values() and not self.query.replace('"', ""):
            return _("Contested findings")
        return _("%(findings)s (contested)") % {"findings": name}

    def _uncontested_name(self) -> str:
        values = self._values()
        query = self.query.replace('"', "")
        if not values and not query:
            return _("Latest findings")
        if not values:
            return _("Findings matching “%(query)s”") % {"query": query}
        if len(values) == 1 and not query:
            [(facet, names)] = values.items()
            return self._one_facet(facet, get_text_list(names))
        filters = "; ".join(self._facet_label(facet, names) for facet, names in values.items())
        if query:
            return _("Findings matching “%(query)s” (%(filters)s)") % {
                "query": query,
                "filters": filters,
            }
        return _("Findings (%(filters)s)") % {"filters": filters}

    def feed_title(self) -> str:
        if self.is_everything:
            return _("%(site)s: latest findings") % {"site": settings.SITE_NAME}
        return f"{self.name()} · {settings.SITE_NAME}"

    def _values(self) -> dict[str, list[str]]:
        values = {
            "theme": [theme.name for theme in self.themes],
            "sdg": [_goal(sdg) for sdg in self.sdgs],
            "consortium": [consortium.short_name for consortium in self.consortia],
            "country": [str(countries.name(code)) or code for code in self.countries],
            "year": [str(year) for year in self.years],
            "kind": [str(ClaimKind(kind).label) for kind in self.kinds],
            "lever": [lever.name for lever in self.levers],
            "level": [str(GovernmentLevelCode(level).label) for level in self.levels],
            "evidence": [str(EvidenceKind(kind).label) for kind in self.evidence],
            "sdg_target": [target.code for target in self.sdg_targets],
        }
        return {facet: names for facet, names in values.items() if names}

    @classmethod
    def _one_facet(cls, facet: str, names: str) -> str:
        if facet in CLAIM_FACETS:
            return _("Findings (%(filters)s)") % {"filters": cls._facet_label(facet, [names])}
        sentences = {
            "theme": _("Findings on %(themes)s"),
            "sdg": _("Findings on %(goals)s"),
            "consortium": _("Findings of %(consortia)s"),
            "country": _("Findings drawing on %(countries)s"),
            "year": _("Findings published in %(years)s"),
        }
        placeholder = {
            "theme": "themes",
            "sdg": "goals",
            "consortium": "consortia",
            "country": "countries",
            "year": "years",
        }
        return sentences[facet] % {placeholder[facet]: names}

    @staticmethod
    def _facet_label(facet: str, names: list[str]) -> str:
        labels = {
            "theme": _("theme: %(values)s"),
            "sdg": _("SDG: %(values)s"),
            "consortium": _("consortium: %(values)s"),
            "country": _("country: %(values)s"),
            "year": _("year: %(values)s"),
            "kind": _("kind of claim: %(values)s"),
            "lever": _("policy lever: %(values)s"),
            "level": _("level of government: %(values)s"),
            "evidence": _("evidence: %(values)s"),
            "sdg_target": _("SDG target: %(values)s"),
        }
        return labels[facet] % {"values": get_text_list(names)}
