from django.core.management.base import BaseCommand, CommandError

from events.generate.plan import Sizes, default_events
from events.generate.run import AlreadyGenerated, generate
from plp_portal.progress import Progress


class Command(BaseCommand):
    help = (
        "Generate a realistic programme of any size: organisations in many countries, people, "
        "consortia with a lead and partners, findings in every review state with their review "
        "trail, and events with sessions, presentations and breakouts. The same seed and sizes "
        "always give the same data. Runs once per database, beside the demo or alone; to "
        "generate again, start from a fresh database (or `manage.py flush`). Progress goes to "
        "stderr; -v0 is silent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--consortia", type=int, default=20, help="Number of consortia (default 20)."
        )
        parser.add_argument(
            "--findings", type=int, default=1000, help="Number of findings (default 1000)."
        )
        parser.add_argument(
            "--events",
            type=int,
            default=None,
            help="Number of events (default: one for every four consortia, at least one).",
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="Seed of the random choices (default 1)."
        )

    def handle(self, *args, consortia, findings, events, seed, verbosity, **options):
        if events is None:
            events = default_events(consortia)
        sizes = Sizes(consortia=consortia, findings=findings, events=events, seed=seed)
        problem = sizes.problem()
        if problem:
            raise CommandError(problem)
        progress = Progress(self.stderr.write if verbosity else None)
        try:
            generate(sizes, progress)
        except AlreadyGenerated:
            raise CommandError(
                "This database already holds generated data: generate into a fresh database, "
                "or empty this one with `manage.py flush` first."
            ) from None
        if verbosity:
            self.stdout.write(
                f"Generated with seed {seed} in {progress.elapsed():.1f} s: "
                f"consortia {consortia:,}, findings {findings:,}, events {events:,}."
            )
