"""Django's PostgreSQL backend with the portal's timeouts (settings.DATABASES names it when
DATABASE_URL is a PostgreSQL one).

- ``connect_timeout``: DATABASE_CONNECT_TIMEOUT (libpq counts whole seconds, at least 2);
- ``statement_timeout``: DATABASE_STATEMENT_TIMEOUT, in the processes that serve requests only
  (PLP_SERVES_REQUESTS, set by wsgi.py and asgi.py): migrations and other management commands
  may run long statements;
- every wait on the server watched (plp_portal.postgresql.watchdog): a stalled server is found
  within about PROBE_AFTER + PROBE_TIMEOUT seconds, and while it is down, connecting fails at
  once instead of waiting for the connect timeout.

Values given in DATABASE_URL's query (``?connect_timeout=5``, ``?options=-c …``) win.
"""

import math

from django.conf import settings
from django.db.backends.postgresql import base

from .watchdog import GRACE, server_answers, server_of, watch_waits, watchdog


def statement_timeout() -> float:
    """Seconds a statement may run in this process (0: no limit)."""
    return settings.DATABASE_STATEMENT_TIMEOUT if settings.PLP_SERVES_REQUESTS else 0


class DatabaseWrapper(base.DatabaseWrapper):
    def get_connection_params(self):
        params = super().get_connection_params()
        if settings.DATABASE_CONNECT_TIMEOUT and "connect_timeout" not in params:
            params["connect_timeout"] = max(2, math.ceil(settings.DATABASE_CONNECT_TIMEOUT))
        options = params.get("options", "")
        if statement_timeout() and "statement_timeout" not in options:
            limit = f"-c statement_timeout={round(statement_timeout() * 1000)}"
            params["options"] = f"{options} {limit}".strip()
        return params

    def get_new_connection(self, conn_params):
        server = server_of(self.settings_dict)
        if watchdog().is_down(server):
            raise self.Database.OperationalError(
                f"the database at {server} is not answering: not trying until it does"
            )
        try:
            connection = super().get_new_connection(conn_params)
        except self.Database.OperationalError as error:
            # Timed out, refused, or refused by a live server (a wrong password, a missing
            # database): only the first two mean it is out of reach. A timeout says so itself;
            # otherwise the server is asked for a sign of life.
            timed_out = isinstance(error, self.Database.errors.ConnectionTimeout)
            if server is not None and (timed_out or not server_answers(server)):
                watchdog().mark_down(server, str(error).strip())
            raise
        limit = statement_timeout() + GRACE if statement_timeout() else None
        watch_waits(connection, server, limit)
        return connection
