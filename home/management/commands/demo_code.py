"""The current two-factor code of a demo user, for a demo on your own machine.

Communicatie, Beheerders and superusers must log in with a second step. The
demo gives its users of those roles an authenticator "app" in the database, so
a newcomer can try every role without a phone: ``make code USER=communicatie``.
Only with DEBUG on, and only for the demo's own users.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from home.demo.builder import DEMO_DEVICE_NAME, ROLE_USERS


class Command(BaseCommand):
    help = (
        "Toon de huidige code (tweestapsverificatie) van een demogebruiker. / "
        "Print a demo user's current two-factor code."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="bijvoorbeeld communicatie")

    def handle(self, *args, username: str, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Alleen voor de demo op je eigen computer (DEBUG staat uit). / "
                "Demo only: DEBUG is off."
            )
        if username not in {user[0] for user in ROLE_USERS}:
            raise CommandError(f"{username!r} is geen demogebruiker.")
        device = TOTPDevice.objects.filter(
            user__username=username, name=DEMO_DEVICE_NAME, confirmed=True
        ).first()
        if device is None:
            raise CommandError(
                f"{username} heeft geen demo-app voor tweestapsverificatie "
                "(niet nodig voor deze rol, of zelf ingesteld)."
            )
        code = totp(
            device.bin_key, step=device.step, t0=device.t0, digits=device.digits
        )
        self.stdout.write(f"{code:0{device.digits}d}")
