"""The demo's outputs: only what the programme's materials say was published.

The facts (docs: /work/shared/domain.md) name one kind of output: the Social Value
consortium "published white papers". They give no titles, dates, authors, languages,
licences, links or DOIs, and no event where they were launched. So the demo records exactly
one output, a plain description of that body of work, with every unknown left empty: no
invented title, date, link or DOI, no author beyond the consortium, no launch event. The
final event's own report is the event's (events.report), not an Output.

The two Social Value findings say the consortium "published its work as white papers": they
rest on this record, so each names it.
"""

from findings.models import Finding
from findings.output_models import Output

from . import loader  # the module: loader imports this one
from .programme import PUBLISHED_AT

SOCIAL_VALUE_WHITE_PAPERS = {
    "slug": "social-value-consortium-white-papers",
    "consortium": "social-value",
    "output_type": "white_paper",
    "title": "Social Value consortium white papers",
    "summary": (
        "The Social Value consortium published its work on impact measurement and management "
        "through stakeholder engagement as white papers. The programme's materials do not give "
        "their titles, dates or addresses."
    ),
    # Nobody said which language, licence or date: left empty.
    "language": "",
    "licence": "",
    "findings": [
        "social-value-meaningful-stakeholder-engagement",
        "social-value-capacity-and-policy",
    ],
}


def load_outputs(consortia: dict) -> list[Output]:
    """Record the outputs the facts name (published, as the findings that mention them)."""
    spec = SOCIAL_VALUE_WHITE_PAPERS
    output = loader.upsert(
        Output,
        {"slug": spec["slug"]},
        {
            "consortium": consortia[spec["consortium"]],
            "output_type": spec["output_type"],
            "title": spec["title"],
            "summary": spec["summary"],
            "language": spec["language"],
            "licence": spec["licence"],
        },
        create_only={"status": "published", "published_at": PUBLISHED_AT},
    )
    loader.set_if_changed(output.findings, list(Finding.objects.filter(slug__in=spec["findings"])))
    return [output]
