import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plp_portal.settings")
# This process serves requests: its statements get DATABASE_STATEMENT_TIMEOUT (commands don't).
os.environ.setdefault("PLP_SERVES_REQUESTS", "true")
application = get_asgi_application()
