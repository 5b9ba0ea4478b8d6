"""The public pages `load_demo` points a newcomer to: one of each thing the demo shows."""

from django.urls import reverse
from django.utils import translation

from .outputs import SOCIAL_VALUE_WHITE_PAPERS

#: A finding the event tied to the EU action plan, endorsed by another consortium's partner.
TRAIL_FINDING = "sim-sdgs-as-impact-measurement-tool"
#: An organisation whose demo matches have reasons to show.
MATCHED_ORGANISATION = "french-impact"


def public_tour(event) -> list[tuple[str, str]]:
    """(what it is, its path) in English, the demo's language."""
    with translation.override("en"):
        return [
            ("the final event, its sessions and report", event.get_absolute_url()),
            ("the findings, with facets", reverse("findings:finding_list")),
            ("compare findings across consortia", reverse("findings:compare")),
            (
                "an output and the findings drawn from it",
                reverse("findings:output_detail", args=[SOCIAL_VALUE_WHITE_PAPERS["slug"]]),
            ),
            (
                "a finding's trail: where it came from and went",
                reverse("findings:finding_trail", args=[TRAIL_FINDING]),
            ),
            (
                "organisations to talk to",
                reverse("consortia:organisation_detail", args=[MATCHED_ORGANISATION]),
            ),
        ]
