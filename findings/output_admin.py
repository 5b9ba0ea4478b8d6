"""Outputs in the admin: curators correct them and take the review's decisions there.

A decision is taken in the output's own form (a "Decision" choice and a comment): the form
offers only the steps the workflow table allows this curator now, and the service
(``findings.output_services.output_decide``) takes it, so the admin never re-implements a
check. The review queue (submitted outputs) is the same admin on a narrower list.
"""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from . import output_services, output_workflow
from .enums import FindingStatus
from .exceptions import FindingError
from .output_models import Output, OutputFile, OutputReview, SubmittedOutput
from .permissions import is_curator
from .workflow import ADMIN


class OutputAdminForm(forms.ModelForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        required=False,
        help_text=_("Take a step of the review; the members are told in the output's record."),
    )
    decision_comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed to request changes, reject or withdraw: the members will read it."),
    )

    class Meta:
        model = Output
        fields = [
            *("consortium", "output_type", "title", "slug", "summary", "people"),
            *("organisations", "date", "language", "licence", "url", "doi", "author"),
        ]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        steps = []
        if self.instance.pk and user is not None:
            steps = output_workflow.available(user, self.instance, ADMIN)
        self.fields["decision"].choices = [("", "—")] + [(str(t.action), t.label) for t in steps]

    def clean(self):
        cleaned = super().clean()
        action = cleaned.get("decision")
        if action:
            error = output_workflow.refusal(self.user, self.instance, action)
            if error is None:
                try:
                    output_workflow.check_comment(action, cleaned.get("decision_comment", ""))
                except FindingError as missing:
                    error = missing
            if error is not None:
                self.add_error("decision_comment" if error.http_status == 400 else None, str(error))
        return cleaned


class OutputReviewInline(admin.TabularInline):
    model = OutputReview
    extra = 0
    fields = ["decision", "reviewer", "comment", "created_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class OutputFileInline(admin.TabularInline):
    """An output's files, as a finding's attachments (``findings.admin.AttachmentInline``):
    curators remove them; uploads go through the members' form, which checks the content."""

    model = OutputFile
    extra = 0
    fields = ["title", "file", "content_type", "size", "uploaded_by", "uploaded_at"]
    # The file too: a replacement would skip the content check of findings.attachments.
    readonly_fields = ["file", "content_type", "size", "uploaded_by", "uploaded_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Output)
class OutputAdmin(admin.ModelAdmin):
    form = OutputAdminForm
    list_display = ["title", "output_type", "consortium", "status", "date"]
    list_select_related = ["consortium"]
    list_filter = ["status", "output_type", "consortium", "language", "licence"]
    search_fields = ["title", "summary", "consortium__short_name", "doi"]
    autocomplete_fields = ["consortium", "people", "organisations", "author"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["status", "published_at", "created_at", "updated_at"]
    inlines = [OutputFileInline, OutputReviewInline]
    fieldsets = [
        (None, {"fields": ["consortium", "output_type", "title", "slug", "summary"]}),
        (_("Authors"), {"fields": ["people", "organisations"]}),
        (_("Publication"), {"fields": ["date", "language", "licence", "url", "doi"]}),
        (_("Life cycle"), {"fields": ["status", "author", "created_at", "updated_at"]}),
        (_("Review"), {"fields": ["decision", "decision_comment"]}),
    ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)

        class WithUser(form):
            def __init__(self, *args, **inner):
                super().__init__(*args, user=request.user, **inner)

        return WithUser

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        # A new record has no decision yet; its review starts once it is saved.
        return fieldsets if obj is not None else fieldsets[:-1]

    def save_model(self, request, obj, form, change):
        if not change and obj.author_id is None:
            obj.author = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        action = form.cleaned_data.get("decision")
        if action:
            output = form.instance
            try:
                output_services.output_decide(
                    output=output,
                    user=request.user,
                    action=action,
                    comment=form.cleaned_data.get("decision_comment", ""),
                )
            except FindingError as error:  # a race: the form's check held a moment ago
                messages.error(request, str(error))
                return
            transition = output_workflow.OUTPUT_TRANSITIONS[action]
            messages.success(request, str(transition.done) % {"finding": output.title})


@admin.register(SubmittedOutput)
class SubmittedOutputAdmin(OutputAdmin):
    """The outputs waiting for a curator's decision."""

    list_filter = ["output_type", "consortium"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(status=FindingStatus.SUBMITTED)

    def has_add_permission(self, request):
        return False

    def has_module_permission(self, request):
        return is_curator(request.user)


@admin.register(OutputReview)
class OutputReviewAdmin(admin.ModelAdmin):
    """The review record is a log: it is read, never edited."""

    list_display = ["output", "decision", "reviewer", "created_at"]
    list_select_related = ["output", "reviewer"]
    list_filter = ["decision"]
    search_fields = ["output__title", "comment"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
