"""The benchmarks' yardstick: one small template, no database (see bench/ and
docs/performance.md). Served only when PLP_BENCH_BASELINE is on, when settings make this
module the root URLconf: every other address is the site's own, unchanged."""

from django.shortcuts import render
from django.urls import include, path
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

# What a small page shows: a title and a short list, nothing read from the database.
BASELINE_ITEMS = ["Consortia", "Findings", "Events"]


# Never from a page cache: it measures what rendering any page costs at the least.
@never_cache
@require_GET
def baseline(request):
    return render(request, "bench/baseline.html", {"items": BASELINE_ITEMS})


urlpatterns = [
    path("_bench/baseline/", baseline, name="bench_baseline"),
    path("", include("plp_portal.urls")),
]
