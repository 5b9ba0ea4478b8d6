from django.apps import AppConfig


class ConsortiaConfig(AppConfig):
    name = "consortia"
    verbose_name = "Programme"

    def ready(self):
        from . import credentials

        credentials.connect()
