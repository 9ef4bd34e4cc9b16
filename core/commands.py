"""Helpers shared by management commands."""

import logging
from contextlib import contextmanager

from django.core.management.base import CommandError
from wagtail.models import Site

# Every page save logs a background task and Wagtail logs each page change:
# hundreds of lines that would hide a command's own output.
CHATTY_LOGGERS = ("django_tasks", "wagtail")


@contextmanager
def loggers_quiet(names=CHATTY_LOGGERS):
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def site_from_option(value: str) -> Site:
    """The site a ``--site HOST[:PORT]`` option names, or a clear CommandError."""
    hostname, _sep, port = value.partition(":")
    sites = Site.objects.filter(hostname=hostname)
    if port:
        if not port.isdigit():
            raise CommandError(f"Geen poortnummer: {port!r}.")
        sites = sites.filter(port=int(port))
    sites = list(sites.select_related("root_page"))
    if not sites:
        raise CommandError(f"Geen platform met hostnaam {value!r}.")
    if len(sites) > 1:
        choices = ", ".join(f"{site.hostname}:{site.port}" for site in sites)
        raise CommandError(f"Meer dan één platform past; kies uit {choices}.")
    return sites[0]
