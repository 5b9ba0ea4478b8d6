"""The curators' side of the workflow in the admin.

- ``FindingCurationMixin`` goes first in ``FindingAdmin``'s bases: content edits go through
  ``findings.services.finding_save_as_curator`` (status untouched, version checked and
  bumped, also when restoring an old version from the history), and the decision actions
  call the services. Deleting goes through the service too: ``findings.admin_delete``.
- ``SubmittedFindingAdmin`` is the review queue: submitted findings, oldest submission
  first, each with the diff since its previous submission and the decision buttons.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Min, OuterRef, Prefetch, Q, Subquery
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from . import services, workflow
from .admin_delete import FindingDeletionMixin
from .diffs import diff_since_previous_submission
from .enums import FindingStatus, ReviewDecision
from .exceptions import FindingError, StaleVersion
from .forms import DecisionForm
from .markdown import render_markdown
from .models import Finding, PendingDecision, Review, SubmittedFinding
from .permissions import is_curator
from .workflow import check_comment

# ---------------------------------------------------------------- actions

#: Each decision looks like what it does (the table's ``style``): publishing is the main
#: step, asking for changes a secondary one, rejecting and withdrawing destructive ones.
BUTTON_CLASSES = {
    "primary": "plp-button plp-button--primary",
    "secondary": "plp-button plp-button--secondary",
    "danger": "plp-button plp-button--danger",
}


class BulkDecisionForm(DecisionForm):
    pending = forms.BooleanField(
        required=False,
        label=_(
            "Keep the decisions pending: release them later (nothing is public and nobody "
            "is told until then)"
        ),
    )


def _decision_action(transition):
    service = services.DECISION_SERVICES[transition.action]

    def action(modeladmin, request, queryset):
        if not is_curator(request.user):
            raise PermissionDenied(gettext("Only curators take decisions on findings."))
        form = BulkDecisionForm(request.POST if "apply" in request.POST else None)
        if "apply" in request.POST and form.is_valid():
            pending = transition.may_be_pending and form.cleaned_data["pending"]
            done = 0
            for finding in queryset:
                try:
                    service(
                        finding=finding,
                        user=request.user,
                        comment=form.cleaned_data["comment"],
                        pending=pending,
                    )
                except FindingError as error:
                    modeladmin.message_user(
                        request,
                        gettext("“%(finding)s”: %(error)s") % {"finding": finding, "error": error},
                        messages.ERROR,
                    )
                else:
                    done += 1
            if done and pending:
                modeladmin.message_user(
                    request,
                    ngettext(
                        "%(count)d decision kept pending: nothing is public and nobody is told "
                        "until you release it.",
                        "%(count)d decisions kept pending: nothing is public and nobody is told "
                        "until you release them.",
                        done,
                    )
                    % {"count": done},
                )
            elif done:
                modeladmin.message_user(request, transition.bulk_done % {"count": done})
            return None
        return TemplateResponse(
            request,
            "admin/findings/decision_confirmation.html",
            {
                **modeladmin.admin_site.each_context(request),
                "title": transition.bulk_question,
                "opts": modeladmin.model._meta,
                "findings": queryset,
                "form": form,
                "transition": transition,
                "comment_required": transition.comment_required,
                "action_name": request.POST.get("action"),
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                "button_class": BUTTON_CLASSES[transition.style],
                "question": transition.bulk_question,
                "confirm_label": transition.bulk_confirm,
            },
        )

    action.__name__ = f"decide_{transition.action}"
    action.short_description = transition.bulk_action
    action.allowed_permissions = ("review",)
    return action


#: One admin action per transition the admin offers, in the table's order.
DECISION_ACTIONS = [_decision_action(t) for t in workflow.at_door(workflow.ADMIN)]
#: The actions for findings under review (the queue): those from "submitted".
QUEUE_ACTIONS = [
    action
    for action, transition in zip(DECISION_ACTIONS, workflow.at_door(workflow.ADMIN), strict=True)
    if FindingStatus.SUBMITTED in transition.sources
]


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

    @staticmethod
    def _restored_version(request):
        """The history record being restored, read from the URL (simple_history's
        ``history_form_view`` answers ``…/history/<version_id>/``), or ``None``."""
        match = getattr(request, "resolver_match", None)
        if match is None or not match.url_name.endswith("_simple_history"):
            return None
        object_id, version_id = match.args[:2]
        return Finding.history.filter(id=object_id, history_id=version_id).first()

    def get_form(self, request, obj=None, **kwargs):
        form_class = super().get_form(request, obj, **kwargs)
        record = self._restored_version(request)
        if record is None:
            return form_class
        # The form would show today's themes and SDGs: offer the recorded ones instead.
        relations = {
            "themes": [row.theme_id for row in record.themes.all()],
            "sdgs": [row.sdg_id for row in record.sdgs.all()],
        }

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
        restoring = self._restored_version(request) is not None
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


class ReviewPageForm(DecisionForm):
    """The review page: the comment, the decision button pressed and the version read."""

    decision = forms.TypedChoiceField(
        # Every step: the service answers one a curator may not take with its refusal.
        choices=[(t.action.value, t.action.label) for t in workflow.TRANSITIONS.values()],
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
    pending = forms.BooleanField(
        required=False,
        label=_("Keep the decision pending: release it later with others"),
        help_text=_("Nothing is public and nobody is told until you release it."),
    )


@admin.register(SubmittedFinding)
class SubmittedFindingAdmin(FindingDeletionMixin, admin.ModelAdmin):
    """Submitted findings waiting for a decision, the longest-waiting first."""

    list_display = ["title", "consortium", "submitted_at", "round", "pending", "version"]
    list_display_links = ["title"]
    list_filter = ["consortium"]
    search_fields = ["title", "summary", "consortium__short_name"]
    list_select_related = ["consortium"]
    actions = QUEUE_ACTIONS
    change_form_template = "admin/findings/submittedfinding/review.html"

    def get_queryset(self, request):
        submit = Q(reviews__decision=ReviewDecision.SUBMIT)
        # Not super(): it orders by get_ordering() before the annotation exists.
        return (
            self.model._default_manager.filter(status=FindingStatus.SUBMITTED)
            .annotate(
                submitted_at=Max("reviews__created_at", filter=submit),
                submission_count=Count("reviews", filter=submit),
                pending_decision=Subquery(
                    Review.objects.pending().filter(finding=OuterRef("pk")).values("decision")[:1]
                ),
            )
            .order_by(*self.get_ordering(request))
        )

    def get_ordering(self, request):
        # The annotation from get_queryset: the longest-waiting submission first.
        return ["submitted_at", "pk"]

    @admin.display(description=_("submitted"), ordering="submitted_at")
    def submitted_at(self, finding):
        return finding.submitted_at

    @admin.display(description=_("pending decision"))
    def pending(self, finding):
        if not finding.pending_decision:
            return "—"
        return _pending_label(finding.pending_decision)

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
        kept. A refused decision shows the page again with the service's sentence, answered
        with the refusal's status (403, 409; 400 for a missing comment)."""
        if not is_curator(request.user):
            raise PermissionDenied
        # Any finding: the page offers the decisions the table allows on it now (withdrawing
        # a published one too); the queue lists the submitted ones.
        finding = get_object_or_404(Finding.objects.select_related("consortium"), pk=object_id)
        form = ReviewPageForm(request.POST if request.method == "POST" else None)
        status = 200
        if form.is_bound and not form.is_valid():
            # The buttons and the hidden version have no place to show an error: a message.
            for field in ("decision", "version"):
                for error in form.errors.get(field, []):
                    self.message_user(request, error, messages.ERROR)
        elif form.is_bound and "back" not in request.POST:
            decision = form.cleaned_data["decision"]
            pending = form.cleaned_data["pending"]
            try:
                if "confirmed" not in request.POST:
                    workflow.check(request.user, finding, decision)
                    check_comment(decision, form.cleaned_data["comment"])
                    return self._confirmation_page(request, finding, form)
                services.finding_decide(
                    finding=finding,
                    user=request.user,
                    action=decision,
                    comment=form.cleaned_data["comment"],
                    expected_version=form.cleaned_data["version"],
                    pending=pending,
                )
            except FindingError as error:
                form.add_error("comment", str(error))
                status = error.http_status
            else:
                transition = workflow.transition_for(decision)
                if pending:
                    message = gettext(
                        "Your decision on “%(finding)s” is kept pending: nothing is public and "
                        "nobody is told until you release it."
                    )
                else:
                    message = transition.done
                self.message_user(request, message % {"finding": finding})
                return HttpResponseRedirect(reverse("admin:findings_submittedfinding_changelist"))
        transitions = workflow.available(request.user, finding, workflow.ADMIN)
        pending = services.pending_decision(finding)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Review “%(finding)s”") % {"finding": finding},
            "opts": self.model._meta,
            "original": finding,
            "finding": finding,
            "body_html": render_markdown(finding.body),
            "diff": diff_since_previous_submission(finding),
            "reviews": finding.reviews.select_related("reviewer"),
            "pending": pending,
            "pending_label": _pending_label(pending.decision) if pending else "",
            "sources": finding.sources.all(),
            "attachments": finding.attachments.all(),
            "form": form,
            "decisions": [
                {"transition": t, "button_class": BUTTON_CLASSES[t.style]} for t in transitions
            ],
            "full_admin_url": reverse("admin:findings_finding_change", args=[finding.pk]),
            "history_url": reverse("admin:findings_finding_history", args=[finding.pk]),
            "has_view_permission": True,
        }
        return TemplateResponse(request, self.change_form_template, context, status=status)

    def _confirmation_page(self, request, finding, form):
        transition = workflow.transition_for(form.cleaned_data["decision"])
        return TemplateResponse(
            request,
            "admin/findings/submittedfinding/review_confirmation.html",
            {
                **self.admin_site.each_context(request),
                "title": transition.question % {"finding": finding},
                "opts": self.model._meta,
                "original": finding,
                "finding": finding,
                "transition": transition,
                "decision": transition.action,
                "pending": form.cleaned_data["pending"] and transition.may_be_pending,
                "confirm_label": transition.confirm,
                "button_class": BUTTON_CLASSES[transition.style],
                "comment": form.cleaned_data["comment"].strip(),
                "version": form.cleaned_data["version"],
            },
        )


# ---------------------------------------------------------------- pending decisions


def _pending_label(decision: str) -> str:
    """What a pending decision will do: the table's button label ("Publish")."""
    return str(workflow.transition_for(decision).label).rstrip("…")


def release_selected(modeladmin, request, queryset):
    released = 0
    for finding in queryset:
        try:
            services.finding_release(finding=finding, user=request.user)
        except FindingError as error:
            modeladmin.message_user(
                request,
                gettext("“%(finding)s”: %(error)s") % {"finding": finding, "error": error},
                messages.ERROR,
            )
        else:
            released += 1
    if released:
        modeladmin.message_user(request, _released_message(released))


release_selected.short_description = _("Release the selected decisions")
release_selected.allowed_permissions = ("review",)


def _released_message(count: int) -> str:
    return ngettext(
        "%(count)d decision released; the members were notified by e-mail.",
        "%(count)d decisions released; the members were notified by e-mail.",
        count,
    ) % {"count": count}


@admin.register(PendingDecision)
class PendingDecisionAdmin(admin.ModelAdmin):
    """Decisions curators recorded and keep pending, the oldest first: change one on the
    finding's review page, release one, some or all at once."""

    list_display = ["title", "consortium", "pending_decision", "decided_by", "decided_at"]
    list_display_links = None
    list_select_related = ["consortium"]
    actions = [release_selected]
    change_list_template = "admin/findings/pendingdecision/change_list.html"

    def get_queryset(self, request):
        pending = Review.objects.pending().select_related("reviewer").order_by("created_at")
        return (
            self.model._default_manager.filter(pk__in=Review.objects.pending().values("finding"))
            .annotate(decided_at=Min("reviews__created_at", filter=Q(reviews__released_at=None)))
            .prefetch_related(Prefetch("reviews", queryset=pending, to_attr="pending"))
            .order_by("decided_at", "pk")
        )

    @admin.display(description=_("decision"))
    def pending_decision(self, finding):
        review = finding.pending[0]
        url = reverse("admin:findings_submittedfinding_change", args=[finding.pk])
        return format_html('<a href="{}">{}</a>', url, _pending_label(review.decision))

    @admin.display(description=_("decided by"))
    def decided_by(self, finding):
        return finding.pending[0].reviewer or "—"

    @admin.display(description=_("decided"), ordering="decided_at")
    def decided_at(self, finding):
        return finding.decided_at

    def has_module_permission(self, request):
        return is_curator(request.user)

    def has_view_permission(self, request, obj=None):
        return is_curator(request.user)

    def has_review_permission(self, request):
        return is_curator(request.user)

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        urls = [
            path(
                "release-all/",
                self.admin_site.admin_view(self.release_all_view),
                name="findings_pendingdecision_release_all",
            )
        ]
        return urls + super().get_urls()

    def release_all_view(self, request):
        """Release every pending decision: a confirmation page, then the release."""
        if not is_curator(request.user):
            raise PermissionDenied
        changelist = reverse("admin:findings_pendingdecision_changelist")
        if request.method == "POST":
            released = services.release_all(user=request.user)
            left = Review.objects.pending().count()
            if released:
                self.message_user(request, _released_message(len(released)))
            if left:
                self.message_user(
                    request,
                    ngettext(
                        "%(count)d decision could not be taken any more and stays pending: "
                        "change it on the finding's review page.",
                        "%(count)d decisions could not be taken any more and stay pending: "
                        "change them on the findings' review pages.",
                        left,
                    )
                    % {"count": left},
                    messages.WARNING,
                )
            return HttpResponseRedirect(changelist)
        return TemplateResponse(
            request,
            "admin/findings/pendingdecision/release_all.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Release every pending decision?"),
                "opts": self.model._meta,
                "count": Review.objects.pending().count(),
                "changelist_url": changelist,
            },
        )
