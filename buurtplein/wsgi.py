"""WSGI entry point for gunicorn: `gunicorn buurtplein.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "buurtplein.settings.production")

application = get_wsgi_application()
