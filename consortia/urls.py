from django.urls import path

from . import views

app_name = "consortia"

urlpatterns = [
    path("consortia/", views.ConsortiumListView.as_view(), name="consortium_list"),
    path("consortia/<slug:slug>/", views.consortium_detail, name="consortium_detail"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation_detail"),
    path("people/<slug:slug>/", views.person_detail, name="person_detail"),
]
