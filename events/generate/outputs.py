"""Generated outputs: a few per consortium (reports, white papers, datasets …), most of them
published, written by the consortium's people, with some of its published findings resting on
each. Bulk inserts, as the findings'."""

import datetime as dt

from django.utils import timezone

from findings.enums import FindingStatus
from findings.output_enums import Licence, OutputType
from findings.output_models import Output

from .bulk import dates_as_given, insert
from .directory import Directory
from .findings import PublishedFindings
from .plan import rng_for

#: At most this many outputs per consortium.
MAX_PER_CONSORTIUM = 4
LICENCES = [value for value in Licence.values]
TITLES = {
    OutputType.REPORT: "Annual report",
    OutputType.WHITE_PAPER: "White paper",
    OutputType.TOOLKIT: "Toolkit",
    OutputType.POLICY_BRIEF: "Policy brief",
    OutputType.DATASET: "Survey data",
    OutputType.RECORDING: "Recording of the closing webinar",
}


def insert_outputs(*, seed: int, directory: Directory, published: PublishedFindings) -> int:
    """Insert the outputs of every consortium; returns how many."""
    outputs, authors, findings = [], [], []
    for position, facts in enumerate(directory.consortia):
        # By position, not primary key: the same outputs whatever the database's sequences.
        rng = rng_for(seed, "outputs", position)
        for number in range(rng.randint(0, MAX_PER_CONSORTIUM)):
            output_type = rng.choice(OutputType.values)
            day = facts.start + dt.timedelta(days=rng.randint(0, (facts.end - facts.start).days))
            status = FindingStatus.PUBLISHED if rng.random() < 0.8 else FindingStatus.DRAFT
            stamp = timezone.make_aware(dt.datetime.combine(day, dt.time(12)), dt.UTC)
            outputs.append(
                Output(
                    consortium_id=facts.pk,
                    output_type=output_type,
                    title=f"{facts.short_name}: {TITLES[output_type]} {number + 1}",
                    slug=f"output-{position + 1}-{number + 1}",
                    summary=f"What {facts.short_name} learnt, written up for others to use.",
                    date=day,
                    language=rng.choice(["en", "en", "fr", "es"]),
                    licence=rng.choice(LICENCES),
                    status=status,
                    created_at=stamp,
                    updated_at=stamp,
                    published_at=stamp if status == FindingStatus.PUBLISHED else None,
                )
            )
            authors.append(rng.sample(facts.people, min(len(facts.people), rng.randint(0, 2))))
            pool = [pk for _at, pk in published.get(facts.pk, [])]
            findings.append(rng.sample(pool, min(len(pool), rng.randint(0, 3))))
    timestamps = [Output._meta.get_field(name) for name in ("created_at", "updated_at")]
    with dates_as_given(*timestamps):
        rows = insert(Output, outputs)
    insert(
        Output.people.through,
        [
            Output.people.through(output_id=row.pk, person_id=person)
            for row, people in zip(rows, authors, strict=True)
            for person in people
        ],
    )
    insert(
        Output.findings.through,
        [
            Output.findings.through(output_id=row.pk, finding_id=finding)
            for row, chosen in zip(rows, findings, strict=True)
            for finding in chosen
        ],
    )
    return len(rows)
