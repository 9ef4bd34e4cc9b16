"""Reads for the editorial apps: the taalcheck of a page, and who has which role.

Who may give which role is in ``role_access``."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from .models import OfficialeseTerm, Team, TeamRole
from .plain_language import PlainLanguageReport, plain_language_check
from .services import (
    BEHEERDER_KEY,
    BEHEERDERS,
    GROUP_KEY_PREFIX,
    SITE_BEHEERDER_KEY_PREFIX,
    SUPERUSER_KEY,
    TEAM_KEY_PREFIX,
    site_beheerder_key,
    site_label,
)


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
    site_id: int | None = None


def _team_label(team: Team) -> str:
    if team.role == TeamRole.BUURTVERBINDERS:
        return _("Buurtverbinder van %(page)s") % {"page": team.page.title}
    if team.role == TeamRole.ORGANISATION_EDITORS:
        return _("Redacteur van %(page)s") % {"page": team.page.title}
    if team.role == TeamRole.BEHEERDERS:
        return _("Beheerder")
    return _("Communicatie")


def _site_roots() -> list[tuple[str, Site]]:
    return [
        (site.root_page.path, site) for site in Site.objects.select_related("root_page")
    ]


def _site_for_path(path: str, site_roots: list[tuple[str, Site]]) -> Site | None:
    for root_path, site in site_roots:
        if path.startswith(root_path):
            return site
    return None


def _team_choice(team: Team, site_roots: list[tuple[str, Site]]) -> RoleChoice:
    site = _site_for_path(team.page.path, site_roots)
    if team.role == TeamRole.BEHEERDERS and site is not None:
        key = site_beheerder_key(site.pk)
    else:
        key = f"{TEAM_KEY_PREFIX}{team.pk}"
    return RoleChoice(
        key=key,
        label=_team_label(team),
        site_label=site_label(site) if site else "",
        role=team.role,
        site_id=site.pk if site else None,
    )


def _site_beheerder_choice(site: Site) -> RoleChoice:
    return RoleChoice(
        key=site_beheerder_key(site.pk),
        label=_("Beheerder"),
        site_label=site_label(site),
        role=TeamRole.BEHEERDERS,
        site_id=site.pk,
    )


def global_beheerder_choice() -> RoleChoice:
    return RoleChoice(
        key=BEHEERDER_KEY,
        label=_("Beheerder van alle platforms"),
        site_label="",
        role=BEHEERDER_KEY,
    )


def superuser_choice() -> RoleChoice:
    return RoleChoice(
        key=SUPERUSER_KEY,
        label=_("Superuser (alle rechten)"),
        site_label="",
        role=SUPERUSER_KEY,
    )


ROLE_ORDER = {
    TeamRole.BEHEERDERS: 0,
    TeamRole.COMMUNICATIE: 1,
    TeamRole.BUURTVERBINDERS: 2,
}


def role_choices() -> list[RoleChoice]:
    """Every role a Beheerder can give: per site its Beheerder, Communicatie and
    each team, then Beheerder of every site."""
    site_roots = _site_roots()
    choices = [
        _team_choice(team, site_roots)
        for team in Team.objects.select_related("page").exclude(
            role=TeamRole.BEHEERDERS
        )
    ]
    choices += [_site_beheerder_choice(site) for _path, site in site_roots]
    choices.sort(
        key=lambda choice: (
            choice.site_label,
            ROLE_ORDER.get(choice.role, 3),
            choice.label.lower(),
        )
    )
    return [*choices, global_beheerder_choice()]


def role_choice_for_key(key: str) -> RoleChoice | None:
    """The one choice ``key`` stands for, or None if there is no such role."""
    if key == BEHEERDER_KEY:
        return global_beheerder_choice()
    prefix, _sep, pk = key.partition(":")
    if not pk.isdigit():
        return None
    if f"{prefix}:" == SITE_BEHEERDER_KEY_PREFIX:
        site = Site.objects.filter(pk=int(pk)).first()
        return _site_beheerder_choice(site) if site else None
    if f"{prefix}:" == TEAM_KEY_PREFIX:
        team = Team.objects.select_related("page").filter(pk=int(pk)).first()
        return _team_choice(team, _site_roots()) if team else None
    return None


def role_choice_for_group(group) -> RoleChoice:
    """What adding someone to ``group`` means, for the log: a team's role, or
    the group itself (a role group, or one a superuser made)."""
    team = Team.objects.select_related("page").filter(group=group).first()
    if team is not None:
        return _team_choice(team, _site_roots())
    return RoleChoice(
        key=f"{GROUP_KEY_PREFIX}{group.pk}",
        label=_("Groep %(name)s") % {"name": group.name},
        site_label="",
        role="group",
    )


@dataclass(frozen=True)
class PersonRoles:
    user: object
    roles: list[RoleChoice]


def people_with_roles(*, choices: list[RoleChoice] | None = None) -> list[PersonRoles]:
    """Everyone who has one of ``choices`` (default: every role), with those
    roles, in a fixed number of queries."""
    all_choices = role_choices()
    by_key = {choice.key: choice for choice in all_choices}
    shown = {choice.key for choice in (all_choices if choices is None else choices)}
    site_roots = _site_roots()
    key_by_group_id = {
        team.group_id: _team_choice(team, site_roots).key
        for team in Team.objects.select_related("page")
    }
    people = []
    users = (
        get_user_model()
        .objects.filter(groups__isnull=False)
        .distinct()
        .prefetch_related("groups")
        .order_by("first_name", "last_name", "username")
    )
    for user in users:
        keys = [
            key_by_group_id[group.pk]
            for group in user.groups.all()
            if group.pk in key_by_group_id
        ]
        in_beheerders = any(group.name == BEHEERDERS for group in user.groups.all())
        if in_beheerders and not any(
            key.startswith(SITE_BEHEERDER_KEY_PREFIX) for key in keys
        ):
            keys.append(BEHEERDER_KEY)
        roles = [by_key[key] for key in keys if key in by_key and key in shown]
        if roles:
            people.append(PersonRoles(user=user, roles=roles))
    return people
