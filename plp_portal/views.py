"""Site-wide pages and plumbing endpoints: the privacy notice and accessibility statement, and
what crawlers and load balancers ask for."""

import datetime as dt

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from .readiness import readiness_checks


@require_GET
def robots_txt(request):
    lines = ["User-agent: *", "Disallow: /admin/"]
    # The members' workspace and the sign-in pages, in every language.
    for code, _name in settings.LANGUAGES:
        lines += [f"Disallow: /{code}/me/", f"Disallow: /{code}/accounts/"]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_GET
def health(request):
    """Liveness: 200 while this process answers at all. It checks nothing else, so a load
    balancer never restarts workers because the database is away (readiness says that)."""
    return JsonResponse({"status": "ok"})


@require_GET
def readiness(request):
    """Readiness: 200 when this worker can serve pages (database reachable with migrations
    applied, cache reachable), 503 naming what failed otherwise."""
    checks = readiness_checks()
    ready = all(result == "ok" for result in checks.values())
    response = JsonResponse(
        {"status": "ready" if ready else "unavailable", "checks": checks},
        status=200 if ready else 503,
    )
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def privacy_notice(request):
    """What the portal keeps about people, why, for how long, and their rights. The periods
    come from the settings, so the notice says what this installation does."""
    context = {
        "session_hours": settings.PLP_SESSION_MAX_HOURS,
        "idle_minutes": settings.PLP_SESSION_IDLE_MINUTES,
        "audit_days": settings.PLP_AUDIT_RETENTION_DAYS,
        "lockout_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        "token_days": settings.PLP_RETENTION_TOKEN_DAYS,
        "erasure_record_days": settings.PLP_RETENTION_ERASURE_RECORD_DAYS,
    }
    return render(request, "privacy.html", context)


# When the accessibility statement was last checked against the tests that back it: change it
# with the statement (the EU model statement dates the assessment it reports).
ACCESSIBILITY_STATEMENT_PREPARED = dt.date(2026, 11, 26)


@require_GET
def accessibility_statement(request):
    """How far the portal meets WCAG 2.2 AA, what is known not to, how this was assessed, and
    where to write: the EU model accessibility statement (Implementing Decision 2018/1523)."""
    context = {"prepared_on": ACCESSIBILITY_STATEMENT_PREPARED}
    return render(request, "accessibility.html", context)
