"""The members' workplace (``/me/``): their consortia's findings, written and submitted.

Thin views: forms validate, ``findings.services`` decide and save, ``findings.permissions``
say who sees what. A finding of another consortium answers 404 (its existence is not
disclosed); a step the finding's state does not allow answers 403 or a message.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Max, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_countries import countries

from consortia.enums import AccessRole
from consortia.models import Organisation
from consortia.permissions import consortia_for
from plp_portal.content_language import LANGUAGE_CODES, text_in, translations
from plp_portal.rate_limits import UPLOAD, rate_limited

from . import matching, output_services, pending_uploads, services, workflow
from .attachments import attachment_response
from .diffs import diff_since_previous_submission
from .enums import FindingStatus, ReviewDecision
from .exceptions import CommentRequired, FindingError, StaleVersion
from .form_errors import error_summary
from .forms import (
    AttachmentFormSet,
    ConsortiumPresetForm,
    FindingForm,
    FindingTranslationForm,
    SourceFormSet,
    StepForm,
    sources_from,
    uploads_from,
)
from .markdown import render_markdown
from .models import Finding
from .permissions import (
    can_edit_finding,
    can_translate_finding,
    findings_visible_to_member,
    needs_coordinator_signoff,
)
from .reactions.selectors import member_reactions

#: The dashboard's peer matches: for this many of the member's organisations, this many each.
DASHBOARD_ORGANISATIONS = 12
DASHBOARD_MATCHES = 3

# The dashboard's order: what needs the member's action first.
DASHBOARD_ORDER = [
    FindingStatus.CHANGES_REQUESTED,
    FindingStatus.DRAFT,
    FindingStatus.AWAITING_SIGNOFF,
    FindingStatus.SUBMITTED,
    FindingStatus.PUBLISHED,
    FindingStatus.REJECTED,
    FindingStatus.WITHDRAWN,
]


def refused(request, error: FindingError, finding: Finding | None = None):
    """The site's answer to a refused step: the service's sentence, with its status (403
    not permitted, 409 not in this state or a newer version, 400 a comment missing) — the
    same answer the API and the admin give."""
    return render(
        request,
        "members/refused.html",
        {"error": error, "finding": finding},
        status=error.http_status,
    )


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
    # Peer matches of the organisations in the member's own consortia (findings.matching).
    own = list(
        Organisation.objects.filter(memberships__consortium__in=consortia)
        .distinct()
        .order_by("name")[:DASHBOARD_ORGANISATIONS]
    )
    best = matching.best_matches(own, limit=DASHBOARD_MATCHES)
    return render(
        request,
        "members/dashboard.html",
        {
            "matches": [(organisation, best[organisation.pk]) for organisation in own],
            "consortia": [(c, roles.get(c.pk)) for c in consortia],
            "groups": groups,
            "needs_action": by_status[FindingStatus.CHANGES_REQUESTED],
            "signoff_count": signoff_queue_for(request.user).count(),
            "reactions": member_reactions(request.user),
            "outputs": output_services.member_outputs(request.user),
        },
    )


def claim_initial(finding) -> dict:
    """The claim's fields as the member form shows them (findings.claims)."""
    initial = {
        "kind": finding.kind,
        "levers": list(finding.levers.all()),
        "levels": list(finding.levels.all()),
        "sdg_targets": [target.code for target in finding.sdg_targets.all()],
    }
    for item in finding.evidence.all():
        initial[f"evidence_{item.kind}"] = True
        initial[f"evidence_{item.kind}_count"] = item.count
    return initial


def _forms(request, *, finding=None, consortia=None, initial=None):
    bound = request.method == "POST"
    data = request.POST if bound else None
    files = request.FILES if bound else None
    form = FindingForm(
        data, consortia=consortia, finding=finding, initial=initial, user=request.user
    )
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
    return _detail_page(request, finding)


def _detail_page(request, finding, *, step_form=None, step=None, status=200):
    """The finding in the members' workplace, with the steps the table offers this person
    now (submit; sign off or send back for a coordinator). A refused step shows the page
    again with the service's sentence, at the refusal's status."""
    transitions = workflow.available(request.user, finding, workflow.SITE)
    steps = []
    for transition in transitions:
        form = step_form if step == transition.action else None
        steps.append(
            {
                "transition": transition,
                "form": form or StepForm(transition, initial={"version": finding.version}),
            }
        )
    return render(
        request,
        "members/finding_detail.html",
        {
            "finding": finding,
            "body_html": render_markdown(finding.body),
            # A decision a curator keeps pending is theirs until released: "under review".
            "reviews": finding.reviews.released().select_related("reviewer"),
            "sources": finding.sources.all(),
            "attachments": finding.attachments.all(),
            "outputs": output_services.finding_outputs_for_member(finding, request.user),
            "can_edit": can_edit_finding(request.user, finding),
            "translation_languages": (
                [code for code in LANGUAGE_CODES if code != finding.language]
                if can_translate_finding(request.user, finding)
                else []
            ),
            "steps": steps,
            "signing_off": any(t.action == ReviewDecision.APPROVE for t in transitions),
            "diff": (
                diff_since_previous_submission(finding)
                if finding.status == FindingStatus.AWAITING_SIGNOFF
                else None
            ),
            "goes_to_signoff": needs_coordinator_signoff(finding),
        },
        status=status,
    )


@login_required
@rate_limited(UPLOAD)
def finding_edit(request, slug):
    finding = _member_finding(request, slug)
    refusal = services.finding_edit_refusal(finding=finding, user=request.user)
    if refusal is not None:
        return refused(request, refusal, finding)
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
        "outputs": list(finding.outputs.all()),
        **claim_initial(finding),
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
    refusal = services.finding_translation_refusal(finding=finding, user=request.user)
    if refusal is not None:
        return refused(request, refusal, finding)
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
def finding_step(request, slug, action):
    """Take a step of the workflow table offered on the site (submit, sign off, send back).
    The service decides; a refusal answers with its status and sentence."""
    finding = _member_finding(request, slug)
    try:
        transition = workflow.transition_for(action.replace("-", "_"))
    except ValueError:
        raise Http404("No such step.") from None
    if workflow.SITE not in transition.doors:
        raise Http404("No such step here.")
    form = StepForm(transition, request.POST)
    if not form.is_valid():
        return _detail_page(request, finding, step_form=form, step=transition.action, status=400)
    try:
        services.finding_decide(
            finding=finding,
            user=request.user,
            action=transition.action,
            comment=form.cleaned_data["comment"],
            expected_version=form.cleaned_data["version"],
        )
    except FindingError as error:
        if transition not in workflow.available(request.user, finding, workflow.SITE):
            return refused(request, error, finding)  # not a step this page offers them
        form.add_error("comment" if isinstance(error, CommentRequired) else None, str(error))
        return _detail_page(
            request, finding, step_form=form, step=transition.action, status=error.http_status
        )
    messages.success(request, transition.done % {"finding": finding.title})
    if transition.action in (ReviewDecision.APPROVE, ReviewDecision.SEND_BACK):
        return redirect("members:signoff_queue")
    return redirect("members:finding_detail", slug=finding.slug)


def finding_submit(request, slug):
    return finding_step(request, slug, ReviewDecision.SUBMIT)


def signoff_queue_for(user):
    """The submissions waiting for this coordinator's sign-off: their consortia's, never
    their own, the longest-waiting first."""
    return (
        findings_visible_to_member(user)
        .filter(
            status=FindingStatus.AWAITING_SIGNOFF,
            consortium__accesses__user=user,
            consortium__accesses__role=AccessRole.COORDINATOR,
        )
        .exclude(author=user)
        .annotate(
            submitted_at=Max(
                "reviews__created_at", filter=Q(reviews__decision=ReviewDecision.SUBMIT)
            )
        )
        .select_related("consortium", "author")
        .order_by("submitted_at", "pk")
    )


@login_required
def signoff_queue(request):
    """A coordinator's queue: their members' submissions to sign off, oldest first."""
    page = Paginator(signoff_queue_for(request.user), 25).get_page(request.GET.get("page"))
    return render(request, "members/signoff_queue.html", {"page": page})


@login_required
def attachment_download(request, slug, pk):
    """Attachments of unpublished findings are served only to their consortium."""
    finding = _member_finding(request, slug)
    return attachment_response(get_object_or_404(finding.attachments, pk=pk))
