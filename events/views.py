from django.views.generic import DetailView, ListView, TemplateView

from .models import Event


class HomeView(TemplateView):
    template_name = "home.html"


class EventListView(ListView):
    queryset = Event.objects.published()


class EventDetailView(DetailView):
    queryset = Event.objects.published()
