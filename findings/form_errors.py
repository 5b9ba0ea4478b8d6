"""The error summary at the top of a form: every error the page shows, each a link to its field
(GOV.UK's pattern), so nobody has to hunt for a message further down."""

from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class FieldError:
    #: "#id_title", or "" for an error of the whole form (shown at the top already).
    href: str
    label: str
    message: str


def error_summary(form, *formsets) -> list[FieldError]:
    """The errors of `form` and `formsets`, in the page's order."""
    errors = [FieldError("", "", str(message)) for message in form.non_field_errors()]
    errors += _field_errors(form)
    for formset in formsets:
        for message in formset.non_form_errors():
            errors.append(FieldError("", "", str(message)))
        for row in formset.forms:
            errors += [FieldError("", "", str(m)) for m in row.non_field_errors()]
            errors += _field_errors(row)
    return errors


def _field_errors(form) -> list[FieldError]:
    found = []
    for field in form:
        for message in field.errors:
            found.append(FieldError(f"#{_target_id(field)}", str(field.label), str(message)))
    return found


def _target_id(field) -> str:
    # A group of tick boxes has no element with the field's id: its first box takes the focus.
    subwidgets = field.subwidgets if field.widget_type == "checkboxselectmultiple" else []
    if subwidgets:
        return subwidgets[0].id_for_label
    return field.id_for_label or field.auto_id or _("form")
