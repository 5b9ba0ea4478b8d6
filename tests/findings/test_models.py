import pytest
from django.core.exceptions import ValidationError

from findings.models import SDG, Finding
from tests.factories import FindingFactory, PublishedFindingFactory


@pytest.mark.django_db
def test_sdgs_are_the_seventeen_goals_with_un_colours():
    goals = list(SDG.objects.values_list("number", "short_name", "colour"))

    assert len(goals) == 17
    assert goals[0] == (1, "No Poverty", "#E5243B")
    assert goals[16] == (17, "Partnerships for the Goals", "#19486A")


@pytest.mark.django_db
def test_finding_unknown_country_fails_validation():
    finding = FindingFactory.build(countries=["FR", "XX"])

    with pytest.raises(ValidationError) as error:
        finding.full_clean(exclude=["consortium"])

    assert list(error.value.message_dict) == ["countries"]


@pytest.mark.django_db
def test_finding_querysets_separate_listed_from_citable():
    listed = PublishedFindingFactory()
    withdrawn = FindingFactory(status="withdrawn")
    for status in ["draft", "submitted", "changes_requested", "rejected"]:
        FindingFactory(status=status)

    assert list(Finding.objects.published()) == [listed]
    assert set(Finding.objects.public()) == {listed, withdrawn}


@pytest.mark.django_db
def test_sdg_colour_must_be_hex():
    goal = SDG(number=1, short_name="No Poverty", colour="red")

    with pytest.raises(ValidationError) as error:
        goal.full_clean(validate_unique=False)

    assert error.value.message_dict["colour"] == ["Use an upper-case hex colour: #E5243B."]
