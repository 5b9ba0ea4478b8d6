"""The admin of translated content: each text field once per language, grouped, with the
languages still missing shown in the list and offered as a filter.

Untabbed on purpose: modeltranslation's tabs load jQuery UI from a CDN, which the admin's
Content-Security-Policy refuses (and a page should not need a third party to be edited).
The original language's text is required (not English's): a finding may be written in French.
"""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from .content_language import (
    LANGUAGE_CODES,
    column,
    missing_languages,
    original_language,
    translated_fields,
)

LANGUAGE_NAMES = dict(settings.LANGUAGES)


class MissingTranslationFilter(admin.SimpleListFilter):
    """Objects with some text (in the original) not yet translated into the chosen language."""

    title = _("missing translation")
    parameter_name = "missing_translation"

    def lookups(self, request, model_admin):
        return [(code, LANGUAGE_NAMES[code]) for code in LANGUAGE_CODES]

    def queryset(self, request, queryset):
        language = self.value()
        if language not in LANGUAGE_CODES:
            return queryset
        model = queryset.model
        missing = Q()
        for field in translated_fields(model):
            translation = column(field, language)
            has_original = ~Q(**{field: ""}) & Q(**{f"{field}__isnull": False})
            lacks_translation = Q(**{f"{translation}__isnull": True}) | Q(**{translation: ""})
            missing |= has_original & lacks_translation
        queryset = queryset.filter(missing)
        if any(f.name == "language" for f in model._meta.fields):
            return queryset.exclude(language=language)
        return queryset if language != settings.LANGUAGE_CODE else queryset.none()


class TranslatedContentAdmin(TranslationAdmin):
    """Put after the mixins in a ModelAdmin's bases; add ``"missing_translations"`` to its
    ``list_display`` and ``MissingTranslationFilter`` to its ``list_filter``."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and getattr(db_field, "translated_field", None) is not None:
            field.required = False  # the original's column is checked by the form's clean
        return field

    def get_form(self, request, obj=None, **kwargs):
        form_class = super().get_form(request, obj, **kwargs)
        model = self.model

        class OriginalTextRequired(form_class):
            def clean(self):
                data = super().clean()
                language = data.get("language") or original_language(self.instance)
                for field in translated_fields(model):
                    name = column(field, language)
                    if model._meta.get_field(field).blank or name not in self.fields:
                        continue
                    if not data.get(name) and name not in self.errors:
                        self.add_error(
                            name,
                            forms.ValidationError(
                                _("Required: the text in its original language (%(language)s).")
                                % {"language": LANGUAGE_NAMES[language]},
                                code="required",
                            ),
                        )
                return data

        return OriginalTextRequired

    @admin.display(description=_("missing translations"))
    def missing_translations(self, obj) -> str:
        missing = missing_languages(obj)
        return ", ".join(str(LANGUAGE_NAMES[code]) for code in missing) or "—"
