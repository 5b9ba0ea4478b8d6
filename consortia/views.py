"""The consortia pages that show consortia's data only.

The consortium list (with findings counts) and the organisation page (with its peer matches)
are served by findings.combined_views, the consortium and person pages (with event
appearances) by events.combined_views: see consortia/urls.py.
"""

from django.views.generic import ListView

from plp_portal.pagination import BoundedPagesMixin

from . import selectors
from .models import Organisation, Person

DIRECTORY_PER_PAGE = 50


class DirectoryView(BoundedPagesMixin, ListView):
    """An A-Z list, a page at a time, that narrows to one initial letter (`?letter=M`)."""

    paginate_by = DIRECTORY_PER_PAGE
    model = None
    initial_field = ""

    def get_initial(self) -> str:
        letter = self.request.GET.get("letter", "").strip().upper()
        # One letter of any alphabet; anything else lists everyone rather than nothing.
        return letter if len(letter) == 1 and letter.isalpha() else ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            letters=selectors.initials(self.model.objects.all(), self.initial_field),
            letter=self.get_initial(),
            **kwargs,
        )

    def get_narrow_url(self) -> str:
        return self.request.path


class PersonListView(DirectoryView):
    """Everyone who took part, by family name."""

    template_name = "consortia/person_list.html"
    context_object_name = "people"
    model = Person
    initial_field = "family_name"

    def get_queryset(self):
        return selectors.person_list(self.get_initial())


class OrganisationListView(DirectoryView):
    """Every organisation in the consortia, by name."""

    template_name = "consortia/organisation_list.html"
    context_object_name = "organisations"
    model = Organisation
    initial_field = "name"

    def get_queryset(self):
        return selectors.organisation_list(self.get_initial())
