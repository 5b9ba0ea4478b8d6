"""The public tables of the open-data dump: which rows, which columns, how they link.

Each table names a model, the fields it publishes and a function giving its public rows, each
from the rule its app already has (``Finding.objects.published()``, ``Event.objects.
published()``): the dump invents no rule of its own. Column types, required columns, choices
and foreign keys are read from the model fields, so the Frictionless schema
(``datapackage.py``) says what the database says.

People appear with their public fields only (never their e-mail address); findings are the
listed ones (findings.workflow), and every link table keeps only rows whose both ends are in
the dump, so every foreign key resolves.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from consortia.models import Consortium, Membership, Organisation, Person, Programme
from events.models import (
    Breakout,
    Contribution,
    Event,
    EventScheduleChange,
    KeyPoint,
    OutputLaunch,
    Session,
)
from findings.models import (
    SDG,
    Evidence,
    Finding,
    GovernmentLevel,
    PolicyLever,
    SDGTarget,
    Source,
    Theme,
)
from findings.output_models import Output


@dataclass(frozen=True)
class Table:
    name: str  # the file is <name>.csv; the resource's name in datapackage.json
    title: str
    model: type[models.Model]
    fields: tuple[str, ...]  # model field names; a relation is published as its id
    rows: Callable[[], models.QuerySet]

    def model_fields(self) -> list[models.Field]:
        return [self.model._meta.get_field(name) for name in self.fields]

    def columns(self) -> list[str]:
        return [field.attname if field.is_relation else field.name for field in self.model_fields()]

    def primary_key(self) -> list[str]:
        primary = self.model._meta.pk
        if primary.name in self.fields:
            return [primary.attname]
        return self.columns()  # a link table: the pair is the key


def _published_findings():
    return Finding.objects.published()


def _published_outputs():
    return Output.objects.published()


def _published_events():
    return Event.objects.published()


def _links(through, **public) -> Callable[[], models.QuerySet]:
    return lambda: through.objects.filter(**{name: rows() for name, rows in public.items()})


TABLES = [
    Table(
        "programmes",
        _("Programmes"),
        Programme,
        (
            "id",
            "name",
            "slug",
            "funder",
            "summary",
            "description",
            "start_date",
            "end_date",
            "website",
        ),
        Programme.objects.all,
    ),
    Table(
        "organisations",
        _("Organisations"),
        Organisation,
        ("id", "name", "slug", "acronym", "country", "kind", "website", "description"),
        Organisation.objects.all,
    ),
    Table(
        "people",
        _("People (public fields only)"),
        Person,
        ("id", "slug", "honorific", "given_name", "family_name", "position", "affiliation"),
        Person.objects.all,
    ),
    Table(
        "consortia",
        _("Consortia"),
        Consortium,
        (
            "id",
            "programme",
            "short_name",
            "title",
            "slug",
            "topic",
            "description",
            "start_date",
            "end_date",
            "website",
        ),
        Consortium.objects.all,
    ),
    Table(
        "memberships",
        _("Memberships of organisations in consortia"),
        Membership,
        ("id", "consortium", "organisation", "role"),
        Membership.objects.all,
    ),
    Table(
        "themes",
        _("Themes"),
        Theme,
        ("id", "name", "slug", "kind", "description", "position"),
        Theme.objects.all,
    ),
    Table(
        "sdgs",
        _("Sustainable Development Goals"),
        SDG,
        ("number", "short_name", "colour"),
        SDG.objects.all,
    ),
    Table(
        "findings",
        _("Findings (published)"),
        Finding,
        (
            "id",
            "consortium",
            "title",
            "slug",
            "summary",
            "body",
            "countries",
            "published_at",
            "updated_at",
            "doi",
            "kind",
        ),
        _published_findings,
    ),
    Table(
        "finding_themes",
        _("Themes of findings"),
        Finding.themes.through,
        ("finding", "theme"),
        _links(Finding.themes.through, finding__in=_published_findings),
    ),
    Table(
        "finding_sdgs",
        _("SDGs of findings"),
        Finding.sdgs.through,
        ("finding", "sdg"),
        _links(Finding.sdgs.through, finding__in=_published_findings),
    ),
    Table(
        "finding_sources",
        _("Sources of findings"),
        Source,
        ("id", "finding", "label", "url", "position"),
        _links(Source, finding__in=_published_findings),
    ),
    # The structured claim of findings (findings.claims): its vocabularies, then the links.
    Table(
        "policy_levers",
        _("Policy levers"),
        PolicyLever,
        ("id", "name", "slug", "description", "position"),
        PolicyLever.objects.all,
    ),
    Table(
        "government_levels",
        _("Levels of government"),
        GovernmentLevel,
        ("code", "position"),
        GovernmentLevel.objects.all,
    ),
    Table(
        "sdg_targets",
        _("SDG targets"),
        SDGTarget,
        ("code", "goal", "position", "text"),
        SDGTarget.objects.all,
    ),
    Table(
        "finding_levers",
        _("Policy levers of findings"),
        Finding.levers.through,
        ("finding", "policylever"),
        _links(Finding.levers.through, finding__in=_published_findings),
    ),
    Table(
        "finding_levels",
        _("Levels of government of findings"),
        Finding.levels.through,
        ("finding", "governmentlevel"),
        _links(Finding.levels.through, finding__in=_published_findings),
    ),
    Table(
        "finding_evidence",
        _("Evidence of findings"),
        Evidence,
        ("id", "finding", "kind", "count", "note"),
        _links(Evidence, finding__in=_published_findings),
    ),
    Table(
        "finding_sdg_targets",
        _("SDG targets of findings"),
        Finding.sdg_targets.through,
        ("finding", "sdgtarget"),
        _links(Finding.sdg_targets.through, finding__in=_published_findings),
    ),
    Table(
        "outputs",
        _("Outputs (published)"),
        Output,
        (
            *("id", "consortium", "output_type", "title", "slug", "summary", "date"),
            *("language", "licence", "url", "doi", "published_at"),
        ),
        _published_outputs,
    ),
    Table(
        "output_people",
        _("Authors of outputs (people)"),
        Output.people.through,
        ("output", "person"),
        _links(Output.people.through, output__in=_published_outputs),
    ),
    Table(
        "output_organisations",
        _("Authors of outputs (organisations)"),
        Output.organisations.through,
        ("output", "organisation"),
        _links(Output.organisations.through, output__in=_published_outputs),
    ),
    Table(
        "finding_outputs",
        _("Outputs findings rest on"),
        Finding.outputs.through,
        ("finding", "output"),
        _links(
            Finding.outputs.through,
            finding__in=_published_findings,
            output__in=_published_outputs,
        ),
    ),
    Table(
        "events",
        _("Events (published)"),
        Event,
        (
            "id",
            "programme",
            "title",
            "slug",
            "starts_at",
            "ends_at",
            "time_zone",
            "format",
            "venue",
            "summary",
            "description",
            "schedule_status",
            "participant_count",
            "contributor_count",
        ),
        _published_events,
    ),
    Table(
        "event_schedule_changes",
        _("Changes to the schedules of events"),
        EventScheduleChange,
        (
            "id",
            "event",
            "kind",
            "changed_on",
            "previous_starts_at",
            "previous_ends_at",
            "new_starts_at",
            "new_ends_at",
            "reason",
        ),
        _links(EventScheduleChange, event__in=_published_events),
    ),
    Table(
        "event_themes",
        _("Themes of events"),
        Event.themes.through,
        ("event", "theme"),
        _links(Event.themes.through, event__in=_published_events),
    ),
    Table(
        "sessions",
        _("Sessions of events"),
        Session,
        (
            "id",
            "event",
            "position",
            "kind",
            "title",
            "starts_at",
            "ends_at",
            "moderator",
            "summary",
        ),
        _links(Session, event__in=_published_events),
    ),
    Table(
        "contributions",
        _("Contributions: remarks and presentations in sessions"),
        Contribution,
        ("id", "session", "position", "person", "consortium", "kind", "title", "summary"),
        _links(Contribution, session__event__in=_published_events),
    ),
    Table(
        "contribution_findings",
        _("Findings presented in contributions"),
        Contribution.findings.through,
        ("contribution", "finding"),
        _links(
            Contribution.findings.through,
            contribution__session__event__in=_published_events,
            finding__in=_published_findings,
        ),
    ),
    Table(
        "breakouts",
        _("Breakout discussions"),
        Breakout,
        ("id", "session", "position", "title", "theme", "rapporteur", "summary"),
        _links(Breakout, session__event__in=_published_events),
    ),
    Table(
        "breakout_participants",
        _("Participants of breakout discussions"),
        Breakout.participants.through,
        ("breakout", "person"),
        _links(Breakout.participants.through, breakout__session__event__in=_published_events),
    ),
    Table(
        "breakout_findings",
        _("Findings discussed in breakouts"),
        Breakout.findings.through,
        ("breakout", "finding"),
        _links(
            Breakout.findings.through,
            breakout__session__event__in=_published_events,
            finding__in=_published_findings,
        ),
    ),
    Table(
        "key_points",
        _("Key points reported from breakouts"),
        KeyPoint,
        ("id", "breakout", "position", "text"),
        _links(KeyPoint, breakout__session__event__in=_published_events),
    ),
    Table(
        "key_point_findings",
        _("Findings of key points"),
        KeyPoint.findings.through,
        ("keypoint", "finding"),
        _links(
            KeyPoint.findings.through,
            keypoint__breakout__session__event__in=_published_events,
            finding__in=_published_findings,
        ),
    ),
    Table(
        "key_point_themes",
        _("Themes of key points"),
        KeyPoint.themes.through,
        ("keypoint", "theme"),
        _links(KeyPoint.themes.through, keypoint__breakout__session__event__in=_published_events),
    ),
    Table(
        "output_launches",
        _("Where outputs were launched"),
        OutputLaunch,
        ("id", "output", "event", "session"),
        _links(OutputLaunch, event__in=_published_events, output__in=_published_outputs),
    ),
]

TABLE_OF_MODEL = {table.model: table for table in TABLES}
