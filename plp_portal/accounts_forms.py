from django.contrib.auth.forms import PasswordResetForm

from .audit_log import audit


class AuditedPasswordResetForm(PasswordResetForm):
    """Django's form; each reset e-mail it sends is written to the audit log (the account's
    id: the log never holds the e-mail address asked for)."""

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)
        audit("password_reset_requested", user_id=context["user"].pk)
