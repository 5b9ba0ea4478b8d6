"""The ``consortia`` URL namespace: the pages about consortia, organisations and people.

The people and organisations lists show consortia's data alone and are served from here. The others
also show what upper apps own, so their views live in the highest app whose data they show
(consortia <- findings <- events; a lower app never imports an upper one):

- ``consortium_list`` (counts of published findings) and ``organisation_detail`` (its peer
  matches): ``findings.urls.consortia_urlpatterns``;
- ``consortium_detail`` and ``person_detail`` (event appearances):
  ``events.urls.consortia_urlpatterns``.

plp_portal/urls.py joins the three lists under the one ``consortia`` namespace, so
``reverse("consortia:consortium_detail")`` and ``{% url %}`` work as before.
"""

from django.urls import path

from plp_portal.page_tags import shows

from . import views
from .models import Organisation, Person

urlpatterns = [
    path(
        "people/",
        shows(Person, Organisation)(views.PersonListView.as_view()),
        name="person_list",
    ),
    path(
        "organisations/",
        shows(Organisation)(views.OrganisationListView.as_view()),
        name="organisation_list",
    ),
]
