from django.apps import AppConfig
from django.db.models.signals import post_migrate


def create_curators_group(sender, using="default", **kwargs):
    # Runs after every app's permissions exist (events migrates last of the three apps).
    from .roles import ensure_curators_group

    ensure_curators_group(using=using)


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Events"

    def ready(self):
        post_migrate.connect(create_curators_group, sender=self)
        from .matching import register

        register()  # shared events count in peer matching (findings.matching)
