from django.urls import path

from . import views

app_name = "consortia"

urlpatterns = [
    path("consortia/", views.ConsortiumListView.as_view(), name="consortium_list"),
    path("consortia/<slug:slug>/", views.ConsortiumDetailView.as_view(), name="consortium_detail"),
    path(
        "organisations/<slug:slug>/",
        views.OrganisationDetailView.as_view(),
        name="organisation_detail",
    ),
    path("people/<slug:slug>/", views.PersonDetailView.as_view(), name="person_detail"),
]
