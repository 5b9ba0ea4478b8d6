from django.views.generic import DetailView, ListView

from .models import Consortium, Organisation, Person


class ConsortiumListView(ListView):
    queryset = Consortium.objects.with_organisations()


class ConsortiumDetailView(DetailView):
    queryset = Consortium.objects.with_organisations()


class OrganisationDetailView(DetailView):
    model = Organisation


class PersonDetailView(DetailView):
    queryset = Person.objects.select_related("affiliation")
