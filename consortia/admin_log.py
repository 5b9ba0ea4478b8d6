"""The admin's log of curators' actions names what they acted on in plain text: an account
by its username, a member access as "username — Member of SILK" (as the object, or inside the
change message of a consortium or an account whose inline rows changed). Erasure replaces
those names; the record of what was done, when and by whom stays."""

import json

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext as _


def _names(text: str, username: str) -> bool:
    return text == username or text.startswith(f"{username} — ")


def _scrub_message(message: str, username: str, stand_in: str) -> str:
    try:
        actions = json.loads(message)
    except ValueError:
        return message  # old plain-text messages hold no object names
    if not isinstance(actions, list):
        return message
    for action in actions:
        for details in action.values() if isinstance(action, dict) else ():
            if isinstance(details, dict) and _names(str(details.get("object", "")), username):
                details["object"] = stand_in
    return json.dumps(actions)


def forget_in_admin_log(user) -> int:
    """Replace the names of ``user`` in the admin's log; returns how many entries changed."""
    username = user.get_username()
    stand_in = _("a former member")
    user_type = ContentType.objects.get_for_model(user)
    about_user = Q(content_type=user_type, object_id=str(user.pk))
    mentions = Q(object_repr__contains=username) | Q(change_message__contains=username)
    changed = 0
    for entry in LogEntry.objects.filter(about_user | mentions).order_by("pk"):
        is_about_user = entry.content_type_id == user_type.pk and entry.object_id == str(user.pk)
        names_user = is_about_user or _names(entry.object_repr, username)
        shown_as = stand_in if names_user else entry.object_repr
        message = _scrub_message(entry.change_message, username, stand_in)
        if (shown_as, message) != (entry.object_repr, entry.change_message):
            LogEntry.objects.filter(pk=entry.pk).update(
                object_repr=shown_as, change_message=message
            )
            changed += 1
    return changed
