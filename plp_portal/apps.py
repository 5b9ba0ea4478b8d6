from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    default_site = "plp_portal.admin_site.PortalAdminSite"

    def ready(self):
        super().ready()
        from .input_safety import install

        install()
