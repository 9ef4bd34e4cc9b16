"""The admin's dashboard per role: shortcuts for what someone does most, and
what waits for them, counted.

A buurtverbinder writes news and activities for their own wijk, an
organisation editor keeps their organisation's opening hours up to date,
Communicatie approves pages and moderates residents' help posts and tips, a
Beheerder gives people roles. One person can have several roles; they see
the shortcuts of each. Everything here follows the same rights as the pages
the shortcuts lead to (page permissions, ``core.permissions``), so a count
never shows what the link behind it would refuse.
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin.ui.components import Component
from wagtail.models import Page, TaskState, WorkflowState

from core.models import Suggestion, SuggestionStatus
from core.permissions import moderated_by, user_moderates
from helpboard.models import HelpPost, HelpStatus

from .models import Team, TeamRole
from .services import user_is_beheerder


@dataclass(frozen=True)
class Shortcut:
    label: str
    url: str
    icon: str
    #: The one thing this role does most: shown as the primary button.
    primary: bool = False


@dataclass(frozen=True)
class Waiting:
    label: str
    count: int
    url: str


@dataclass
class Dashboard:
    shortcuts: list[Shortcut]
    waiting: list[Waiting]


@dataclass(frozen=True)
class Roles:
    """What ``user`` is, from their teams: wijk pages (with their wijk),
    organisation pages, and the site roots where they are Communicatie."""

    wijk_pages: list[Page]
    organisation_pages: list[Page]
    communicatie_roots: list[Page]
    beheerder: bool


def _url(name: str, *args, query: dict | None = None) -> str:
    try:
        url = reverse(name, args=args)
    except NoReverseMatch:
        return ""
    return f"{url}?{urlencode(query)}" if query else url


def user_roles(user) -> Roles:
    """The user's roles, in one query (two with a wijk: its ``Neighbourhood``)."""
    from neighbourhoods.models import NeighbourhoodPage

    teams = list(
        Team.objects.filter(group__user=user)
        .exclude(role=TeamRole.BEHEERDERS)
        .select_related("page")
        .order_by("page__path")
    )
    wijk_ids = [team.page_id for team in teams if team.role == TeamRole.BUURTVERBINDERS]
    wijk_pages = (
        list(
            NeighbourhoodPage.objects.filter(pk__in=wijk_ids)
            .select_related("neighbourhood")
            .order_by("path")
        )
        if wijk_ids
        else []
    )
    return Roles(
        wijk_pages=wijk_pages,
        organisation_pages=[
            team.page for team in teams if team.role == TeamRole.ORGANISATION_EDITORS
        ],
        communicatie_roots=[
            team.page for team in teams if team.role == TeamRole.COMMUNICATIE
        ],
        beheerder=user_is_beheerder(user),
    )


def writer_neighbourhoods(*, user, parent_page=None) -> list:
    """The wijken a new page of ``user`` starts with: a buurtverbinder's own
    wijk (the one they add under, or their only one)."""
    wijk_pages = user_roles(user).wijk_pages
    if parent_page is not None:
        inside = [page for page in wijk_pages if parent_page.path.startswith(page.path)]
        if inside:
            return [inside[0].neighbourhood]
    if len(wijk_pages) == 1:
        return [wijk_pages[0].neighbourhood]
    return []


def _agenda_of(root: Page) -> Page | None:
    from agenda.models import AgendaPage

    return AgendaPage.objects.descendant_of(root).order_by("path").first()


def _news_index_of(root: Page) -> Page | None:
    from news.models import NewsIndexPage

    return NewsIndexPage.objects.descendant_of(root).order_by("path").first()


def _shortcuts(roles: Roles, *, waiting_help: int) -> list[Shortcut]:
    shortcuts = []
    for wijk in roles.wijk_pages:
        shortcuts.append(
            Shortcut(
                label=_("Schrijf nieuws voor %(wijk)s")
                % {"wijk": wijk.neighbourhood.name},
                url=_url("wagtailadmin_pages:add", "news", "newspage", wijk.pk),
                icon="doc-full",
                primary=True,
            )
        )
        shortcuts.append(
            Shortcut(
                label=_("Zet een activiteit in de agenda"),
                url=_url("wagtailadmin_pages:add", "agenda", "eventpage", wijk.pk),
                icon="date",
            )
        )
    for organisation in roles.organisation_pages:
        shortcuts.append(
            Shortcut(
                label=_("Werk openingstijden bij van %(organisation)s")
                % {"organisation": organisation.title},
                url=_url("wagtailadmin_pages:edit", organisation.pk),
                icon="time",
                primary=True,
            )
        )
        shortcuts.append(
            Shortcut(
                label=_("Zet een activiteit in de agenda"),
                url=_url(
                    "wagtailadmin_pages:add", "agenda", "eventpage", organisation.pk
                ),
                icon="date",
            )
        )
    for root in roles.communicatie_roots:
        news_index = _news_index_of(root)
        if news_index is not None:
            shortcuts.append(
                Shortcut(
                    label=_("Schrijf nieuws"),
                    url=_url(
                        "wagtailadmin_pages:add", "news", "newspage", news_index.pk
                    ),
                    icon="doc-full",
                )
            )
        agenda = _agenda_of(root)
        if agenda is not None:
            shortcuts.append(
                Shortcut(
                    label=_("Zet een activiteit in de agenda"),
                    url=_url(
                        "wagtailadmin_pages:add", "agenda", "eventpage", agenda.pk
                    ),
                    icon="date",
                )
            )
    if roles.wijk_pages or roles.communicatie_roots:
        shortcuts.append(
            Shortcut(
                label=_("Bekijk wachtende hulpvragen (%(count)s)")
                % {"count": waiting_help},
                url=_url(
                    "helpboard:index", query={"status": HelpStatus.SUBMITTED.value}
                ),
                icon="help",
            )
        )
    if roles.beheerder:
        shortcuts.append(
            Shortcut(
                label=_("Geef iemand een rol"),
                url=_url("editorial_roles"),
                icon="group",
                primary=not shortcuts,
            )
        )
        shortcuts.append(
            Shortcut(
                label=_("Wijken en thema's"),
                url=_url("wagtailsnippets_core_neighbourhood:list"),
                icon="folder-open-inverse",
            )
        )
    # One shortcut per label and address (two wijken share "agenda" labels but
    # not addresses).
    seen = set()
    unique = []
    for shortcut in shortcuts:
        if shortcut.url and (shortcut.label, shortcut.url) not in seen:
            seen.add((shortcut.label, shortcut.url))
            unique.append(shortcut)
    return unique


def _help_posts_waiting(user) -> int:
    return moderated_by(
        HelpPost.objects.filter(status=HelpStatus.SUBMITTED), user=user
    ).count()


def dashboard_for(*, user) -> Dashboard:
    """The shortcuts and counts for ``user``, in a fixed number of queries per
    role (see tests/editors/test_dashboard.py)."""
    from vacancies.selectors import vacancy_responses_visible_to

    roles = user_roles(user)
    moderates = bool(roles.wijk_pages or roles.communicatie_roots) and user_moderates(
        user=user
    )
    waiting_help = _help_posts_waiting(user) if moderates else 0
    waiting = []
    if roles.communicatie_roots or user.is_superuser:
        to_approve = TaskState.objects.reviewable_by(user).count()
        waiting.append(
            Waiting(
                label=ngettext(
                    "pagina wacht op je goedkeuring",
                    "pagina's wachten op je goedkeuring",
                    to_approve,
                ),
                count=to_approve,
                url="#awaiting-review-section",
            )
        )
    if moderates:
        waiting.append(
            Waiting(
                label=ngettext(
                    "hulpvraag of -aanbod wacht op moderatie",
                    "hulpvragen en -aanbiedingen wachten op moderatie",
                    waiting_help,
                ),
                count=waiting_help,
                url=_url(
                    "helpboard:index", query={"status": HelpStatus.SUBMITTED.value}
                ),
            )
        )
        tips = moderated_by(
            Suggestion.objects.filter(status=SuggestionStatus.NEW), user=user
        ).count()
        waiting.append(
            Waiting(
                label=ngettext(
                    "tip van een bewoner wacht", "tips van bewoners wachten", tips
                ),
                count=tips,
                url=_url("suggestion:index", query={"status": SuggestionStatus.NEW}),
            )
        )
    if roles.organisation_pages or roles.wijk_pages or roles.communicatie_roots:
        responses = vacancy_responses_visible_to(user=user).count()
        waiting.append(
            Waiting(
                label=ngettext(
                    "reactie op vrijwilligerswerk",
                    "reacties op vrijwilligerswerk",
                    responses,
                ),
                count=responses,
                url=_url("vacancyresponse:index"),
            )
        )
    if roles.wijk_pages or roles.organisation_pages or roles.communicatie_roots:
        sent_back = WorkflowState.objects.filter(
            requested_by=user, status=WorkflowState.STATUS_NEEDS_CHANGES
        ).count()
        waiting.append(
            Waiting(
                label=ngettext(
                    "pagina van jou kwam terug met een opmerking",
                    "pagina's van jou kwamen terug met een opmerking",
                    sent_back,
                ),
                count=sent_back,
                url="#objects-in-workflow-section",
            )
        )
    return Dashboard(
        shortcuts=_shortcuts(roles, waiting_help=waiting_help), waiting=waiting
    )


class RoleDashboardPanel(Component):
    """At the top of the dashboard: "Wat wil je doen?" and "Wat wacht op je?"."""

    name = "buurtplein_role_dashboard"
    template_name = "editorial/dashboard_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["dashboard"] = dashboard_for(user=parent_context["request"].user)
        return context
