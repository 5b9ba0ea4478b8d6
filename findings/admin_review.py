"""The curators' side of the workflow in the admin.

- ``FindingCurationMixin`` goes first in ``FindingAdmin``'s bases: content edits go through
  ``findings.services.finding_save_as_curator`` (status untouched, version checked and
  bumped, also when restoring an old version from the history), and the decision actions
  call the services. Deleting goes through the service too: ``findings.admin_delete``.
- ``SubmittedFindingAdmin`` is the review queue: submitted findings, oldest submission
  first, each with the diff since its previous submission and the decision buttons.
"""

import difflib

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from . import services
from .admin_delete import FindingDeletionMixin
from .enums import FindingStatus, ReviewDecision
from .exceptions import FindingError, StaleVersion
from .forms import DecisionForm
from .markdown import render_markdown
from .models import Finding, SubmittedFinding
from .permissions import is_curator
from .workflow import TRANSITIONS, check_comment, check_transition

DIFF_FIELDS = [
    ("title", "Title"),
    ("summary", "Summary"),
    ("body", "Body"),
    ("countries", "Countries"),
    ("themes", "Themes"),
    ("sdgs", "SDGs"),
]
CURATOR_DECISIONS = [
    ReviewDecision.PUBLISH,
    ReviewDecision.REQUEST_CHANGES,
    ReviewDecision.REJECT,
    ReviewDecision.WITHDRAW,
]


# ---------------------------------------------------------------- the diff


def _related_names(record, field: str) -> list[str]:
    # A live finding holds themes and SDGs; a history record holds rows pointing at them.
    related = [getattr(item, field[:-1], item) for item in getattr(record, field).all()]
    return sorted(str(item) for item in related)


def _text(record, field: str) -> str:
    if field in {"themes", "sdgs"}:
        return "\n".join(_related_names(record, field))
    value = getattr(record, field, "") or ""
    if field == "countries":
        return ", ".join(str(code) for code in value) if not isinstance(value, str) else value
    return str(value)


def submission_records(finding: Finding) -> list:
    """The finding's history records made by a submission, newest first."""
    return list(
        finding.history.filter(history_change_reason=ReviewDecision.SUBMIT).order_by(
            "-history_date", "-history_id"
        )
    )


def diff_since_previous_submission(finding: Finding) -> list[dict] | None:
    """Per changed field, the unified-diff lines between the previous submission and now;
    ``None`` when this is the first submission."""
    records = submission_records(finding)
    if len(records) < 2:
        return None
    previous = records[1]
    changes = []
    for field, label in DIFF_FIELDS:
        before, after = _text(previous, field), _text(finding, field)
        if before == after:
            continue
        lines = list(
            difflib.unified_diff(
                before.splitlines(), after.splitlines(), "previous", "now", lineterm="", n=2
            )
        )[2:]
        changes.append(
            {
                "label": label,
                "lines": [
                    {"text": line, "kind": {"+": "add", "-": "del", "@": "hunk"}.get(line[:1], "")}
                    for line in lines
                ],
            }
        )
    return changes


# ---------------------------------------------------------------- actions


def _decision_action(decision: ReviewDecision):
    transition = TRANSITIONS[decision]
    service = services.DECISION_SERVICES[decision]
    label = FindingStatus(transition.target).label.lower()

    def action(modeladmin, request, queryset):
        if not is_curator(request.user):
            raise PermissionDenied(gettext("Only curators take decisions on findings."))
        form = DecisionForm(request.POST if "apply" in request.POST else None)
        if "apply" in request.POST and form.is_valid():
            done = 0
            for finding in queryset:
                try:
                    service(
                        finding=finding, user=request.user, comment=form.cleaned_data["comment"]
                    )
                except FindingError as error:
                    modeladmin.message_user(
                        request,
                        gettext("“%(finding)s”: %(error)s") % {"finding": finding, "error": error},
                        messages.ERROR,
                    )
                else:
                    done += 1
            if done:
                modeladmin.message_user(
                    request,
                    ngettext(
                        "%(count)d finding %(status)s; the members were notified by e-mail.",
                        "%(count)d findings %(status)s; the members were notified by e-mail.",
                        done,
                    )
                    % {"count": done, "status": label},
                )
            return None
        count = queryset.count()
        return TemplateResponse(
            request,
            "admin/findings/decision_confirmation.html",
            {
                **modeladmin.admin_site.each_context(request),
                "title": capfirst(
                    ngettext(
                        "%(verb)s: %(count)d finding",
                        "%(verb)s: %(count)d findings",
                        count,
                    )
                    % {"verb": transition.verb, "count": count}
                ),
                "opts": modeladmin.model._meta,
                "findings": queryset,
                "form": form,
                "comment_required": transition.comment_required,
                "action_name": request.POST.get("action"),
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                "verb": transition.verb,
                "button_class": DECISION_BUTTON_CLASSES[decision],
                "question": BULK_QUESTIONS[decision],
                "confirm_label": BULK_CONFIRMATIONS[decision],
            },
        )

    action.__name__ = f"decide_{decision}"
    action.short_description = lazy(
        lambda: capfirst(gettext("%(verb)s the selected findings…") % {"verb": transition.verb}),
        str,
    )()
    action.allowed_permissions = ("review",)
    return action


publish_findings = _decision_action(ReviewDecision.PUBLISH)
request_changes = _decision_action(ReviewDecision.REQUEST_CHANGES)
reject_findings = _decision_action(ReviewDecision.REJECT)
withdraw_findings = _decision_action(ReviewDecision.WITHDRAW)
DECISION_ACTIONS = [publish_findings, request_changes, reject_findings, withdraw_findings]


# ---------------------------------------------------------------- FindingAdmin's mixin


class CuratedFindingForm(forms.ModelForm):
    """Carries the version the curator started from, so a newer save is not overwritten.

    The stored version is read afresh (not the instance's), so restoring an old version from
    the history starts from the current one too.
    """

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["expected_version"].initial = self._stored_version()

    def _stored_version(self):
        return Finding.objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()

    def clean(self):
        data = super().clean()
        expected = data.get("expected_version")
        current = self._stored_version() if self.instance.pk else None
        if current is not None and expected is not None and expected != current:
            raise forms.ValidationError(str(StaleVersion(expected=expected, current=current)))
        return data


class FindingCurationMixin:
    """Put first in ``FindingAdmin``'s bases."""

    form = CuratedFindingForm
    actions = DECISION_ACTIONS

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        return readonly + [f for f in ("status", "version", "published_at") if f not in readonly]

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        return [*fieldsets, (None, {"fields": ["expected_version"], "classes": ["hidden"]})]

    def has_review_permission(self, request):
        return is_curator(request.user)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        request._plp_restoring = True
        record = Finding.history.filter(id=object_id, history_id=version_id).first()
        if record is not None:
            # The form would show today's themes and SDGs: offer the recorded ones instead.
            request._plp_restored_relations = {
                "themes": [row.theme_id for row in record.themes.all()],
                "sdgs": [row.sdg_id for row in record.sdgs.all()],
            }
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_form(self, request, obj=None, **kwargs):
        form_class = super().get_form(request, obj, **kwargs)
        relations = getattr(request, "_plp_restored_relations", None)
        if relations is None:
            return form_class

        class RestoringForm(form_class):
            def __init__(self, *args, **form_kwargs):
                super().__init__(*args, **form_kwargs)
                if not self.is_bound:
                    self.initial.update(relations)

        return RestoringForm

    def save_model(self, request, obj, form, change):
        if not change:
            # A new finding starts as a draft (the model's defaults; the form cannot set them).
            return super().save_model(request, obj, form, change)
        restoring = getattr(request, "_plp_restoring", False)
        services.finding_save_as_curator(
            finding=obj,
            user=request.user,
            expected_version=form.cleaned_data.get("expected_version"),
            reason="restored an earlier version" if restoring else "edited in the admin",
        )

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except FindingError as error:
            self.message_user(request, str(error), messages.ERROR)
            return HttpResponseRedirect(request.path)


# ---------------------------------------------------------------- the review queue

REVIEW_PAGE_DECISIONS = [
    ReviewDecision.PUBLISH,
    ReviewDecision.REQUEST_CHANGES,
    ReviewDecision.REJECT,
]
#: Each decision looks like what it does: publishing is the main step, asking for changes a
#: secondary one, rejecting (and withdrawing) a destructive one.
DECISION_BUTTON_CLASSES = {
    ReviewDecision.PUBLISH: "plp-button plp-button--primary",
    ReviewDecision.REQUEST_CHANGES: "plp-button plp-button--secondary",
    ReviewDecision.REJECT: "plp-button plp-button--danger",
    ReviewDecision.WITHDRAW: "plp-button plp-button--danger",
}
BULK_QUESTIONS = {
    ReviewDecision.PUBLISH: _("Publish these findings?"),
    ReviewDecision.REQUEST_CHANGES: _("Request changes to these findings?"),
    ReviewDecision.REJECT: _("Reject these findings?"),
    ReviewDecision.WITHDRAW: _("Withdraw these findings?"),
}
BULK_CONFIRMATIONS = {
    ReviewDecision.PUBLISH: _("Yes, publish them"),
    ReviewDecision.REQUEST_CHANGES: _("Yes, request changes"),
    ReviewDecision.REJECT: _("Yes, reject them"),
    ReviewDecision.WITHDRAW: _("Yes, withdraw them"),
}
REVIEW_PAGE_QUESTIONS = {
    ReviewDecision.PUBLISH: _("Publish “%(finding)s”?"),
    ReviewDecision.REQUEST_CHANGES: _("Request changes to “%(finding)s”?"),
    ReviewDecision.REJECT: _("Reject “%(finding)s”?"),
}
REVIEW_PAGE_CONFIRMATIONS = {
    ReviewDecision.PUBLISH: _("Yes, publish it"),
    ReviewDecision.REQUEST_CHANGES: _("Yes, request changes"),
    ReviewDecision.REJECT: _("Yes, reject it"),
}


class ReviewPageForm(DecisionForm):
    """The review page: the comment, the decision button pressed and the version read."""

    decision = forms.TypedChoiceField(
        choices=[(decision.value, decision.label) for decision in REVIEW_PAGE_DECISIONS],
        coerce=ReviewDecision,
        error_messages={
            "required": _("Choose a decision."),
            "invalid_choice": _("Choose a decision."),
        },
    )
    version = forms.IntegerField(
        required=False,
        min_value=1,
        error_messages={
            "invalid": _("The page sent no valid version: reload it and decide again."),
            "min_value": _("The page sent no valid version: reload it and decide again."),
        },
    )


@admin.register(SubmittedFinding)
class SubmittedFindingAdmin(FindingDeletionMixin, admin.ModelAdmin):
    """Submitted findings waiting for a decision, the longest-waiting first."""

    list_display = ["title", "consortium", "submitted_at", "round", "version"]
    list_display_links = ["title"]
    list_filter = ["consortium"]
    search_fields = ["title", "summary", "consortium__short_name"]
    list_select_related = ["consortium"]
    actions = [publish_findings, request_changes, reject_findings]
    change_form_template = "admin/findings/submittedfinding/review.html"

    def get_queryset(self, request):
        submit = Q(reviews__decision=ReviewDecision.SUBMIT)
        # Not super(): it orders by get_ordering() before the annotation exists.
        return (
            self.model._default_manager.filter(status=FindingStatus.SUBMITTED)
            .annotate(
                submitted_at=Max("reviews__created_at", filter=submit),
                submission_count=Count("reviews", filter=submit),
            )
            .order_by(*self.get_ordering(request))
        )

    def get_ordering(self, request):
        # The annotation from get_queryset: the longest-waiting submission first.
        return ["submitted_at", "pk"]

    @admin.display(description=_("submitted"), ordering="submitted_at")
    def submitted_at(self, finding):
        return finding.submitted_at

    @admin.display(description=_("round"), ordering="submission_count")
    def round(self, finding):
        return finding.submission_count

    def has_module_permission(self, request):
        return is_curator(request.user)

    def has_view_permission(self, request, obj=None):
        return is_curator(request.user)

    def has_change_permission(self, request, obj=None):
        return is_curator(request.user)

    def has_review_permission(self, request):
        return is_curator(request.user)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The review page. A decision button leads to a confirmation page (no JavaScript
        needed); only its "Yes" button takes the decision, "Go back" returns with the comment
        kept."""
        if not is_curator(request.user):
            raise PermissionDenied
        finding = get_object_or_404(self.get_queryset(request), pk=object_id)
        form = ReviewPageForm(request.POST if request.method == "POST" else None)
        if form.is_bound and not form.is_valid():
            # The buttons and the hidden version have no place to show an error: a message.
            for field in ("decision", "version"):
                for error in form.errors.get(field, []):
                    self.message_user(request, error, messages.ERROR)
        elif form.is_bound and "back" not in request.POST:
            decision = form.cleaned_data["decision"]
            try:
                if "confirmed" not in request.POST:
                    check_transition(finding.status, decision)
                    check_comment(decision, form.cleaned_data["comment"])
                    return self._confirmation_page(request, finding, form)
                services.DECISION_SERVICES[decision](
                    finding=finding,
                    user=request.user,
                    comment=form.cleaned_data["comment"],
                    expected_version=form.cleaned_data["version"],
                )
            except FindingError as error:
                form.add_error("comment", str(error))
            else:
                finding.refresh_from_db()
                self.message_user(
                    request,
                    gettext("“%(finding)s” is now %(status)s; the members were notified by e-mail.")
                    % {"finding": finding, "status": finding.get_status_display().lower()},
                )
                return HttpResponseRedirect(reverse("admin:findings_submittedfinding_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Review “%(finding)s”") % {"finding": finding},
            "opts": self.model._meta,
            "original": finding,
            "finding": finding,
            "body_html": render_markdown(finding.body),
            "diff": diff_since_previous_submission(finding),
            "reviews": finding.reviews.select_related("reviewer"),
            "sources": finding.sources.all(),
            "attachments": finding.attachments.all(),
            "form": form,
            "full_admin_url": reverse("admin:findings_finding_change", args=[finding.pk]),
            "history_url": reverse("admin:findings_finding_history", args=[finding.pk]),
            "has_view_permission": True,
        }
        return TemplateResponse(request, self.change_form_template, context)

    def _confirmation_page(self, request, finding, form):
        decision = form.cleaned_data["decision"]
        return TemplateResponse(
            request,
            "admin/findings/submittedfinding/review_confirmation.html",
            {
                **self.admin_site.each_context(request),
                "title": REVIEW_PAGE_QUESTIONS[decision] % {"finding": finding},
                "opts": self.model._meta,
                "original": finding,
                "finding": finding,
                "decision": decision,
                "confirm_label": REVIEW_PAGE_CONFIRMATIONS[decision],
                "button_class": DECISION_BUTTON_CLASSES[decision],
                "comment": form.cleaned_data["comment"].strip(),
                "version": form.cleaned_data["version"],
            },
        )
