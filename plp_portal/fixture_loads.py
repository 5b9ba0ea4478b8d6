"""Loading a fixture (`loaddata`) into a migrated database gives back the dumped rows as they
were: no history of its own, and no clash with the rows `migrate` made."""

from django.apps import apps
from django.contrib.auth.models import Group
from django.db.models.signals import pre_save


def _skip_history_of_raw_saves(sender, instance, raw, **kwargs):
    # django-simple-history leaves a raw save alone, but records the many-to-many links that
    # loaddata sets right after it as a change of its own (its m2m_changed receiver cannot
    # know the save was raw): every loaded finding gained two history records beside the
    # loaded ones, under ids that collide with theirs on PostgreSQL. This attribute is
    # simple-history's own switch, read by both receivers; the instance is loaddata's own.
    if raw:
        instance.skip_history_when_saving = True


def _loaded_group_replaces_its_namesake(sender, instance, raw, using, **kwargs):
    # `migrate` makes the Curators group; the dumped one may carry another id (made again
    # after a flush). The loaded row takes its place, id and all, instead of clashing on the
    # unique name. Ids are kept, not matched by name (--natural-primary): sessions and the
    # admin's log name users and groups by id.
    if raw:
        sender.objects.using(using).filter(name=instance.name).exclude(pk=instance.pk).delete()


def connect() -> None:
    for model in apps.get_models():
        if hasattr(model._meta, "simple_history_manager_attribute"):
            pre_save.connect(
                _skip_history_of_raw_saves,
                sender=model,
                dispatch_uid=f"fixture-loads:history:{model._meta.label_lower}",
            )
    pre_save.connect(
        _loaded_group_replaces_its_namesake, sender=Group, dispatch_uid="fixture-loads:group"
    )
