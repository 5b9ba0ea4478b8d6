from django.apps import AppConfig
from django.db.models.signals import post_delete


class FindingsConfig(AppConfig):
    name = "findings"
    verbose_name = "Findings"

    def ready(self):
        from .attachments import remove_file_after_commit
        from .models import Attachment
        from .output_models import OutputFile
        from .personal_data import register_sections

        register_sections()

        post_delete.connect(
            remove_file_after_commit, sender=Attachment, dispatch_uid="attachment_file_removal"
        )
        post_delete.connect(
            remove_file_after_commit, sender=OutputFile, dispatch_uid="output_file_removal"
        )
