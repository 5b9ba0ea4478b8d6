"""A field's length limit belongs to its model: the members' forms and the API's serializers
read it there, and refuse one character too many with the model's own message."""

import pytest
from django.core.exceptions import ValidationError

from consortia.models import Consortium
from findings.api.serializers import FindingWriteSerializer, SourceInputSerializer
from findings.forms import AttachmentForm, FindingForm, SourceForm
from findings.models import Attachment, Finding, Source

pytestmark = pytest.mark.django_db

URL_PREFIX = "https://example.org/"


def model_limit(model, name: str) -> int:
    return model._meta.get_field(name).max_length


def one_too_many(model, name: str) -> str:
    """Valid text of the model field's length plus one."""
    length = model_limit(model, name) + 1
    if name == "url":
        return URL_PREFIX + "a" * (length - len(URL_PREFIX))
    return "x" * length


def model_messages(model, name: str, value: str) -> list[str]:
    with pytest.raises(ValidationError) as error:
        model._meta.get_field(name).run_validators(value)
    return error.value.messages


def finding_form(data):
    return FindingForm(data, consortia=Consortium.objects.none())


# (model, field, the members' form, the API's serializer or None when it has no such field)
DOORS = [
    (Finding, "title", finding_form, FindingWriteSerializer),
    (Source, "label", SourceForm, SourceInputSerializer),
    (Source, "url", SourceForm, SourceInputSerializer),
    (Attachment, "title", AttachmentForm, None),
]


@pytest.mark.parametrize(
    ("model", "name", "make_form", "serializer_class"),
    DOORS,
    ids=[f"{model.__name__}.{name}" for model, name, *_ in DOORS],
)
def test_form_and_serializer_refuse_one_too_many_like_the_model(
    model, name, make_form, serializer_class
):
    too_long = one_too_many(model, name)
    expected = model_messages(model, name, too_long)

    form = make_form({name: too_long})

    assert form.fields[name].max_length == model_limit(model, name)
    assert form.errors[name] == expected
    if serializer_class is not None:
        serializer = serializer_class(data={name: too_long})
        assert serializer.fields[name].max_length == model_limit(model, name)
        assert serializer.is_valid() is False
        assert serializer.errors[name] == expected


def test_the_model_message_names_the_limit_and_the_length():
    too_long = one_too_many(Finding, "title")

    assert model_messages(Finding, "title", too_long) == [
        "Ensure this value has at most 255 characters (it has 256)."
    ]
