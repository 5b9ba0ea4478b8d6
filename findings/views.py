from django.views.generic import DetailView, ListView

from .models import SDG, Finding, Theme


class ThemeListView(ListView):
    model = Theme


class ThemeDetailView(DetailView):
    model = Theme


class SDGDetailView(DetailView):
    model = SDG
    pk_url_kwarg = "number"


class FindingListView(ListView):
    queryset = Finding.objects.published().select_related("consortium")
    paginate_by = 20


class FindingDetailView(DetailView):
    queryset = Finding.objects.public().select_related("consortium")
