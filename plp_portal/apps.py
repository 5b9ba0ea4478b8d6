from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    default_site = "plp_portal.admin_site.PortalAdminSite"


class PortalConfig(AppConfig):
    """The project package as an app: wires what spans the apps (content-change tracking,
    fixture loads without new history, input-safety fixes to Django)."""

    name = "plp_portal"
    verbose_name = "Portal"

    def ready(self):
        from . import content_signals, fixture_loads
        from .input_safety import install

        content_signals.connect()
        fixture_loads.connect()
        install()
