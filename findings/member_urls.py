"""The ``members`` namespace's pages that findings serves (``/me/``): the dashboard and the
findings' drafts. plp_portal/urls.py joins them with consortia's workspace pages
(consortia/member_urls.py: inviting members)."""

from django.urls import path

from . import member_views as views
from .reactions import views as reaction_views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("findings/new/", views.finding_create, name="finding_create"),
    path("findings/<slug:slug>/", views.finding_detail, name="finding_detail"),
    path("findings/<slug:slug>/edit/", views.finding_edit, name="finding_edit"),
    path("signoff/", views.signoff_queue, name="signoff_queue"),
    path("reactions/<slug:slug>/new/", reaction_views.reaction_create, name="reaction_create"),
    path("findings/<slug:slug>/submit/", views.finding_submit, name="finding_submit"),
    path("findings/<slug:slug>/steps/<slug:action>/", views.finding_step, name="finding_step"),
    path(
        "findings/<slug:slug>/translations/<str:language>/",
        views.finding_translate,
        name="finding_translate",
    ),
    path(
        "findings/<slug:slug>/attachments/<int:pk>/",
        views.attachment_download,
        name="attachment_download",
    ),
]
