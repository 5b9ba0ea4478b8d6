"""Post an admin change form as a curator's browser would: every field as the page shows it."""

from django import forms


def form_fields(form) -> dict:
    """The data a browser sends for `form` left as it was rendered."""
    data = {}
    for field in form:
        widget = field.field.widget
        value = field.value()
        if isinstance(widget, forms.MultiWidget):
            parts = value if isinstance(value, list | tuple) else widget.decompress(value)
            for suffix, subwidget, part in zip(
                widget.widgets_names, widget.widgets, parts, strict=True
            ):
                data[field.html_name + suffix] = subwidget.format_value(part) or ""
        elif isinstance(widget, forms.CheckboxInput):
            if value:
                data[field.html_name] = "on"
        elif isinstance(value, list | tuple):
            data[field.html_name] = [str(item) for item in value]
        elif value is None:
            data[field.html_name] = ""
        else:
            formatted = widget.format_value(value)
            data[field.html_name] = "" if formatted is None else formatted
    return data


def change_form_data(page, **changes) -> dict:
    """What the admin change `page` (a response) posts back, with `changes` applied."""
    data = form_fields(page.context["adminform"].form)
    for inline in page.context.get("inline_admin_formsets", []):
        formset = inline.formset
        data |= form_fields(formset.management_form)
        for form in formset.forms:
            data |= form_fields(form)
    return data | changes
