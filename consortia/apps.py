from django.apps import AppConfig


class ConsortiaConfig(AppConfig):
    name = "consortia"
    verbose_name = "Programme"

    def ready(self):
        from .account_data import register_sections

        register_sections()
