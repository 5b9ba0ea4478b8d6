"""Grow the demo data for benchmarks: copies of every published finding, links included."""

from django.db import transaction

from findings.models import Finding


@transaction.atomic
def add_findings(*, copies: int) -> int:
    originals = list(Finding.objects.published().prefetch_related("themes", "sdgs"))
    created = 0
    for number in range(1, copies + 1):
        for original in originals:
            copy = Finding.objects.create(
                consortium_id=original.consortium_id,
                title=f"{original.title} ({number})",
                slug=f"{original.slug}-copy-{number}",
                summary=original.summary,
                body=original.body,
                countries=original.countries,
                status=original.status,
                published_at=original.published_at,
            )
            copy.themes.set(original.themes.all())
            copy.sdgs.set(original.sdgs.all())
            created += 1
    return created
