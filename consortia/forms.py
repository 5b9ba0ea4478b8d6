"""The invitation form: one for the admin's door and the coordinators' door."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from .enums import AccessRole
from .models import Consortium


def _name_length(field: str) -> int:
    return get_user_model()._meta.get_field(field).max_length


class InviteForm(forms.Form):
    """Who to invite, where and as what, for ``consortia.invitations.member_invite``.

    In the admin a curator picks the consortium and the role. On a coordinator's page both are
    fixed (``consortium=``: that consortium, as a member), so the form has no field for them.
    Whether the inviter may invite is the service's rule (``can_invite_members_to``).
    """

    email = forms.EmailField(label=_("E-mail address"))
    first_name = forms.CharField(
        label=_("First name"), max_length=_name_length("first_name"), required=False
    )
    last_name = forms.CharField(
        label=_("Last name"), max_length=_name_length("last_name"), required=False
    )
    consortium = forms.ModelChoiceField(
        label=_("Consortium"), queryset=Consortium.objects.order_by("short_name")
    )
    role = forms.ChoiceField(label=_("Role"), choices=AccessRole.choices, initial=AccessRole.MEMBER)

    def __init__(self, *args, consortium: Consortium | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fixed_consortium = consortium
        if consortium is not None:
            del self.fields["consortium"]
            del self.fields["role"]

    def invitation(self) -> dict:
        """The service's keyword arguments from the valid form (without inviter and URL)."""
        if self.fixed_consortium is None:
            return dict(self.cleaned_data)
        return {**self.cleaned_data, "consortium": self.fixed_consortium, "role": AccessRole.MEMBER}
