"""A sociale kaart spreadsheet in the documented layout, with new organisations.

The columns and their formats are those of docs/sociale-kaart-import.md (the
same order as docs/voorbeeld-sociale-kaart.csv): one organisation over one to
three rows, its own columns on the first row only, a service and/or a location
on each row. The organisations come from the same vocabulary as the built
sociale kaart, so their names sort in among the existing ones.
"""

import csv
import random
from pathlib import Path

from socialmap.models import OrganisationPage, SupportLevel

from . import vocabulary as words
from .dataset import OrganisationMaker, Taxonomies

COLUMNS = (
    "kenmerk",
    "naam",
    "samenvatting",
    "beschrijving",
    "telefoon",
    "email",
    "website",
    "wijken",
    "themas",
    "doelgroepen",
    "laatst_gecontroleerd",
    "dienst",
    "dienst_omschrijving",
    "voor_wie",
    "kosten",
    "gratis",
    "hoe_aanvragen",
    "leefring",
    "locatie_naam",
    "adres",
    "postcode",
    "plaats",
    "openingstijden",
    "toegankelijkheid",
    "breedtegraad",
    "lengtegraad",
)
DAY_NAMES = ("ma", "di", "wo", "do", "vr", "za", "zo")
LEEFRING = {
    SupportLevel.SELF: "zelf",
    SupportLevel.NETWORK: "netwerk",
    SupportLevel.GENERAL: "algemeen",
    SupportLevel.INDIVIDUAL: "maatwerk",
    "": "",
}
# The spreadsheet cannot say "open day and night" (00:00-00:00 is refused as
# opening and closing at the same time), so imported organisations keep to
# the usual hours.
IMPORT_PATTERNS = {
    name: weight
    for name, weight in words.OPENING_PATTERN_WEIGHTS.items()
    if name != "always"
}


def days_text(weekdays: list[int]) -> str:
    """[0, 1, 2, 3, 4] -> 'ma-vr'; [1, 3] -> 'di, do'."""
    if len(weekdays) > 2 and weekdays == list(range(weekdays[0], weekdays[-1] + 1)):
        return f"{DAY_NAMES[weekdays[0]]}-{DAY_NAMES[weekdays[-1]]}"
    return ", ".join(DAY_NAMES[day] for day in weekdays)


def hours_text(slots) -> str:
    """Opening hours as a resident types them: 'ma-vr 09:00-12:30, 13:30-17:00'."""
    periods: dict[int, list[str]] = {}
    for slot in sorted(slots, key=lambda s: (s.weekday, s.opens)):
        periods.setdefault(slot.weekday, []).append(
            f"{slot.opens:%H:%M}-{slot.closes:%H:%M}"
        )
    by_times: dict[tuple[str, ...], list[int]] = {}
    for weekday, times in periods.items():
        by_times.setdefault(tuple(times), []).append(weekday)
    return "; ".join(
        f"{days_text(days)} {', '.join(times)}" for times, days in by_times.items()
    )


def organisation_rows(page: OrganisationPage) -> list[dict[str, str]]:
    services = list(page.services.all())
    locations = list(page.locations.all())
    rows = []
    for number in range(max(len(services), len(locations))):
        row = dict.fromkeys(COLUMNS, "")
        row["kenmerk"] = page.external_id
        if number == 0:
            paragraphs = page.description.removeprefix("<p>").removesuffix("</p>")
            row.update(
                naam=page.title,
                samenvatting=page.introduction,
                beschrijving=paragraphs.replace("</p><p>", "\n\n"),
                telefoon=page.phone,
                email=page.email,
                website=page.website.removeprefix("https://"),
                wijken="; ".join(n.name for n in page.neighbourhoods.all()),
                themas="; ".join(t.name for t in page.themes.all()),
                doelgroepen="; ".join(g.name for g in page.target_groups.all()),
                laatst_gecontroleerd=f"{page.last_checked:%d-%m-%Y}"
                if page.last_checked
                else "",
            )
        if number < len(services):
            service = services[number]
            row.update(
                dienst=service.name,
                dienst_omschrijving=service.description,
                voor_wie=service.for_whom,
                kosten=service.cost,
                gratis="ja" if service.is_free else "nee",
                hoe_aanvragen=service.how_to_apply,
                leefring=LEEFRING[service.support_level],
            )
        if number < len(locations):
            location = locations[number]
            row.update(
                locatie_naam=location.name,
                adres=location.street_address,
                postcode=location.postcode,
                plaats=location.city,
                openingstijden=hours_text(location.opening_hours.all()),
                toegankelijkheid=location.accessibility_notes,
                breedtegraad=str(location.latitude),
                lengtegraad=str(location.longitude),
            )
        rows.append(row)
    return rows


def import_file_write(
    path: Path, *, rows: int, taxonomies: Taxonomies, prefix: str, seed: int
) -> int:
    """Write a CSV of exactly ``rows`` rows (plus the header) with organisations
    that do not exist yet (external ids ``<prefix>-0001`` …); returns how many
    organisations it holds."""
    maker = OrganisationMaker(
        taxonomies=taxonomies,
        rng=random.Random(seed),  # noqa: S311 (a repeatable file, no secrets)
        opening_patterns=IMPORT_PATTERNS,
    )
    written: list[dict[str, str]] = []
    organisations = 0
    while len(written) < rows:
        organisations += 1
        page = maker.page(organisations, external_id=f"{prefix}-{organisations:04d}")
        written.extend(organisation_rows(page)[: rows - len(written)])
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, delimiter=";")
        writer.writeheader()
        writer.writerows(written)
    return organisations
