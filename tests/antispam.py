"""What a person's browser sends with a public form (core.antispam).

A person opens the form, takes a while to fill it in and leaves the hidden
honeypot empty; tests build that submission with ``human_post_data``.
"""

import time

from core.antispam import HONEYPOT_FIELD, STARTED_FIELD, form_started_token


def started_token(form_class: type, *, seconds_ago: float = 10) -> str:
    """The signed 'form shown at' value of a form shown ``seconds_ago``."""
    return form_started_token(form_class, started_at=time.time() - seconds_ago)


def human_post_data(form_class: type, data: dict, *, seconds_ago: float = 10) -> dict:
    """``data`` plus an empty honeypot and a form shown ``seconds_ago``.

    Values in ``data`` win, so a test can fill the honeypot or send its own
    (tampered) timestamp.
    """
    return {
        HONEYPOT_FIELD: "",
        STARTED_FIELD: started_token(form_class, seconds_ago=seconds_ago),
        **data,
    }
