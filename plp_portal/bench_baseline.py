"""The benchmarks' yardstick: one small template, no database (see bench/ and
docs/performance.md). Served only when PLP_BENCH_BASELINE is on, when settings make this
module the root URLconf: every other address is the site's own, unchanged."""

from django.shortcuts import render
from django.urls import path
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from plp_portal import urls as site_urls

# What a small page shows: a title and a short list, nothing read from the database.
BASELINE_ITEMS = ["Consortia", "Findings", "Events"]


# Never from a page cache: it measures what rendering any page costs at the least.
@never_cache
@require_GET
def baseline(request):
    return render(request, "bench/baseline.html", {"items": BASELINE_ITEMS})


# The site's own patterns joined, not included: i18n_patterns may only stand in a root URLconf.
urlpatterns = [path("_bench/baseline/", baseline, name="bench_baseline"), *site_urls.urlpatterns]
handler500 = site_urls.handler500
