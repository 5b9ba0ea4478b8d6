"""Writes the demo programme into the database so that a second run changes nothing."""

import datetime as dt
import zoneinfo

from django.db import models, transaction
from django.utils import timezone

from consortia.models import Consortium, Membership, Organisation, Person, Programme
from findings import matching
from findings.models import SDG, Finding, Theme

from .. import scheduling
from ..enums import ScheduleChangeKind
from ..models import Breakout, Contribution, Event, KeyPoint, Session
from . import outputs as demo_outputs
from . import programme as data
from .claims import load_claims
from .provenance import load_provenance


def upsert(
    model: type[models.Model], lookup: dict, values: dict, create_only: dict | None = None
) -> models.Model:
    """Create, or update only the fields that differ, so unchanged rows are never saved.

    `create_only` fields are set on creation and left alone afterwards.
    """
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        instance = model(**lookup, **values, **(create_only or {}))
        instance.full_clean()
        instance.save()
        return instance
    changed = [name for name, value in values.items() if differs(instance, name, value)]
    if changed:
        for name in changed:
            setattr(instance, name, values[name])
        instance.full_clean()
        instance.save()
    return instance


def differs(instance: models.Model, name: str, value) -> bool:
    field = instance._meta.get_field(name)
    current = getattr(instance, name)
    if field.is_relation:
        return current != value
    # Compare as stored, so that e.g. country codes equal the Country objects they load as.
    return field.get_prep_value(current) != field.get_prep_value(value)


def set_if_changed(manager, objects) -> None:
    if set(manager.all()) != set(objects):
        manager.set(objects)


def aware(local: dt.datetime, zone: str) -> dt.datetime:
    return local.replace(tzinfo=zoneinfo.ZoneInfo(zone))


@transaction.atomic
def load_programme() -> Event:
    """Load the 2021 programme; return the final PLP event."""
    programme = upsert(
        Programme,
        {"slug": data.PROGRAMME["slug"]},
        {k: v for k, v in data.PROGRAMME.items() if k != "slug"},
    )
    organisations = {
        slug: upsert(
            Organisation,
            {"slug": slug},
            {
                "name": name,
                "acronym": acronym,
                "country": country,
                "kind": kind,
                "description": data.ORGANISATION_DESCRIPTIONS.get(slug, ""),
            },
        )
        for slug, name, acronym, country, kind in data.ORGANISATIONS
    }
    people = {
        slug: upsert(
            Person,
            {"slug": slug},
            {
                "given_name": given,
                "family_name": family,
                "position": position,
                "affiliation": organisations.get(affiliation),
            },
        )
        for slug, given, family, position, affiliation in data.PEOPLE
    }
    consortia = {c["slug"]: load_consortium(c, programme, organisations) for c in data.CONSORTIA}
    themes = {
        slug: upsert(
            Theme,
            {"slug": slug},
            {"name": name, "kind": kind, "description": description, "position": position},
        )
        for position, (slug, name, kind, description) in enumerate(data.THEMES)
    }
    findings = {f["slug"]: load_finding(f, consortia, themes) for f in data.FINDINGS}
    load_claims(findings)  # kind, levers, levels, evidence, SDG targets (events.demo.claims)
    events = {e["slug"]: load_event(e, programme, themes) for e in data.EVENTS}
    final_event = events[data.FINAL_EVENT_SLUG]
    load_sessions(final_event, people, consortia, themes, findings)
    load_provenance(final_event)
    demo_outputs.load_outputs(consortia)  # only the outputs the facts name: see its docstring
    # Who should talk to whom, from what was just loaded (unchanged data: nothing written).
    matching.rebuild()
    return final_event


def load_consortium(spec: dict, programme: Programme, organisations: dict) -> Consortium:
    consortium = upsert(
        Consortium,
        {"slug": spec["slug"]},
        {
            "programme": programme,
            "short_name": spec["short_name"],
            "title": spec["title"],
            "topic": spec["topic"],
            "start_date": data.PLP_START,
            "end_date": data.PLP_END,
        },
    )
    upsert(
        Membership,
        {"consortium": consortium, "organisation": organisations[spec["lead"]]},
        {"role": "lead"},
    )
    for partner in spec["partners"]:
        upsert(
            Membership,
            {"consortium": consortium, "organisation": organisations[partner]},
            {"role": "partner"},
        )
    return consortium


def load_finding(spec: dict, consortia: dict, themes: dict) -> Finding:
    # After creation a finding's status belongs to the review workflow, not to the demo; a
    # finding meant to be "submitted" starts as a draft that a demo member submits.
    published = spec["status"] == "published"
    loading_started = timezone.now()
    finding = upsert(
        Finding,
        {"slug": spec["slug"]},
        {
            "consortium": consortia[spec["consortium"]],
            "title": spec["title"],
            "summary": spec["summary"],
            "body": spec["body"],
            "countries": spec["countries"],
        },
        create_only={
            "status": "published" if published else "draft",
            "published_at": data.PUBLISHED_AT if published else None,
        },
    )
    if finding.updated_at >= loading_started:
        # Written now, but its text is the programme's: dated when that was published, not
        # when the demo was loaded (feeds and sitemaps would otherwise call it changed today).
        Finding.objects.filter(pk=finding.pk).update(updated_at=data.PUBLISHED_AT)
        finding.updated_at = data.PUBLISHED_AT
    set_if_changed(finding.themes, [themes[slug] for slug in spec["themes"]])
    set_if_changed(finding.sdgs, list(SDG.objects.filter(number__in=spec["sdgs"])))
    return finding


def load_event(spec: dict, programme: Programme, themes: dict) -> Event:
    zone = spec["time_zone"]
    dates = {
        "starts_at": aware(spec["local_start"], zone),
        "ends_at": aware(spec["local_end"], zone),
    }
    # Once its schedule has changed, an event's dates are the scheduling service's.
    moved = Event.objects.filter(slug=spec["slug"], schedule_sequence__gt=0).exists()
    event = upsert(
        Event,
        {"slug": spec["slug"]},
        {
            "programme": programme,
            "title": spec["title"],
            **({} if moved else dates),
            "time_zone": zone,
            "has_programme": spec["has_programme"],
            "format": spec["format"],
            "venue": spec["venue"],
            "summary": spec["summary"],
            "description": spec["description"],
            "report_introduction": spec["report_introduction"],
            "report_conclusions": spec["report_conclusions"],
            "participant_count": spec["participant_count"],
            "contributor_count": spec["contributor_count"],
            "status": "published",
        },
    )
    set_if_changed(event.themes, [themes[slug] for slug in spec["themes"]])
    load_schedule_changes(event, spec)
    return event


def load_schedule_changes(event: Event, spec: dict) -> None:
    """Record, through events.scheduling, the changes the event does not have yet."""
    zone = spec["time_zone"]
    for change in spec["schedule_changes"][event.schedule_sequence :]:
        common = {"changed_on": change["changed_on"], "reason": change["reason"]}
        if change["kind"] == ScheduleChangeKind.RESCHEDULED:
            scheduling.reschedule(
                event,
                starts_at=aware(change["local_start"], zone),
                ends_at=aware(change["local_end"], zone),
                **common,
            )
        elif change["kind"] == ScheduleChangeKind.POSTPONED:
            scheduling.postpone(event, **common)
        else:
            scheduling.cancel(event, **common)
        event.refresh_from_db()


def load_sessions(event: Event, people: dict, consortia: dict, themes: dict, findings: dict):
    for position, spec in enumerate(data.SESSIONS, start=1):
        session = upsert(
            Session,
            {"event": event, "position": position},
            {
                "kind": spec["kind"],
                "title": spec["title"],
                "moderator": people.get(spec["moderator"]),
                "summary": spec["summary"],
            },
        )
        for number, item in enumerate(spec["contributions"], start=1):
            consortium = consortia.get(item["consortium"])
            contribution = upsert(
                Contribution,
                {"session": session, "position": number},
                {
                    "person": people[item["person"]],
                    "consortium": consortium,
                    "kind": item.get("kind", "presentation"),
                    "title": item.get("title") or f"Findings of {consortium.short_name}",
                    "summary": item.get("summary", ""),
                },
            )
            set_if_changed(contribution.findings, [findings[s] for s in item["findings"]])
        for number, item in enumerate(spec["breakouts"], start=1):
            breakout = upsert(
                Breakout,
                {"session": session, "position": number},
                {
                    "title": item["title"],
                    "theme": themes[item["theme"]],
                    "rapporteur": people[item["rapporteur"]],
                },
            )
            set_if_changed(breakout.findings, [findings[s] for s in item["findings"]])
            for point_number, (text, finding_slugs, theme_slugs) in enumerate(
                item["key_points"], start=1
            ):
                point = upsert(
                    KeyPoint, {"breakout": breakout, "position": point_number}, {"text": text}
                )
                set_if_changed(point.findings, [findings[s] for s in finding_slugs])
                set_if_changed(point.themes, [themes[s] for s in theme_slugs])
