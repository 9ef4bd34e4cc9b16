"""Reads for the editorial apps: the taalcheck of a page, and who has which role."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from .models import OfficialeseTerm, Team, TeamRole
from .plain_language import PlainLanguageReport, plain_language_check
from .services import BEHEERDER_KEY, BEHEERDERS, site_label


def officialese_terms() -> dict[str, str]:
    """The word list the Beheerders added, on top of the built-in one."""
    return dict(OfficialeseTerm.objects.values_list("term", "alternative"))


def page_text(*, page: Page) -> str:
    """What a reader reads on ``page``: title, introduction and body, as plain text.

    Each part ends a sentence, so a heading does not run into the next text.
    """
    specific = page.specific
    parts = [specific.title, getattr(specific, "introduction", "")]
    for name in ("body", "description", "what_you_do", "what_we_ask", "what_we_offer"):
        value = getattr(specific, name, None)
        if value is None:
            continue
        if hasattr(value, "raw_data"):  # a StreamField
            parts.extend(_stream_texts(value))
        else:
            parts.append(strip_tags(str(value)))
    return "\n\n".join(part.strip() for part in parts if part and part.strip())


def _stream_texts(stream) -> list[str]:
    texts = []
    for block in stream:
        rendered = block.block.get_searchable_content(block.value)
        texts.extend(strip_tags(str(text)) for text in rendered)
    return texts


def page_plain_language_report(*, page: Page) -> PlainLanguageReport:
    return plain_language_check(
        text=page_text(page=page), extra_terms=officialese_terms()
    )


@dataclass(frozen=True)
class RoleChoice:
    key: str
    label: str
    site_label: str
    role: str


def _team_label(team: Team) -> str:
    if team.role == TeamRole.BUURTVERBINDERS:
        return _("Buurtverbinder van %(page)s") % {"page": team.page.title}
    if team.role == TeamRole.ORGANISATION_EDITORS:
        return _("Redacteur van %(page)s") % {"page": team.page.title}
    return _("Communicatie")


def _site_label_for_path(path: str, site_roots: list[tuple[str, str]]) -> str:
    for root_path, label in site_roots:
        if path.startswith(root_path):
            return label
    return ""


def role_choices() -> list[RoleChoice]:
    """Every role a Beheerder can give: each team, by site, then Beheerder."""
    site_roots = [
        (site.root_page.path, site_label(site))
        for site in Site.objects.select_related("root_page")
    ]
    order = {TeamRole.COMMUNICATIE: 0, TeamRole.BUURTVERBINDERS: 1}
    choices = sorted(
        (
            RoleChoice(
                key=f"team:{team.pk}",
                label=_team_label(team),
                site_label=_site_label_for_path(team.page.path, site_roots),
                role=team.role,
            )
            for team in Team.objects.select_related("page")
        ),
        key=lambda choice: (
            choice.site_label,
            order.get(choice.role, 2),
            choice.label.lower(),
        ),
    )
    beheerder = RoleChoice(
        key=BEHEERDER_KEY, label=_("Beheerder"), site_label="", role=BEHEERDER_KEY
    )
    return [*choices, beheerder]


@dataclass(frozen=True)
class PersonRoles:
    user: object
    roles: list[RoleChoice]


def people_with_roles() -> list[PersonRoles]:
    """Everyone who has a role, with their roles, in a fixed number of queries."""
    choices = role_choices()
    by_group_id = dict(Team.objects.values_list("group_id", "pk").iterator())
    by_key = {choice.key: choice for choice in choices}
    people = []
    users = (
        get_user_model()
        .objects.filter(groups__isnull=False)
        .distinct()
        .prefetch_related("groups")
        .order_by("first_name", "last_name", "username")
    )
    for user in users:
        roles = [
            by_key[f"team:{by_group_id[group.pk]}"]
            for group in user.groups.all()
            if group.pk in by_group_id
        ]
        if any(group.name == BEHEERDERS for group in user.groups.all()):
            roles.append(by_key[BEHEERDER_KEY])
        if roles:
            people.append(PersonRoles(user=user, roles=roles))
    return people
