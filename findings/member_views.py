"""The members' workplace (``/me/``): their consortia's findings, written and submitted.

Thin views: forms validate, ``findings.services`` decide and save, ``findings.permissions``
say who sees what. A finding of another consortium answers 404 (its existence is not
disclosed); a step the finding's state does not allow answers 403 or a message.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_countries import countries

from consortia.permissions import consortia_for
from plp_portal.content_language import LANGUAGE_CODES, text_in, translations
from plp_portal.rate_limits import UPLOAD, rate_limited

from . import pending_uploads, services
from .attachments import attachment_response
from .enums import FindingStatus
from .exceptions import FindingError, StaleVersion
from .form_errors import error_summary
from .forms import (
    AttachmentFormSet,
    ConsortiumPresetForm,
    FindingForm,
    FindingTranslationForm,
    SourceFormSet,
    SubmitForm,
    sources_from,
    uploads_from,
)
from .markdown import render_markdown
from .models import Finding
from .permissions import can_edit_finding, can_translate_finding, findings_visible_to_member

# The dashboard's order: what needs the member's action first.
DASHBOARD_ORDER = [
    FindingStatus.CHANGES_REQUESTED,
    FindingStatus.DRAFT,
    FindingStatus.SUBMITTED,
    FindingStatus.PUBLISHED,
    FindingStatus.REJECTED,
    FindingStatus.WITHDRAWN,
]


def _member_finding(request, slug: str) -> Finding:
    return get_object_or_404(
        findings_visible_to_member(request.user).select_related("consortium", "author"),
        slug=slug,
    )


@login_required
def dashboard(request):
    consortia = consortia_for(request.user).order_by("short_name")
    roles = dict(request.user.consortium_accesses.values_list("consortium_id", "role"))
    findings = findings_visible_to_member(request.user).select_related("consortium")
    by_status = {status: [] for status in DASHBOARD_ORDER}
    for finding in findings.order_by("-updated_at"):
        by_status[finding.status].append(finding)
    groups = [
        {"status": status, "label": FindingStatus(status).label, "findings": by_status[status]}
        for status in DASHBOARD_ORDER
        if by_status[status]
    ]
    return render(
        request,
        "members/dashboard.html",
        {
            "consortia": [(c, roles.get(c.pk)) for c in consortia],
            "groups": groups,
            "needs_action": by_status[FindingStatus.CHANGES_REQUESTED],
        },
    )


def _forms(request, *, finding=None, consortia=None, initial=None):
    bound = request.method == "POST"
    data = request.POST if bound else None
    files = request.FILES if bound else None
    form = FindingForm(data, consortia=consortia, finding=finding, initial=initial)
    sources = SourceFormSet(data, prefix="sources", initial=(initial or {}).get("sources"))
    uploads = AttachmentFormSet(data, files, prefix="attachments")
    return form, sources, uploads


def _add_service_error(form, error: Exception) -> None:
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, str(error) if isinstance(error, FindingError) else error)


def _chosen_files(uploads) -> list[dict]:
    """The files of the upload rows that passed their checks, even if another row did not."""
    return [
        {"title": row.cleaned_data.get("title", ""), "file": row.cleaned_data["file"]}
        for row in uploads.forms
        if "file" not in row.errors and getattr(row, "cleaned_data", {}).get("file")
    ]


def _finding_form_page(request, *, form, sources, uploads, save, finding=None):
    """The new-finding and edit pages. `save(sources, attachments)` writes and returns the
    redirect; a failed save, an error or a preview brings the form back with the files
    chosen so far kept on the server (findings.pending_uploads)."""
    pending, preview = [], None
    if request.method == "POST":
        pending = pending_uploads.carried(request)
        valid = all([form.is_valid(), sources.is_valid(), uploads.is_valid()])
        if valid and request.POST.get("action") == "preview":
            preview = render_markdown(form.cleaned_data["body"])
        elif valid:
            kept_files, response = [kept.for_service() for kept in pending], None
            try:
                response = save(sources_from(sources), uploads_from(uploads) + kept_files)
            except (FindingError, ValidationError) as error:
                _add_service_error(form, error)
            finally:
                for kept in kept_files:
                    kept["file"].close()
            if response is not None:
                pending_uploads.forget(request, [kept.token for kept in pending])
                return response
        pending += pending_uploads.keep(request, _chosen_files(uploads))
    return render(
        request,
        "members/finding_form.html",
        {
            "form": form,
            "sources": sources,
            "uploads": uploads,
            "finding": finding,
            "preview": preview,
            "pending_uploads": pending,
            "errors": error_summary(form, sources, uploads) if form.is_bound else [],
            "country_names": [name for _code, name in countries],
        },
    )


@login_required
@rate_limited(UPLOAD)
def finding_create(request):
    consortia = consortia_for(request.user).order_by("short_name")
    if not consortia.exists():
        raise PermissionDenied(_("Your account does not act for any consortium."))
    initial = {}
    if request.GET.get("consortium"):
        preset = ConsortiumPresetForm(request.GET, consortia=consortia)
        if not preset.is_valid():
            raise Http404("You do not belong to that consortium.")
        initial["consortium"] = preset.cleaned_data["consortium"]
    form, sources, uploads = _forms(request, consortia=consortia, initial=initial)

    def save(source_list, attachments):
        fields = form.service_fields()
        fields.pop("remove_attachments", None)
        finding = services.finding_create(
            user=request.user,
            consortium=form.cleaned_data["consortium"],
            sources=source_list,
            add_attachments=attachments,
            **fields,
        )
        messages.success(request, _("Draft “%(title)s” saved.") % {"title": finding.title})
        return redirect("members:finding_detail", slug=finding.slug)

    return _finding_form_page(request, form=form, sources=sources, uploads=uploads, save=save)


@login_required
def finding_detail(request, slug):
    finding = _member_finding(request, slug)
    actions = services.allowed_actions(request.user, finding)
    return render(
        request,
        "members/finding_detail.html",
        {
            "finding": finding,
            "body_html": render_markdown(finding.body),
            "reviews": finding.reviews.select_related("reviewer"),
            "sources": finding.sources.all(),
            "attachments": finding.attachments.all(),
            "can_edit": can_edit_finding(request.user, finding),
            "translation_languages": (
                [code for code in LANGUAGE_CODES if code != finding.language]
                if can_translate_finding(request.user, finding)
                else []
            ),
            "submit_form": (
                SubmitForm(initial={"version": finding.version}) if "submit" in actions else None
            ),
        },
    )


@login_required
@rate_limited(UPLOAD)
def finding_edit(request, slug):
    finding = _member_finding(request, slug)
    if not can_edit_finding(request.user, finding):
        raise PermissionDenied(
            _(
                "“%(title)s” is %(status)s: members can edit a finding only while it is a draft "
                "or changes are requested."
            )
            % {"title": finding.title, "status": finding.get_status_display().lower()}
        )
    # The form edits the original text; translations have their own page.
    initial = {
        "title": text_in(finding, "title", finding.language),
        "summary": text_in(finding, "summary", finding.language),
        "body": text_in(finding, "body", finding.language),
        "themes": list(finding.themes.all()),
        "sdgs": list(finding.sdgs.all()),
        "countries": [c.code for c in finding.countries],
        "version": finding.version,
        "sources": [{"label": s.label, "url": s.url} for s in finding.sources.all()],
    }
    form, sources, uploads = _forms(request, finding=finding, initial=initial)

    def save(source_list, attachments):
        services.finding_update(
            finding=finding,
            user=request.user,
            expected_version=form.cleaned_data["version"],
            sources=source_list,
            add_attachments=attachments,
            **form.service_fields(),
        )
        messages.success(request, _("Changes to “%(title)s” saved.") % {"title": finding.title})
        return redirect("members:finding_detail", slug=finding.slug)

    return _finding_form_page(
        request, form=form, sources=sources, uploads=uploads, save=save, finding=finding
    )


@login_required
def finding_translate(request, slug, language):
    """Add or change the finding's translation into ``language``."""
    finding = _member_finding(request, slug)
    if language not in LANGUAGE_CODES or language == finding.language:
        raise Http404("No such translation.")
    if not can_translate_finding(request.user, finding):
        raise PermissionDenied(
            f"“{finding.title}” is {finding.get_status_display().lower()}: members translate a "
            "finding while it is a draft, has changes requested or is submitted."
        )
    own = translations(finding, language)
    form = FindingTranslationForm(request.POST or None, initial={**own, "version": finding.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.finding_translate(
                finding=finding,
                user=request.user,
                language=language,
                expected_version=form.cleaned_data["version"],
                title=form.cleaned_data["title"],
                summary=form.cleaned_data["summary"],
                body=form.cleaned_data["body"],
            )
        except StaleVersion as error:
            form.add_error(None, str(error))
        except (FindingError, ValidationError) as error:
            _add_service_error(form, error)
        else:
            messages.success(request, _("Translation saved."))
            return redirect("members:finding_detail", slug=finding.slug)
    return render(
        request,
        "members/finding_translate.html",
        {
            "finding": finding,
            "form": form,
            "language": language,
            "original": {
                field: text_in(finding, field, finding.language)
                for field in ("title", "summary", "body")
            },
        },
    )


@require_POST
@login_required
def finding_submit(request, slug):
    finding = _member_finding(request, slug)
    form = SubmitForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The submission form was incomplete: reload the page and retry."))
        return redirect("members:finding_detail", slug=finding.slug)
    try:
        services.finding_submit(
            finding=finding,
            user=request.user,
            comment=form.cleaned_data["comment"],
            expected_version=form.cleaned_data["version"],
        )
    except FindingError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("“%(title)s” was submitted to the curators for review.") % {"title": finding.title},
        )
    return redirect("members:finding_detail", slug=finding.slug)


@login_required
def attachment_download(request, slug, pk):
    """Attachments of unpublished findings are served only to their consortium."""
    finding = _member_finding(request, slug)
    return attachment_response(get_object_or_404(finding.attachments, pk=pk))
