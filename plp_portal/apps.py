from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    default_site = "plp_portal.admin_site.PortalAdminSite"


class PortalConfig(AppConfig):
    """The project package as an app: wires what spans the apps (content-change tracking, the
    audit log's sign-in events, session clocks, fixture loads without new history,
    input-safety fixes to Django)."""

    name = "plp_portal"
    verbose_name = "Portal"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from . import audit_signals, content_signals, fixture_loads
        from .input_safety import install
        from .sessions import session_started

        audit_signals.connect()
        user_logged_in.connect(session_started, dispatch_uid="plp_session_started")
        content_signals.connect()
        fixture_loads.connect()
        install()
