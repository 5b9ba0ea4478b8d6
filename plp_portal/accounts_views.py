"""The sign-in page: Django's, with the portal's name and a landing page for each kind of
account."""

from django.conf import settings
from django.contrib.auth import views as auth_views

from findings.landing import landing_page_for


class SignInView(auth_views.LoginView):
    def get_default_redirect_url(self):
        # Only when the request named no page (?next=): that one is always honoured.
        return landing_page_for(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Django names the current site after the request's host ("127.0.0.1:8000"), which
        # would replace the portal's name in the page's title and header.
        context["site_name"] = settings.SITE_NAME
        return context
