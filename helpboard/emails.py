"""The help board's mails. Every mail to a resident about their post brings a
fresh private link; every mail goes out after what it is about was stored, and
a mail server that fails is logged (core.mail), never the resident's problem.

Templates live in ``templates/helpboard/email/<name>.txt`` with
``<name>_subject.txt``; they are plain text, so nothing a resident typed can
become HTML in a mail client.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from core.mail import send_logged, templated_mail
from core.permissions import moderators_of

from .links import help_board_for, manage_url, post_url
from .models import HelpPost


def site_name(site) -> str:
    return site.site_name or site.hostname


def post_context(post: HelpPost, *, board=None, **extra) -> dict:
    """What every help-board mail may use. Not the resident's private link:
    only ``mail_resident`` adds that, to mails that go to the resident alone
    (a mail someone may answer or forward must not carry it)."""
    board = board or help_board_for(post.site)
    return {
        "post": post,
        "platform_name": site_name(post.site),
        "board_url": board.get_full_url() if board else "",
        "post_url": post_url(post, board=board),
        "open_days": settings.BUURTPLEIN_HELP_POST_OPEN_DAYS,
        "link_days": settings.BUURTPLEIN_HELP_LINK_MAX_AGE_DAYS,
        **extra,
    }


def mail_resident(post: HelpPost, template: str, **extra) -> bool:
    """Mail the resident of ``post`` (``helpboard/email/<template>``), with their
    private link. False when they left no e-mail address or sending failed."""
    if not post.email:
        return False
    board = help_board_for(post.site)
    context = post_context(post, board=board, **extra)
    context["manage_url"] = manage_url(post, board=board)
    message = templated_mail(f"helpboard/email/{template}", context, to=[post.email])
    return send_logged(message, what=f"{template} mail for help post {post.pk}")


def admin_url(path: str) -> str:
    base_url = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    return base_url + path


def mail_moderators(post: HelpPost, template: str, **extra) -> int:
    """Mail the moderators of ``post`` (Communicatie of its site and the
    buurtverbinders of its wijk), each in their own admin language. The mail
    links to the post in the admin; the resident's contact details stay there.
    Returns how many mails went out."""
    from wagtail.users.models import UserProfile

    context = post_context(
        post, admin_url=admin_url(reverse("helpboard:edit", args=[post.pk])), **extra
    )
    sent = 0
    for user in moderators_of(post):
        language = UserProfile.get_for_user(user).get_preferred_language()
        with translation.override(language):
            message = templated_mail(
                f"helpboard/email/{template}",
                {**context, "user": user},
                to=[user.email],
            )
        # The user's id, not their address: logs are kept longer than mail.
        if send_logged(
            message, what=f"{template} mail for help post {post.pk} to user {user.pk}"
        ):
            sent += 1
    return sent
