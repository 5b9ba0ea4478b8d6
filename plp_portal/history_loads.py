"""Loading a fixture (`loaddata`) writes no history of its own: the fixture carries it."""

from django.apps import apps
from django.db.models.signals import pre_save


def _skip_history_of_raw_saves(sender, instance, raw, **kwargs):
    # django-simple-history leaves a raw save alone, but records the many-to-many links that
    # loaddata sets right after it as a change of its own (its m2m_changed receiver cannot
    # know the save was raw): every loaded finding gained two history records beside the
    # loaded ones, under ids that collide with theirs on PostgreSQL. This attribute is
    # simple-history's own switch, read by both receivers; the instance is loaddata's own.
    if raw:
        instance.skip_history_when_saving = True


def connect() -> None:
    for model in apps.get_models():
        if hasattr(model._meta, "simple_history_manager_attribute"):
            pre_save.connect(
                _skip_history_of_raw_saves,
                sender=model,
                dispatch_uid=f"history-loads:{model._meta.label_lower}",
            )
