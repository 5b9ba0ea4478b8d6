from django.apps import AppConfig


class ConsortiaConfig(AppConfig):
    name = "consortia"
    verbose_name = "Programme"

    def ready(self):
        from . import credentials
        from .account_data import register_sections

        credentials.connect()
        register_sections()
