from django.urls import path

from . import views
from .feeds import LatestFindingsFeed

app_name = "findings"

urlpatterns = [
    path("themes/", views.ThemeListView.as_view(), name="theme_list"),
    path("themes/<slug:slug>/", views.theme_detail, name="theme_detail"),
    path("sdgs/<int:number>/", views.SDGDetailView.as_view(), name="sdg_detail"),
    path("findings/", views.FindingListView.as_view(), name="finding_list"),
    path("findings/feed.atom", LatestFindingsFeed(), name="finding_feed"),
    path("findings/<slug:slug>/", views.finding_detail, name="finding_detail"),
    path(
        "findings/<slug:slug>/attachments/<int:pk>/",
        views.attachment_download,
        name="attachment_download",
    ),
]
