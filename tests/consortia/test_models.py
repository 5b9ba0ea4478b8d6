import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from consortia.models import Consortium, Membership
from tests.factories import ConsortiumFactory, MembershipFactory, OrganisationFactory, PersonFactory


@pytest.mark.django_db
def test_membership_second_lead_is_refused_and_nothing_saved():
    consortium = ConsortiumFactory()
    MembershipFactory(consortium=consortium, role="lead")

    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipFactory(consortium=consortium, role="lead")

    assert Membership.objects.filter(consortium=consortium).count() == 1


@pytest.mark.django_db
def test_membership_second_lead_fails_validation_with_a_message():
    consortium = ConsortiumFactory()
    MembershipFactory(consortium=consortium, role="lead")
    second = Membership(consortium=consortium, organisation=OrganisationFactory(), role="lead")

    with pytest.raises(ValidationError) as error:
        second.full_clean()

    assert error.value.messages == ["A consortium has exactly one lead organisation."]


@pytest.mark.django_db
def test_membership_same_organisation_twice_is_refused():
    membership = MembershipFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            consortium=membership.consortium, organisation=membership.organisation
        )


@pytest.mark.django_db
def test_consortium_ending_before_it_starts_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        ConsortiumFactory(start_date=dt.date(2021, 10, 1), end_date=dt.date(2021, 4, 1))

    assert Consortium.objects.count() == 0


@pytest.mark.django_db
def test_consortium_lead_organisation_is_the_lead_member():
    consortium = ConsortiumFactory()
    lead = OrganisationFactory(name="DIESIS Network")
    MembershipFactory(consortium=consortium, role="partner")
    MembershipFactory(consortium=consortium, organisation=lead, role="lead")

    assert consortium.lead_organisation == lead


@pytest.mark.django_db
def test_person_name_is_printed_as_written():
    person = PersonFactory(given_name="Aneta", family_name="Qurai Shy")

    assert (str(person), person.full_name) == ("Aneta Qurai Shy", "Aneta Qurai Shy")
