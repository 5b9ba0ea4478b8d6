"""Factories that build valid objects with nothing surprising: published things say so."""

import datetime as dt

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from consortia.enums import AccessRole, MembershipRole, OrganisationKind
from consortia.models import Consortium, ConsortiumAccess, Membership, Organisation, Person
from events.enums import EventFormat, EventStatus, SessionKind
from events.models import Breakout, Contribution, Event, KeyPoint, Session
from findings.enums import FindingStatus, ThemeKind
from findings.models import SDG, Finding, Review, Source, Theme
from findings.output_enums import OutputType
from findings.output_models import Output


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct horse battery staple")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    country = "FR"
    kind = OrganisationKind.NETWORK


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    given_name = factory.Sequence(lambda n: f"Given{n}")
    family_name = factory.Sequence(lambda n: f"Family{n}")
    slug = factory.Sequence(lambda n: f"person-{n}")
    affiliation = factory.SubFactory(OrganisationFactory)


class ConsortiumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consortium

    short_name = factory.Sequence(lambda n: f"Consortium {n}")
    title = factory.LazyAttribute(lambda c: f"Peer-learning partnership {c.short_name}")
    slug = factory.Sequence(lambda n: f"consortium-{n}")
    topic = "How social economy organisations grow across borders."
    # The one-stage workflow (as the consortia that existed before sign-off keep): the
    # two-stage tests ask for sign-off by name.
    requires_coordinator_signoff = False


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    consortium = factory.SubFactory(ConsortiumFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = MembershipRole.PARTNER


class ConsortiumAccessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsortiumAccess

    user = factory.SubFactory(UserFactory)
    consortium = factory.SubFactory(ConsortiumFactory)
    role = AccessRole.MEMBER


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")
    kind = ThemeKind.TOPIC


def sdg(number: int) -> SDG:
    """The SDGs are reference data loaded by a migration: fetch, never create."""
    return SDG.objects.get(number=number)


class FindingFactory(factory.django.DjangoModelFactory):
    """A draft finding; use PublishedFindingFactory for one the public sees."""

    class Meta:
        model = Finding
        skip_postgeneration_save = True

    consortium = factory.SubFactory(ConsortiumFactory)
    title = factory.Sequence(lambda n: f"Finding number {n}")
    slug = factory.Sequence(lambda n: f"finding-{n}")
    summary = "Cities convene the social economy through shared platforms."
    body = "Local administrations became **more proactive** during the pandemic."
    status = FindingStatus.DRAFT

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)

    @factory.post_generation
    def sdgs(self, create, extracted, **kwargs):
        if create and extracted:
            self.sdgs.set(extracted)


class PublishedFindingFactory(FindingFactory):
    status = FindingStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    finding = factory.SubFactory(FindingFactory)
    label = "White paper"
    url = "https://example.org/white-paper.pdf"


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    finding = factory.SubFactory(FindingFactory)
    reviewer = factory.SubFactory(UserFactory)
    decision = "request_changes"
    comment = "Please cite the white paper."
    # A step that took effect; a decision kept pending has released_at=None.
    released_at = factory.LazyFunction(timezone.now)


class EventFactory(factory.django.DjangoModelFactory):
    """A published online event of two and a half hours on 2 December 2021 in Paris."""

    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Peer-learning event {n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    starts_at = dt.datetime(2021, 12, 2, 12, 0, tzinfo=dt.UTC)
    ends_at = dt.datetime(2021, 12, 2, 14, 30, tzinfo=dt.UTC)
    time_zone = "Europe/Paris"
    format = EventFormat.ONLINE
    status = EventStatus.PUBLISHED


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    event = factory.SubFactory(EventFactory)
    position = factory.Sequence(lambda n: n + 1)
    kind = SessionKind.PANEL
    title = factory.Sequence(lambda n: f"Session {n}")


class ContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contribution

    session = factory.SubFactory(SessionFactory)
    position = factory.Sequence(lambda n: n + 1)
    person = factory.SubFactory(PersonFactory)
    consortium = factory.SubFactory(ConsortiumFactory)
    title = "What we learned"


class BreakoutFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Breakout

    session = factory.SubFactory(SessionFactory, kind=SessionKind.BREAKOUTS)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Breakout {n}")
    theme = factory.SubFactory(ThemeFactory, kind=ThemeKind.EVENT)
    rapporteur = factory.SubFactory(PersonFactory)


class KeyPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KeyPoint

    breakout = factory.SubFactory(BreakoutFactory)
    position = factory.Sequence(lambda n: n + 1)
    text = "Cities are intermediaries for new legal forms."


class OutputFactory(factory.django.DjangoModelFactory):
    """A draft output; use PublishedOutputFactory for one the public sees."""

    class Meta:
        model = Output
        skip_postgeneration_save = True

    consortium = factory.SubFactory(ConsortiumFactory)
    output_type = OutputType.REPORT
    title = factory.Sequence(lambda n: f"Output number {n}")
    slug = factory.Sequence(lambda n: f"output-{n}")
    summary = "What the consortium learnt, written up."
    date = dt.date(2022, 6, 15)
    status = FindingStatus.DRAFT

    @factory.post_generation
    def people(self, create, extracted, **kwargs):
        if create and extracted:
            self.people.set(extracted)

    @factory.post_generation
    def organisations(self, create, extracted, **kwargs):
        if create and extracted:
            self.organisations.set(extracted)


class PublishedOutputFactory(OutputFactory):
    status = FindingStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
