"""The one receiver that turns saves and deletes of public content into `content_changed`.

Every model of the content apps is covered, so a change made anywhere (admin, members' pages,
API, shell, a restored version) retires the cached pages that show it. Each instance tags
itself by its kind (`findings.finding`) and by itself (`findings.finding:42`); a model adds the
tags of what it belongs to through an optional `content_tags()` method (e.g. a finding names
its consortium).
"""

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save

from .content_changes import content_changed

CONTENT_APPS = ("consortia", "findings", "events")
# Records no public page shows: accounts, tokens and the review thread (members only).
NOT_CONTENT = {
    "consortia.consortiumaccess",
    "consortia.apitoken",
    "consortia.erasurerequest",
    "findings.review",
    # Computed in bulk (findings.matching), which bumps the kind's tag once per rebuild.
    "findings.organisationmatch",
}


def kind_tag(model) -> str:
    return model._meta.label_lower


def object_tag(model, pk) -> str:
    return f"{kind_tag(model)}:{pk}"


def tags_for(instance) -> set[str]:
    model = type(instance)._meta.concrete_model
    tags = {kind_tag(model), object_tag(model, instance.pk)}
    extra = getattr(instance, "content_tags", None)
    if extra is not None:
        tags.update(extra())
    return tags


def is_content(model) -> bool:
    meta = model._meta
    return (
        meta.app_label in CONTENT_APPS
        and meta.label_lower not in NOT_CONTENT
        and not meta.model_name.startswith("historical")  # django-simple-history's copies
    )


def _saved_or_deleted(sender, instance, using, **kwargs):
    if kwargs.get("raw"):
        return  # loaddata: the command that loads bumps `ALL` itself if it must
    content_changed(*tags_for(instance), using=using)


def _relations_changed(sender, instance, action, model, pk_set, using, **kwargs):
    if not action.startswith("post_"):
        return
    tags = tags_for(instance)
    for pk in pk_set or ():
        tags.add(object_tag(model, pk))
    tags.add(kind_tag(model))
    content_changed(*tags, using=using)


def connect() -> None:
    for model in apps.get_models():
        if not is_content(model):
            continue
        uid = f"content-changed:{model._meta.label_lower}"
        post_save.connect(_saved_or_deleted, sender=model, dispatch_uid=uid + ":save")
        post_delete.connect(_saved_or_deleted, sender=model, dispatch_uid=uid + ":delete")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                _relations_changed,
                sender=field.remote_field.through,
                dispatch_uid=f"{uid}:{field.name}",
            )
