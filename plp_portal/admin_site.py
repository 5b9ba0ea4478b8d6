from django.contrib import admin
from django.utils.translation import gettext_lazy

from consortia.two_factor import session_is_confirmed

from .rate_limits import LOGIN_ADDRESS, rate_limited

# The order a curator thinks in: who takes part, what they found, where they met.
APP_ORDER = ["consortia", "findings", "events", "auth"]


class PortalAdminSite(admin.AdminSite):
    site_header = gettext_lazy("PLP Portal curation")
    site_title = gettext_lazy("PLP Portal curation")
    index_title = gettext_lazy("Curate the programme")

    def login(self, request, extra_context=None):
        # The same limit on sign-in attempts per address as the site's login page.
        return rate_limited(LOGIN_ADDRESS)(super().login)(request, extra_context)

    def has_permission(self, request):
        # Staff reach the admin only once a second factor confirmed the session (the
        # middleware sends them to type their code; this holds even without it).
        return super().has_permission(request) and session_is_confirmed(request.user)

    def get_app_list(self, request, app_label=None):
        apps = super().get_app_list(request, app_label)
        rank = {label: position for position, label in enumerate(APP_ORDER)}
        return sorted(apps, key=lambda app: (rank.get(app["app_label"], len(rank)), app["name"]))
