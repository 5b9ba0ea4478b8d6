"""A finding names the outputs it rests on: its consortium's (tick boxes) and other
consortia's published ones (by address); nothing else."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from findings import services
from findings.models import Finding
from tests.factories import OutputFactory, PublishedOutputFactory
from tests.members.test_views import finding_post


@pytest.fixture
def signed_in(client, member_a):
    client.force_login(member_a)
    return client


def test_form_offers_the_consortium_outputs_only(signed_in, consortium_a, consortium_b):
    own = OutputFactory(consortium=consortium_a, title="Our draft paper")
    OutputFactory(consortium=consortium_b, title="Their zqdraft")
    PublishedOutputFactory(consortium=consortium_b, title="Their published paper")
    form = signed_in.get(reverse("members:finding_create")).context["form"]
    assert list(form.fields["outputs"].queryset) == [own]


def test_member_ticks_own_output_and_names_a_published_one(signed_in, consortium_a, consortium_b):
    own = OutputFactory(consortium=consortium_a)
    theirs = PublishedOutputFactory(consortium=consortium_b, slug="their-paper")
    response = signed_in.post(
        reverse("members:finding_create"),
        finding_post(
            consortium=consortium_a.pk,
            outputs=[own.pk],
            other_outputs="http://testserver/en/outputs/their-paper/",
        ),
    )
    assert response.status_code == 302
    assert set(Finding.objects.get().outputs.all()) == {own, theirs}


def test_naming_an_unpublished_output_of_another_consortium_is_a_form_error(
    signed_in, consortium_a, consortium_b
):
    OutputFactory(consortium=consortium_b, slug="their-draft")
    response = signed_in.post(
        reverse("members:finding_create"),
        finding_post(consortium=consortium_a.pk, other_outputs="their-draft"),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["other_outputs"] == [
        "No published output has this address: their-draft."
    ]
    assert not Finding.objects.exists()


def test_service_refuses_an_unpublished_output_of_another_consortium(
    member_a, consortium_a, consortium_b
):
    foreign = OutputFactory(consortium=consortium_b)
    with pytest.raises(ValidationError) as refused:
        services.finding_create(
            user=member_a, consortium=consortium_a, title="T", summary="S", outputs=[foreign]
        )
    assert refused.value.message_dict == {
        "outputs": ["A finding can rest only on your consortium's outputs and published ones."]
    }
