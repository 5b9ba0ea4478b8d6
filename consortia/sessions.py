"""An account's browser sessions, found in the session table (the database session engines).

A session row names its account only inside its encoded data, so finding one account's
sessions means decoding them; this is for rare acts (an erasure, a reset of two-step sign-in),
not for requests. Expired rows are skipped: nobody can use them, and the retention job
(``manage.py purge_expired_data``) deletes them.
"""

from collections.abc import Iterator
from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.utils import timezone

BATCH = 1000


def session_store_class():
    return import_module(settings.SESSION_ENGINE).SessionStore


def session_model():
    store = session_store_class()
    if not hasattr(store, "get_model_class"):
        raise RuntimeError(
            f"The session engine {settings.SESSION_ENGINE} keeps no table of sessions: "
            "use django.contrib.sessions.backends.db or cached_db."
        )
    return store.get_model_class()


def sessions_of(user) -> Iterator:
    """The unexpired session rows that belong to ``user``."""
    store = session_store_class()()
    wanted = str(user.pk)
    rows = session_model().objects.filter(expire_date__gt=timezone.now()).order_by("pk")
    for row in rows.iterator(chunk_size=BATCH):
        if str(store.decode(row.session_data).get(SESSION_KEY)) == wanted:
            yield row


def end_sessions_of(user) -> int:
    """Sign ``user`` out everywhere: delete each of their sessions (and its cached copy, with
    the cached_db engine). Returns how many there were."""
    store_class = session_store_class()
    keys = [row.session_key for row in sessions_of(user)]
    for key in keys:
        store_class(session_key=key).delete()
    return len(keys)
