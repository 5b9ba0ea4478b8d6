"""The members' pages for outputs (``/me/outputs/…``): record, edit, submit.

Thin views, as ``findings.member_views``: the form validates, ``findings.output_services``
decide and save, the workflow table (``findings.output_workflow``) says which steps this
person may take. An output of another consortium answers 404; a refused step answers with
the service's sentence and status (``members/refused.html``).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consortia.models import Consortium
from consortia.permissions import consortia_for
from plp_portal.rate_limits import UPLOAD, rate_limited

from . import output_services, output_workflow, pending_uploads, workflow
from .exceptions import CommentRequired, FindingError
from .form_errors import error_summary
from .forms import AttachmentFormSet, StepForm, uploads_from
from .member_views import _chosen_files, refused
from .output_forms import OutputForm
from .output_models import Output
from .output_selectors import OUTPUT_FILES_LIMIT


def _member_output(request, slug: str) -> Output:
    return get_object_or_404(
        output_services.outputs_visible_to_member(request.user).select_related(
            "consortium", "author"
        ),
        slug=slug,
    )


def _add_service_error(form, error: Exception) -> None:
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, str(error) if isinstance(error, FindingError) else error)


#: The file rows' prefix on the output's form.
FILES_PREFIX = "files"


def _form_page(request, *, form, save, output=None):
    """The new-output and edit pages, as a finding's (``findings.member_views``): the files
    go through the attachments' formset and checks; a form that comes back keeps the files
    chosen so far on the server (``findings.pending_uploads``). ``save(files)`` writes and
    returns the redirect."""
    bound = request.method == "POST"
    # A post without the file rows (a script, an older page) adds no files.
    with_files = bound and f"{FILES_PREFIX}-TOTAL_FORMS" in request.POST
    uploads = AttachmentFormSet(
        request.POST if with_files else None,
        request.FILES if with_files else None,
        prefix=FILES_PREFIX,
    )
    pending = []
    if bound:
        pending = pending_uploads.carried(request)
        if all([form.is_valid(), not with_files or uploads.is_valid()]):
            kept_files, response = [kept.for_service() for kept in pending], None
            chosen = uploads_from(uploads) if with_files else []
            try:
                response = save(chosen + kept_files)
            except (FindingError, ValidationError) as error:
                _add_service_error(form, error)
            finally:
                for kept in kept_files:
                    kept["file"].close()
            if response is not None:
                pending_uploads.forget(request, [kept.token for kept in pending])
                return response
        pending += pending_uploads.keep(request, _chosen_files(uploads))
    errors = form.errors or (with_files and not uploads.is_valid())
    return render(
        request,
        "members/output_form.html",
        {
            "form": form,
            "output": output,
            "uploads": uploads,
            "pending_uploads": pending,
            "errors": error_summary(form, uploads) if form.is_bound else [],
        },
        status=400 if bound and errors else 200,
    )


@login_required
@rate_limited(UPLOAD)
def output_create(request):
    consortia = consortia_for(request.user).order_by("short_name")
    if not consortia.exists():
        raise PermissionDenied(_("Your account does not act for any consortium."))
    form = OutputForm(request.POST or None, consortia=consortia)

    def save(files):
        output = output_services.output_create(
            user=request.user,
            consortium=form.cleaned_data["consortium"],
            add_files=files,
            **form.service_fields(),
        )
        messages.success(request, _("Draft “%(title)s” saved.") % {"title": output.title})
        return redirect("members:output_detail", slug=output.slug)

    return _form_page(request, form=form, save=save)


@login_required
@rate_limited(UPLOAD)
def output_edit(request, slug):
    output = _member_output(request, slug)
    refusal = output_services.output_edit_refusal(output=output, user=request.user)
    if refusal is not None:
        return refused(request, refusal)
    consortia = Consortium.objects.filter(pk=output.consortium_id)
    form = OutputForm(request.POST or None, instance=output, consortia=consortia)

    def save(files):
        output_services.output_update(
            output=Output.objects.get(pk=output.pk),
            user=request.user,
            add_files=files,
            **form.service_fields(),
        )
        messages.success(request, _("Changes to “%(title)s” saved.") % {"title": output.title})
        return redirect("members:output_detail", slug=output.slug)

    return _form_page(request, form=form, save=save, output=output)


@login_required
def output_detail(request, slug):
    return _detail_page(request, _member_output(request, slug))


def _detail_page(request, output, *, step_form=None, step=None, status=200):
    steps = [
        {
            "transition": transition,
            "form": (step_form if step == transition.action else None)
            or StepForm(transition, initial={"version": 1}),
        }
        for transition in output_workflow.available(request.user, output, workflow.SITE)
    ]
    return render(
        request,
        "members/output_detail.html",
        {
            "output": output,
            "reviews": output.reviews.select_related("reviewer"),
            # Served by the view that checks who may see the output (its members may).
            "files": output.files.order_by("uploaded_at", "id")[:OUTPUT_FILES_LIMIT],
            "can_edit": output_services.output_edit_refusal(output=output, user=request.user)
            is None,
            "steps": steps,
        },
        status=status,
    )


@require_POST
@login_required
def output_step(request, slug, action):
    """Take a step the table offers on the site (submit, sign off, send back)."""
    output = _member_output(request, slug)
    try:
        transition = output_workflow.OUTPUT_TRANSITIONS[action.replace("-", "_")]
    except KeyError:
        raise Http404("No such step.") from None
    if workflow.SITE not in transition.doors:
        raise Http404("No such step here.")
    form = StepForm(transition, request.POST)
    if not form.is_valid():
        return _detail_page(request, output, step_form=form, step=transition.action, status=400)
    try:
        output_services.output_decide(
            output=output,
            user=request.user,
            action=transition.action,
            comment=form.cleaned_data["comment"],
        )
    except FindingError as error:
        if transition not in output_workflow.available(request.user, output, workflow.SITE):
            return refused(request, error)
        form.add_error("comment" if isinstance(error, CommentRequired) else None, str(error))
        return _detail_page(
            request, output, step_form=form, step=transition.action, status=error.http_status
        )
    messages.success(request, transition.done % {"finding": output.title})
    return redirect("members:output_detail", slug=output.slug)
