"""Reads for the public pages about consortia, organisations and people.

consortia must not import findings or events; their models are reached through related names
(`_model_behind`), and their own querysets (`published()`) decide what the public sees.
"""

from django.db.models import Count, Prefetch, Q, QuerySet

from .models import Consortium, Membership, Organisation, Person


def _model_behind(model, *path):
    for name in path:
        model = model._meta.get_field(name).related_model
    return model


def _finding_model():
    return _model_behind(Consortium, "findings")


def _published_events():
    return _model_behind(Consortium, "contributions", "session", "event").objects.published()


def consortium_list() -> QuerySet:
    """Consortia with lead and partners and the number of their published findings."""
    published = _finding_model().objects.published()
    return (
        Consortium.objects.with_organisations()
        .annotate(published_count=Count("findings", filter=Q(findings__in=published.values("pk"))))
        .order_by("short_name")
    )  # Meta.ordering is not applied to aggregating queries


def consortium_detail(slug: str) -> Consortium:
    """A consortium with its organisations, presentations at published events and published
    findings (raises Consortium.DoesNotExist)."""
    contribution_model = _model_behind(Consortium, "contributions")
    return (
        Consortium.objects.select_related("programme")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("organisation").order_by(
                    "role", "organisation__name"
                ),
            ),
            Prefetch(
                "contributions",
                queryset=contribution_model.objects.filter(session__event__in=_published_events())
                .select_related("session__event", "person")
                .prefetch_related(
                    Prefetch("findings", queryset=_finding_model().objects.published())
                )
                .order_by("-session__event__starts_at", "session__position", "position"),
                to_attr="public_contributions",
            ),
            Prefetch(
                "findings",
                queryset=_finding_model()
                .objects.published()
                .select_related("consortium")
                .prefetch_related("themes", "sdgs"),
                to_attr="published_findings",
            ),
        )
        .get(slug=slug)
    )


def organisation_detail(slug: str) -> Organisation:
    """An organisation with its consortium memberships and the people affiliated with it."""
    return Organisation.objects.prefetch_related(
        Prefetch(
            "memberships",
            queryset=Membership.objects.select_related("consortium").order_by(
                "consortium__short_name"
            ),
        ),
        Prefetch("people", queryset=Person.objects.order_by("family_name", "given_name")),
    ).get(slug=slug)


def person_detail(slug: str) -> Person:
    """A person with where they appear at published events: sessions moderated, contributions,
    breakouts reported on and joined (raises Person.DoesNotExist)."""
    events = _published_events()
    session_model = _model_behind(Person, "moderated_sessions")
    contribution_model = _model_behind(Person, "contributions")
    breakout_model = _model_behind(Person, "reported_breakouts")
    return (
        Person.objects.select_related("affiliation")
        .prefetch_related(
            Prefetch(
                "moderated_sessions",
                queryset=session_model.objects.filter(event__in=events)
                .select_related("event")
                .order_by("-event__starts_at", "position"),
                to_attr="public_moderated_sessions",
            ),
            Prefetch(
                "contributions",
                queryset=contribution_model.objects.filter(session__event__in=events)
                .select_related("session__event", "consortium")
                .order_by("-session__event__starts_at", "session__position", "position"),
                to_attr="public_contributions",
            ),
            Prefetch(
                "reported_breakouts",
                queryset=breakout_model.objects.filter(session__event__in=events)
                .select_related("session__event", "theme")
                .order_by("-session__event__starts_at", "position"),
                to_attr="public_reported_breakouts",
            ),
            Prefetch(
                "breakouts_joined",
                queryset=breakout_model.objects.filter(session__event__in=events)
                .select_related("session__event", "theme")
                .order_by("-session__event__starts_at", "position"),
                to_attr="public_breakouts_joined",
            ),
        )
        .get(slug=slug)
    )
