"""Password validators whose messages the project translates itself.

Django 5.2's MinimumLengthValidator asks gettext for "…at least %d
characters", but Django's Dutch catalogue still only holds the older msgid
with "%(min_length)d", so the error showed in English on a Dutch page. This
subclass keeps Django's rule and error code and says it in the project's own
Dutch source string (English in locale/en).
"""

from django.contrib.auth import password_validation
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return ngettext(
            "Dit wachtwoord is te kort. Het moet minstens %(min_length)d teken hebben.",
            "Dit wachtwoord is te kort. Het moet minstens %(min_length)d tekens "
            "hebben.",
            self.min_length,
        ) % {"min_length": self.min_length}
