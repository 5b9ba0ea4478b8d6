"""Recompute every organisation's peer matches (findings.matching), e.g. after loading data
or nightly: publishing and withdrawing a finding keep its consortium's matches current, but
event participation and membership changes are counted at the next full rebuild."""

from django.core.management.base import BaseCommand

from findings import matching


class Command(BaseCommand):
    help = (
        "Recompute the peer matches of every organisation (or of --organisation SLUG ...) from "
        "the published findings of their consortia and the published events their people took "
        "part in; prints counts, rate and time left."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--organisation",
            action="append",
            default=[],
            metavar="SLUG",
            help="Only this organisation's matches (repeat for several).",
        )
        parser.add_argument("--quiet", action="store_true", help="Print nothing.")

    def handle(self, *args, organisation, quiet, **options):
        from consortia.models import Organisation

        ids = None
        if organisation:
            ids = list(
                Organisation.objects.filter(slug__in=organisation).values_list("pk", flat=True)
            )
            if len(ids) != len(set(organisation)):
                known = set(
                    Organisation.objects.filter(slug__in=organisation).values_list(
                        "slug", flat=True
                    )
                )
                missing = ", ".join(sorted(set(organisation) - known))
                self.stderr.write(f"No organisation with the slug: {missing}")
                raise SystemExit(2)
        write = None if quiet else self.stdout.write
        stored = matching.rebuild(organisations=ids, write=write)
        if not quiet:
            self.stdout.write(self.style.SUCCESS(f"{stored:,} matches stored."))
