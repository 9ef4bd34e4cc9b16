"""The help board's log actions: every step of a post, by resident or moderator,
lands in the post's history (Wagtail's ModelLogEntry, shown in the admin).

Log with ``wagtail.log_actions.log(instance=post, action=SUBMIT, user=...,
data={...})``. What a resident typed may go into ``data`` (a reason for a
rejection, for instance): erasure scrubs log entries (core.personal_data).
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

SUBMIT = "helpboard.submit"
RESIDENT_EDIT = "helpboard.resident_edit"
RESIDENT_CLOSE = "helpboard.resident_close"
RESIDENT_DELETE = "helpboard.resident_delete"
APPROVE = "helpboard.approve"
REQUEST_CHANGE = "helpboard.request_change"
REJECT = "helpboard.reject"
MODERATOR_CLOSE = "helpboard.moderator_close"
EXPIRE = "helpboard.expire"
RESPOND = "helpboard.respond"
REPORT = "helpboard.report"
HIDE = "helpboard.hide"
REPORTS_REVIEWED = "helpboard.reports_reviewed"
REFER = "helpboard.refer"
REFERRAL_ACCEPT = "helpboard.referral_accept"
REFERRAL_DECLINE = "helpboard.referral_decline"

ACTIONS = (
    (SUBMIT, _("Ingediend"), _("Een bewoner heeft dit bericht ingediend")),
    (RESIDENT_EDIT, _("Gewijzigd door bewoner"), _("De bewoner heeft het aangepast")),
    (RESIDENT_CLOSE, _("Gesloten door bewoner"), _("De bewoner heeft het gesloten")),
    (
        RESIDENT_DELETE,
        _("Verwijderd door bewoner"),
        _("De bewoner heeft het verwijderd"),
    ),
    (APPROVE, _("Goedgekeurd"), _("Goedgekeurd en gepubliceerd")),
    (
        REQUEST_CHANGE,
        _("Aanpassing gevraagd"),
        _("De bewoner is gevraagd het aan te passen"),
    ),
    (REJECT, _("Afgewezen"), _("Afgewezen, met een reden aan de bewoner")),
    (MODERATOR_CLOSE, _("Gesloten"), _("Door een moderator gesloten")),
    (EXPIRE, _("Verlopen"), _("Vanzelf gesloten na de ingestelde periode")),
    (RESPOND, _("Reactie doorgestuurd"), _("Een buur heeft gereageerd")),
    (REPORT, _("Gemeld"), _("Een bezoeker heeft het gemeld")),
    (HIDE, _("Verborgen"), _("Verborgen na meerdere meldingen")),
    (
        REPORTS_REVIEWED,
        _("Meldingen bekeken"),
        _("Een moderator heeft de meldingen bekeken"),
    ),
    (REFER, _("Doorverwezen"), _("Doorverwezen naar een organisatie")),
    (
        REFERRAL_ACCEPT,
        _("Doorverwijzing aangenomen"),
        _("De organisatie neemt contact op met de bewoner"),
    ),
    (
        REFERRAL_DECLINE,
        _("Doorverwijzing afgewezen"),
        _("De organisatie kan deze vraag niet oppakken"),
    ),
)


@hooks.register("register_log_actions")
def register_help_board_log_actions(actions):
    for action, label, message in ACTIONS:
        actions.register_action(action, label, message)
