"""Login accounts in the admin: curators look after members' accounts, never privileges."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import ConsortiumAccess

PRIVILEGE_FIELDS = ("is_staff", "is_superuser", "groups", "user_permissions")


class ConsortiumAccessForUserInline(admin.TabularInline):
    model = ConsortiumAccess
    extra = 0
    autocomplete_fields = ["consortium"]
    verbose_name_plural = "consortia this account acts for"


class PortalUserAdmin(UserAdmin):
    inlines = [ConsortiumAccessForUserInline]
    list_filter = ["is_active", "is_staff", "groups", "consortium_accesses__consortium"]

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if request.user.is_superuser:
            return fields
        return (*fields, *PRIVILEGE_FIELDS, "last_login", "date_joined")

    def has_change_permission(self, request, obj=None):
        # Staff accounts hold curation rights: only a superuser may change them (or their
        # password), so no curator can take over another's account or raise their own.
        if obj is not None and obj.is_staff and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_staff and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)


user_model = get_user_model()
if admin.site.is_registered(user_model):
    admin.site.unregister(user_model)
admin.site.register(user_model, PortalUserAdmin)

# Authenticator secrets and recovery codes are no one's to read or edit, not even a superuser's
# in the admin: devices are set up by their owner at sign-in, and a lost phone is handled by
# `manage.py reset_two_factor` (which also ends the account's sessions).
for device_model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(device_model):
        admin.site.unregister(device_model)
