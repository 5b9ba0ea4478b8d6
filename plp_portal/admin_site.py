from django.contrib import admin

from .rate_limits import LOGIN_ADDRESS, rate_limited

# The order a curator thinks in: who takes part, what they found, where they met.
APP_ORDER = ["consortia", "findings", "events", "auth"]


class PortalAdminSite(admin.AdminSite):
    site_header = "PLP Portal curation"
    site_title = "PLP Portal curation"
    index_title = "Curate the programme"

    def login(self, request, extra_context=None):
        # The same limit on sign-in attempts per address as the site's login page.
        return rate_limited(LOGIN_ADDRESS)(super().login)(request, extra_context)

    def get_app_list(self, request, app_label=None):
        apps = super().get_app_list(request, app_label)
        rank = {label: position for position, label in enumerate(APP_ORDER)}
        return sorted(apps, key=lambda app: (rank.get(app["app_label"], len(rank)), app["name"]))
