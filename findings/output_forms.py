"""The members' forms for outputs, and the outputs a finding's form offers.

A finding's form lists its consortium's outputs (and those it already rests on) as boxes to
tick: a bounded list. Another consortium's published output is named by its address or slug,
so the form never lists every published output.
"""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from consortia.permissions import consortia_for

from .output_models import Output

#: Published outputs of other consortia a finding may name in one form, at most.
OTHER_OUTPUTS_LIMIT = 20


class OtherOutputsField(forms.CharField):
    """Published outputs named by their address or slug, separated by commas or lines."""

    def clean(self, value):
        value = super().clean(value)
        slugs = []
        for part in (value or "").replace("\n", ",").split(","):
            part = part.strip().rstrip("/")
            if part:
                slugs.append(part.rsplit("/", 1)[-1])
        slugs = list(dict.fromkeys(slugs))
        if len(slugs) > OTHER_OUTPUTS_LIMIT:
            raise forms.ValidationError(
                _("Name at most %(limit)d outputs here.") % {"limit": OTHER_OUTPUTS_LIMIT}
            )
        found = list(Output.objects.published().filter(slug__in=slugs))
        missing = sorted(set(slugs) - {output.slug for output in found})
        if missing:
            raise forms.ValidationError(
                _("No published output has this address: %(slugs)s.")
                % {"slugs": ", ".join(missing)}
            )
        return found


def add_output_fields(form: forms.Form, *, user, finding=None) -> None:
    """Add ``outputs`` (the consortium's outputs, ticked) and ``other_outputs`` to a finding's
    form, for ``user``; without a user the form has neither."""
    if user is None:
        return
    linked = finding.outputs.all() if finding is not None else Output.objects.none()
    own = Output.objects.filter(Q(consortium__in=consortia_for(user)) | Q(pk__in=linked))
    form.fields["outputs"] = forms.ModelMultipleChoiceField(
        queryset=own.select_related("consortium").order_by("title"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=gettext_lazy("Outputs it rests on"),
        help_text=gettext_lazy("Your consortium's reports, white papers, datasets …"),
    )
    form.fields["other_outputs"] = OtherOutputsField(
        required=False,
        label=gettext_lazy("Other consortia's published outputs"),
        help_text=gettext_lazy(
            "Their addresses on this site (…/outputs/<name>/), separated by commas."
        ),
    )


def chosen_outputs(data: dict) -> list[Output]:
    return list(dict.fromkeys([*data.get("outputs", []), *data.get("other_outputs", [])]))


class OutputForm(forms.ModelForm):
    """An output's record, written by its consortium's members. ``consortium`` is asked only
    when recording a new one; the status is the review's."""

    class Meta:
        model = Output
        fields = [
            *("consortium", "output_type", "title", "summary", "people", "organisations"),
            *("date", "language", "licence", "url", "doi"),
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    remove_files = forms.ModelMultipleChoiceField(
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=gettext_lazy("Remove files"),
    )

    def __init__(self, *args, consortia=None, **kwargs):
        super().__init__(*args, **kwargs)
        files = self.instance.files.all() if self.instance.pk else None
        if files:
            # A finding's form offers its attachments the same way (findings.forms).
            self.fields["remove_files"].queryset = files
        else:
            del self.fields["remove_files"]
        if self.instance.pk:
            del self.fields["consortium"]
        else:
            self.fields["consortium"].queryset = consortia
            self.fields["consortium"].empty_label = None
        # Authors are chosen among the people and organisations of ``consortia`` (the
        # member's; the output's own when editing): a bounded list. Curators add others in
        # the admin; those already named stay offered.
        mine = consortia
        self.fields["organisations"].queryset = (
            self.fields["organisations"]
            .queryset.filter(Q(memberships__consortium__in=mine) | Q(outputs=self.instance.pk or 0))
            .distinct()
            .order_by("name")
        )
        self.fields["people"].queryset = (
            self.fields["people"]
            .queryset.filter(
                Q(affiliation__memberships__consortium__in=mine) | Q(outputs=self.instance.pk or 0)
            )
            .distinct()
            .order_by("family_name", "given_name")
        )
        self.fields["people"].widget = forms.CheckboxSelectMultiple(
            choices=self.fields["people"].choices
        )
        self.fields["organisations"].widget = forms.CheckboxSelectMultiple(
            choices=self.fields["organisations"].choices
        )

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("consortium", None)
        if "remove_files" in data:
            data["remove_files"] = list(data["remove_files"])
        return data
