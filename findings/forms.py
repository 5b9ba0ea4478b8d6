"""Forms of the members' workplace. They validate input; the services decide and save."""

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.choices import BaseChoiceIterator
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from .attachments import ALLOWED_EXTENSIONS, ALLOWED_HELP, check_attachment, max_bytes
from .enums import ClaimKind, EvidenceKind, ReviewDecision
from .models import (
    SDG,
    Attachment,
    Evidence,
    Finding,
    GovernmentLevel,
    PolicyLever,
    SDGTarget,
    Source,
    Theme,
)

# Lengths come from the models, which own them (the API's serializers read them too).
_F = Finding._meta


class ChosenCountriesWidget(forms.CheckboxSelectMultiple):
    """Tick boxes for the countries already chosen only: the other 240-odd are added by name
    (``CountryNamesField``), not scrolled through."""

    def optgroups(self, name, value, attrs=None):
        chosen = set(value or ())
        groups = super().optgroups(name, value, attrs)
        return [group for group in groups if group[1] and group[1][0]["value"] in chosen]


class CountryNamesField(forms.CharField):
    """Country names or ISO codes, separated by commas, as codes: a text box with suggestions
    (a ``<datalist>`` of names) works without JavaScript and with a screen reader."""

    widget = forms.TextInput(attrs={"list": "country-names", "autocomplete": "off"})

    def to_python(self, value):
        names = [part.strip() for part in (super().to_python(value) or "").split(",")]
        codes, problems = [], []
        for name in filter(None, names):
            code, problem = country_code_for(name)
            if problem:
                problems.append(problem)
            else:
                codes.append(code)
        if problems:
            raise ValidationError(problems)
        return codes


def country_code_for(name: str) -> tuple[str, str]:
    """(the ISO code of the country `name` names, "") or ("", why it names none)."""
    if len(name) == 2 and name.upper() in dict(countries):
        return name.upper(), ""
    code = countries.by_name(name)
    if code:
        return code, ""
    matches = [(code, label) for code, label in countries if name.lower() in label.lower()]
    if len(matches) == 1:
        return matches[0][0], ""
    if matches:
        names = ", ".join(label for _code, label in matches[:5])
        return "", _("“%(name)s” matches several countries (%(names)s): type the one you mean.") % {
            "name": name,
            "names": names,
        }
    return "", _(
        "We do not know the country “%(name)s”: type its name as the suggestions show it, or "
        "its two-letter code."
    ) % {"name": name}


from .output_forms import add_output_fields, chosen_outputs  # noqa: E402


class _TargetsByGoal(BaseChoiceIterator):
    """The targets as (goal, [(code, label)…]) groups, read when the select is rendered."""

    def __init__(self, field):
        self.field = field

    def __iter__(self):
        groups: dict = {}
        for target in self.field.queryset:
            goal = _("SDG %(number)s: %(name)s") % {
                "number": target.goal.number,
                "name": target.goal.short_name,
            }
            text = Truncator(target.text).chars(TARGET_CHOICE_CHARS)
            groups.setdefault(goal, []).append((target.code, f"{target.code} {text}"))
        yield from groups.items()


class TargetsByGoalField(forms.ModelMultipleChoiceField):
    """The 169 SDG targets in one select, grouped by goal (an ``<optgroup>`` per SDG): works
    without JavaScript, and a screen reader announces each target's goal."""

    widget = forms.SelectMultiple(attrs={"size": 8})

    def __init__(self, **kwargs):
        super().__init__(queryset=SDGTarget.objects.select_related("goal"), **kwargs)

    def _get_choices(self):
        return _TargetsByGoal(self)

    choices = property(_get_choices, forms.ChoiceField.choices.fset)


#: How much of a target's text the select shows (the finding's page shows it whole).
TARGET_CHOICE_CHARS = 90


class FindingForm(forms.Form):
    """A finding's content. ``consortium`` is asked only when creating."""

    consortium = forms.ModelChoiceField(
        queryset=None, empty_label=None, required=True, label=gettext_lazy("Consortium")
    )
    title = forms.CharField(
        max_length=_F.get_field("title").max_length, label=gettext_lazy("Title")
    )
    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        label=gettext_lazy("Summary"),
        help_text=_F.get_field("summary").help_text,
    )
    body = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 16}),
        required=False,
        label=gettext_lazy("Body"),
        help_text=gettext_lazy(
            "Markdown: **bold**, *italic*, [links](https://…), lists, ## headings."
        ),
    )
    themes = forms.ModelMultipleChoiceField(
        queryset=Theme.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=gettext_lazy("Themes"),
    )
    sdgs = forms.ModelMultipleChoiceField(
        queryset=SDG.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=gettext_lazy("SDGs"),
    )
    countries = forms.MultipleChoiceField(
        choices=lambda: list(countries),
        required=False,
        widget=ChosenCountriesWidget,
        label=gettext_lazy("Countries it draws on"),
        help_text=gettext_lazy("Untick a country to take it off."),
    )
    add_countries = CountryNamesField(
        required=False,
        label=gettext_lazy("Add countries"),
        help_text=gettext_lazy(
            "Type a country's name (your browser suggests names as you type) or its two-letter "
            "code; separate several with commas, e.g. “Spain, Mexico, KR”."
        ),
    )
    # The structured claim (findings.claims), shown in one fieldset; the evidence rows'
    # fields (evidence_<kind>, evidence_<kind>_count) are added by __init__.
    kind = forms.ChoiceField(
        choices=[("", gettext_lazy("Not said")), *ClaimKind.choices],
        widget=forms.RadioSelect,
        required=False,
        label=gettext_lazy("Kind of claim"),
    )
    levers = forms.ModelMultipleChoiceField(
        queryset=PolicyLever.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=gettext_lazy("Policy levers it concerns"),
    )
    levels = forms.ModelMultipleChoiceField(
        queryset=GovernmentLevel.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=gettext_lazy("Levels of government it addresses"),
    )
    sdg_targets = TargetsByGoalField(
        required=False,
        label=gettext_lazy("SDG targets"),
        help_text=gettext_lazy(
            "Choose several with Ctrl (⌘ on a Mac). A target's goal is added to the SDGs."
        ),
    )
    remove_attachments = forms.ModelMultipleChoiceField(
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=gettext_lazy("Remove attachments"),
    )
    # The version the member started from: saving over a newer one is refused.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    #: The fields the claim's fieldset shows (the form's loop leaves them to it).
    CLAIM_FIELDS = ("kind", "levers", "levels", "sdg_targets")

    def __init__(self, *args, consortia=None, finding: Finding | None = None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.finding = finding
        add_output_fields(self, user=user, finding=finding)
        for kind, label in EvidenceKind.choices:
            self.fields[f"evidence_{kind}"] = forms.BooleanField(required=False, label=label)
            self.fields[f"evidence_{kind}_count"] = forms.IntegerField(
                required=False,
                min_value=1,
                max_value=Evidence.MAX_COUNT,
                label=_("How many (%(kind)s)") % {"kind": label},
            )
        if finding is None:
            self.fields["consortium"].queryset = consortia
            del self.fields["remove_attachments"]
            del self.fields["version"]
        else:
            del self.fields["consortium"]
            self.fields["version"].required = True
            attachments = finding.attachments.all()
            if attachments:
                self.fields["remove_attachments"].queryset = attachments
            else:
                del self.fields["remove_attachments"]

    @property
    def claim_field_names(self) -> set[str]:
        return {*self.CLAIM_FIELDS, *(name for name in self.fields if name.startswith("evidence_"))}

    def claim_choice_groups(self) -> list:
        """The levers' and the levels' tick boxes, each a group of the claim's fieldset."""
        return [self["levers"], self["levels"]]

    def evidence_rows(self) -> list[tuple]:
        """Per kind of evidence: its tick box and its count, for the template's rows."""
        return [
            (self[f"evidence_{kind}"], self[f"evidence_{kind}_count"])
            for kind in EvidenceKind.values
        ]

    def clean(self):
        data = super().clean()
        if "countries" in data and "add_countries" in data:
            chosen = [*data["countries"], *data["add_countries"]]
            data["countries"] = list(dict.fromkeys(chosen))  # in order, each once
        return data

    def evidence(self) -> list[dict]:
        """The evidence ticked, or given a count (a count says the kind is there), with the
        notes curators or the API gave kept."""
        data = self.cleaned_data
        notes = {}
        if self.finding is not None:
            notes = dict(self.finding.evidence.values_list("kind", "note"))
        return [
            {
                "kind": kind,
                "count": data.get(f"evidence_{kind}_count"),
                "note": notes.get(kind, ""),
            }
            for kind in EvidenceKind.values
            if data.get(f"evidence_{kind}") or data.get(f"evidence_{kind}_count")
        ]

    def service_fields(self) -> dict:
        data = self.cleaned_data
        fields = {name: data[name] for name in ("title", "summary", "body", "themes", "sdgs")}
        fields["countries"] = data["countries"]
        fields.update(
            kind=data.get("kind") or "",
            levers=data["levers"],
            levels=data["levels"],
            sdg_targets=data["sdg_targets"],
            evidence=self.evidence(),
        )
        if data.get("remove_attachments"):
            fields["remove_attachments"] = list(data["remove_attachments"])
        if "outputs" in data:
            fields["outputs"] = chosen_outputs(data)
        return fields


class FindingTranslationForm(forms.Form):
    """A finding's title, summary and body in one other language; empty fields are left to
    the original (``services.finding_translate``)."""

    title = forms.CharField(
        label=gettext_lazy("Title"), max_length=_F.get_field("title").max_length, required=False
    )
    summary = forms.CharField(
        label=gettext_lazy("Summary"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    body = forms.CharField(
        label=gettext_lazy("Body"),
        widget=forms.Textarea(attrs={"rows": 16}),
        required=False,
        help_text=gettext_lazy("Markdown, as in the original."),
    )
    # The version the member started from: saving over a newer one is refused.
    version = forms.IntegerField(widget=forms.HiddenInput)


class ConsortiumPresetForm(forms.Form):
    """``?consortium=<slug>`` on the new-finding page: one of the member's consortia."""

    consortium = forms.ModelChoiceField(
        queryset=None, to_field_name="slug", label=gettext_lazy("Consortium")
    )

    def __init__(self, *args, consortia, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consortium"].queryset = consortia


def _row_number(prefix: str | None) -> str:
    """1-based row number from a formset prefix such as ``sources-0``: distinct labels."""
    tail = (prefix or "").rsplit("-", 1)[-1]
    return str(int(tail) + 1) if tail.isdigit() else ""


class SourceForm(forms.Form):
    label = forms.CharField(
        max_length=Source._meta.get_field("label").max_length,
        required=False,
        label=gettext_lazy("Label"),
    )
    url = forms.URLField(
        max_length=Source._meta.get_field("url").max_length,
        required=False,
        label=gettext_lazy("URL"),
        assume_scheme="https",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        n = _row_number(self.prefix)
        self.fields["label"].label = _("Source %(number)s: label") % {"number": n}
        self.fields["url"].label = _("Source %(number)s: URL") % {"number": n}

    def clean(self):
        data = super().clean()
        if data.get("url") and not data.get("label"):
            self.add_error("label", _("Give the source a label, e.g. the document's title."))
        if data.get("label") and not data.get("url") and "url" not in self.errors:
            self.add_error("url", _("Give the source's address."))
        return data


# Only rows that hold a source can be deleted: an empty row needs no "Delete" box.
SourceFormSet = forms.formset_factory(
    SourceForm, extra=2, can_delete=True, can_delete_extra=False, max_num=30
)


def sources_from(formset) -> list[dict]:
    return [
        {"label": form.cleaned_data["label"], "url": form.cleaned_data["url"]}
        for form in formset.forms
        if form.cleaned_data
        and form.cleaned_data.get("url")
        and not form.cleaned_data.get("DELETE")
    ]


class AttachmentForm(forms.Form):
    title = forms.CharField(
        max_length=Attachment._meta.get_field("title").max_length,
        required=False,
        label=gettext_lazy("Title of attachment"),
        help_text=gettext_lazy("Defaults to the file name."),
    )
    file = forms.FileField(
        required=False,
        label=gettext_lazy("File"),
        widget=forms.ClearableFileInput(
            attrs={"accept": ",".join(f".{ext}" for ext in ALLOWED_EXTENSIONS)}
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        n = _row_number(self.prefix)
        self.fields["title"].label = _("Title of attachment %(number)s") % {"number": n}
        self.fields["file"].label = _("File %(number)s") % {"number": n}
        self.fields["file"].help_text = _("%(allowed)s, up to %(size)s.") % {
            "allowed": ALLOWED_HELP,
            "size": filesizeformat(max_bytes()),
        }

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file:
            try:
                check_attachment(file)
            except ValidationError as error:
                raise ValidationError(error.messages) from error
        return file


AttachmentFormSet = forms.formset_factory(AttachmentForm, extra=2, max_num=10)


def uploads_from(formset) -> list[dict]:
    return [
        {"title": form.cleaned_data.get("title", ""), "file": form.cleaned_data["file"]}
        for form in formset.forms
        if form.cleaned_data and form.cleaned_data.get("file")
    ]


class StepForm(forms.Form):
    """A step of the workflow on the members' site: a comment and the version read. Whether
    the comment is required is the table's (the service checks it; the form says so)."""

    comment = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, transition, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.transition = transition
        comment = self.fields["comment"]
        if transition.comment_required:
            comment.label = gettext_lazy("Comment to the members (required)")
            comment.widget.attrs["aria-required"] = "true"
        elif transition.action == ReviewDecision.SUBMIT:
            comment.label = gettext_lazy("Note (optional)")
            comment.help_text = gettext_lazy("What changed since the last submission, if anything.")
        else:
            comment.label = gettext_lazy("Note to the curators (optional)")


class DecisionForm(forms.Form):
    """A curator's comment on a decision (the admin's intermediate page and review page)."""

    comment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5, "cols": 80}),
        required=False,
        label=gettext_lazy("Comment"),
    )
