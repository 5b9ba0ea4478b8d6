"""Content in several languages: one column per language, the original kept where queries look.

django-modeltranslation adds ``title_en``, ``title_fr`` and ``title_es`` beside each field
registered in an app's ``translation.py`` (through ``translate_fields`` below). Reading
``finding.title`` gives the active language's text; when that is missing, the text in the
object's original language (``Finding.language``; English for everything curators write),
then English, French, Spanish. ``shown_language`` says which one was shown, so a template can
mark fallback text with its own ``lang`` attribute (``plp_portal.templatetags.content_language``).

The unsuffixed column (``title``) keeps the original text: every save stores the original
language's column in it. Every query, index, ordering and raw SQL of the portal reads it,
as it did before translations: modeltranslation's rewriting of ``filter``/``order_by`` to the
active language's column is switched off, so sorting and facets use the covering indexes
whatever the reader's language (a French reader sorting by title sorts by original titles).
Search reads every language's column (``findings.search`` and its trigger).
"""

from django.conf import settings
from django.db.models.signals import post_save, pre_save
from modeltranslation.fields import TranslationFieldDescriptor
from modeltranslation.manager import MultilingualQuerySet
from modeltranslation.translator import TranslationOptions, translator
from modeltranslation.utils import get_language

#: Every language content may be written in, in the order fallbacks try them.
LANGUAGE_CODES: tuple[str, ...] = tuple(code for code, _name in settings.LANGUAGES)
FALLBACK_ORDER: tuple[str, ...] = tuple(settings.MODELTRANSLATION_FALLBACK_LANGUAGES)


def _keep_queries_on_original_columns(self) -> None:
    # modeltranslation's querysets rewrite `title` in filters and orderings to the active
    # language's column (`title_fr`), whose rows are mostly empty and which no index covers.
    # Ours keep meaning the stored original text; code that wants a language names its column.
    self._rewrite = False
    self._populate = None


MultilingualQuerySet._post_init = _keep_queries_on_original_columns


def original_language(obj) -> str:
    """The language ``obj``'s text was written in: ``obj.language`` where the model has one
    (findings, written by members), else the site's default (curators write in English)."""
    language = getattr(obj, "language", None)
    return language if language in LANGUAGE_CODES else settings.LANGUAGE_CODE


def active_language() -> str:
    """The active language, as one of ``LANGUAGE_CODES`` ("en-gb" reads as "en")."""
    return get_language()


def column(field: str, language: str) -> str:
    return f"{field}_{language}"


def _meaningful(value) -> bool:
    return value is not None and value != ""


def reading_order(obj, language: str | None = None) -> tuple[str, ...]:
    """Languages tried, in order, to show ``obj``'s text to a reader of ``language``."""
    language = language or active_language()
    order = (language, original_language(obj), *FALLBACK_ORDER)
    return tuple(dict.fromkeys(order))


def _shown(obj, field: str, language: str | None = None):
    """(text, its language) of ``obj``'s ``field`` for a reader of ``language``. Rows written
    in bulk may hold only the unsuffixed original text (``generate_data``): it comes last."""
    for candidate in reading_order(obj, language):
        value = getattr(obj, column(field, candidate), None)
        if _meaningful(value):
            return value, candidate
    original = obj.__dict__.get(field)
    if _meaningful(original):
        return original, original_language(obj)
    return "", None


def text_in(obj, field: str, language: str | None = None):
    """``obj``'s ``field`` as shown to a reader of ``language`` (the active one by default)."""
    return _shown(obj, field, language)[0]


def shown_language(obj, field: str) -> str | None:
    """The language of the text ``obj.<field>`` shows now; ``None`` when it is empty."""
    return _shown(obj, field)[1]


def translations(obj, language: str) -> dict[str, str]:
    """``obj``'s own text in ``language``, field by field, without fallback ("" if none)."""
    return {
        field: getattr(obj, column(field, language), None) or ""
        for field in translated_fields(type(obj))
    }


def translations_of(obj) -> dict[str, dict[str, str]]:
    """``obj``'s translations: its own text in each language but the original that has some."""
    original = original_language(obj)
    every = {language: translations(obj, language) for language in LANGUAGE_CODES}
    return {
        language: texts
        for language, texts in every.items()
        if language != original and any(texts.values())
    }


def write_original(obj, **texts) -> None:
    """Set ``obj``'s original text (``write_original(finding, title=...)``): the original
    language's column and the unsuffixed one, whatever language is active."""
    original = original_language(obj)
    for field, text in texts.items():
        setattr(obj, column(field, original), text)
        obj.__dict__[field] = text


def write_translation(obj, language: str, **texts) -> None:
    """Set ``obj``'s own text in ``language`` ("" removes it: the original shows instead)."""
    for field, text in texts.items():
        setattr(obj, column(field, language), text or None)


def translated_fields(model) -> tuple[str, ...]:
    return tuple(translator.get_options_for_model(model._meta.concrete_model).fields)


def missing_languages(obj) -> list[str]:
    """Languages, other than the original, in which some of ``obj``'s text (a field that has
    text in the original) has no translation yet."""
    original = original_language(obj)
    fields = [
        field
        for field in translated_fields(type(obj))
        if _meaningful(getattr(obj, column(field, original), None))
    ]
    return [
        language
        for language in LANGUAGE_CODES
        if language != original
        and any(not _meaningful(getattr(obj, column(field, language), None)) for field in fields)
    ]


class _OriginalLanguageFirst(TranslationFieldDescriptor):
    """Falls back to the object's original language before the site-wide order; while the
    object is being saved, reads its original text (what Django stores in the unsuffixed
    column: ``Field.pre_save`` reads the attribute)."""

    def __get__(self, instance, owner):
        if instance is None:
            return self
        if instance.__dict__.get(_SAVING_ORIGINAL):
            return text_in(instance, self.field.name, original_language(instance))
        return text_in(instance, self.field.name)


_SAVING_ORIGINAL = "_saving_original_text"


_TRANSLATED_MODELS: dict[type, tuple[str, ...]] = {}


def _before_save(sender, instance, raw=False, **kwargs):
    """A new object given only its unsuffixed text (``Theme(name=...)`` with another language
    active) fills its original language's column; then the save stores the original text."""
    fields = _TRANSLATED_MODELS.get(sender._meta.concrete_model)
    if not fields:
        return
    instance.__dict__[_SAVING_ORIGINAL] = True
    if raw:
        return  # a fixture's rows are loaded as they were dumped
    original = original_language(instance)
    for field in fields:
        if not _meaningful(getattr(instance, column(field, original), None)):
            given = instance.__dict__.get(field)
            if _meaningful(given):
                setattr(instance, column(field, original), given)


def _after_save(sender, instance, **kwargs):
    instance.__dict__.pop(_SAVING_ORIGINAL, None)


def translate_fields(model, fields: tuple[str, ...]) -> None:
    """Give each of ``model``'s ``fields`` one column per language (see the module's doc)."""
    options = type(f"{model.__name__}TranslationOptions", (TranslationOptions,), {})
    options.fields = fields
    indexes, constraints = list(model._meta.indexes), list(model._meta.constraints)
    translator.register(model, options)
    # modeltranslation copies each index on a translated field for every language; queries
    # read the original column only, so those copies would only slow writes down.
    model._meta.indexes, model._meta.constraints = indexes, constraints
    for field in fields:
        model.__dict__[field].__class__ = _OriginalLanguageFirst
    _TRANSLATED_MODELS[model] = tuple(fields)
    # Without a sender: proxies (the review queue's SubmittedFinding) save through them too.
    pre_save.connect(_before_save, dispatch_uid="original-text-before-save")
    post_save.connect(_after_save, dispatch_uid="original-text-after-save")
