from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from . import rules
from .enums import ReactionKind


class ReactionForm(forms.Form):
    """A member's reaction to another consortium's finding. What each kind must say is
    ``rules.content_refusal``'s, as in the API."""

    organisation = forms.ModelChoiceField(
        queryset=None,
        label=_("For the organisation"),
        empty_label=None,
        help_text=_("An organisation of a consortium you act for."),
    )
    kind = forms.ChoiceField(
        choices=ReactionKind.choices, widget=forms.RadioSelect, label=_("Your organisation")
    )
    country = forms.ChoiceField(
        choices=lambda: [("", "—"), *countries],
        required=False,
        label=_("Country where it was applied"),
    )
    place = forms.CharField(
        max_length=200,
        required=False,
        label=_("Place where it was applied"),
        help_text=_("The city, region or programme."),
    )
    note = forms.CharField(
        max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3}), label=_("Note")
    )
    evidence = forms.CharField(
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        label=_("Evidence (for “found otherwise”)"),
        help_text=_("What your organisation found, and what it rests on."),
    )

    def __init__(self, *args, user, finding, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            rules.organisations_for(user)
            .exclude(memberships__consortium_id=finding.consortium_id)
            .order_by("name")
        )

    def clean(self):
        cleaned = super().clean()
        if "kind" in cleaned:
            errors = rules.content_refusal(
                kind=cleaned["kind"],
                country=cleaned.get("country", ""),
                place=cleaned.get("place", ""),
                evidence=cleaned.get("evidence", ""),
            )
            for field, message in errors.items():
                self.add_error(field, message)
        return cleaned
