from django.http import Http404
from django.shortcuts import render
from django.views.generic import ListView

from . import selectors
from .models import Consortium, Organisation, Person


class ConsortiumListView(ListView):
    template_name = "consortia/consortium_list.html"
    context_object_name = "consortia"

    def get_queryset(self):
        return selectors.consortium_list()


def consortium_detail(request, slug):
    try:
        consortium = selectors.consortium_detail(slug)
    except Consortium.DoesNotExist:
        raise Http404("No consortium with this address.") from None
    return render(request, "consortia/consortium_detail.html", {"consortium": consortium})


def organisation_detail(request, slug):
    try:
        organisation = selectors.organisation_detail(slug)
    except Organisation.DoesNotExist:
        raise Http404("No organisation with this address.") from None
    return render(request, "consortia/organisation_detail.html", {"organisation": organisation})


def person_detail(request, slug):
    try:
        person = selectors.person_detail(slug)
    except Person.DoesNotExist:
        raise Http404("No person with this address.") from None
    return render(request, "consortia/person_detail.html", {"person": person})
