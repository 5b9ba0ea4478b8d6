"""Three gaps in Django through which bad input answered 500, closed for every form and admin.

- ``__in`` on an integer column with a value past the column's range (``?id=99…9``) raises
  ``OverflowError`` on SQLite. Django's own ``exact``, ``gt``… lookups treat such a value as
  matching nothing (``IntegerFieldOverflow``); ``IntegerFieldIn`` makes ``__in`` agree. It
  serves ``ModelMultipleChoiceField`` and the admin's selected rows.
- The admin's autocomplete widgets, re-rendering a form with errors, look up the posted ids
  as they came (``Field 'id' expected a number but got 'abc'``). ``safe_autocomplete_optgroups``
  leaves out the ones that are not ids: the field's error already says so.
- A text value holding a NUL byte, looked up in a text column (a posted SDG target code, a
  level, a slug: ``ModelMultipleChoiceField`` checks the choices with ``__in``), is a
  ``DataError`` on PostgreSQL, whose text cannot hold one. No stored text holds one (every form
  refuses it), so ``TextExactWithoutNul`` and ``TextInWithoutNul`` make such a value match
  nothing, as on SQLite, and the field answers "not one of the available choices".
"""

from django.contrib.admin.widgets import AutocompleteMixin
from django.core.exceptions import EmptyResultSet, ValidationError
from django.db.models import CharField, IntegerField, TextField
from django.db.models.lookups import Exact, In

NUL = "\x00"


class IntegerFieldIn(In):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(
                self.lhs.output_field.get_internal_type()
            )
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)


class TextInWithoutNul(In):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            self.rhs = [v for v in self.rhs if not (isinstance(v, str) and NUL in v)]
        return super().process_rhs(compiler, connection)


class TextExactWithoutNul(Exact):
    def as_sql(self, compiler, connection):
        if isinstance(self.rhs, str) and NUL in self.rhs:
            raise EmptyResultSet
        return super().as_sql(compiler, connection)


_django_optgroups = AutocompleteMixin.optgroups


def safe_autocomplete_optgroups(self, name, value, attr=None):
    remote = self.field.remote_field
    target = remote.model._meta.get_field(
        getattr(remote, "field_name", None) or remote.model._meta.pk.name
    )

    def is_id(candidate) -> bool:
        try:
            target.to_python(candidate)
        except ValidationError:
            return False
        return True

    return _django_optgroups(self, name, [v for v in value if is_id(v)], attr)


def install() -> None:
    """Called once, from ``PortalAdminConfig.ready()``."""
    IntegerField.register_lookup(IntegerFieldIn)
    for text_field in (CharField, TextField):
        text_field.register_lookup(TextInWithoutNul)
        text_field.register_lookup(TextExactWithoutNul)
    AutocompleteMixin.optgroups = safe_autocomplete_optgroups
