"""/accounts/: Django's sign-in, sign-out and password pages, with rate limits on the steps
an attacker repeats (signing in, asking for reset e-mails)."""

from django.contrib.auth import urls as auth_urls
from django.contrib.auth import views as auth_views
from django.urls import path

from .accounts_forms import AuditedPasswordResetForm
from .accounts_views import SignInView
from .rate_limits import LOGIN_ADDRESS, PASSWORD_RESET_ADDRESS, PASSWORD_RESET_EMAIL, rate_limited

LIMITED = {"login", "password_reset"}

urlpatterns = [
    path(
        "login/",
        rate_limited(LOGIN_ADDRESS)(SignInView.as_view()),
        name="login",
    ),
    path(
        "password_reset/",
        rate_limited(PASSWORD_RESET_ADDRESS, PASSWORD_RESET_EMAIL)(
            auth_views.PasswordResetView.as_view(form_class=AuditedPasswordResetForm)
        ),
        name="password_reset",
    ),
    *(pattern for pattern in auth_urls.urlpatterns if pattern.name not in LIMITED),
]
