"""Reading a sociale kaart spreadsheet (CSV or XLSX) and checking every cell.

Municipalities keep their sociale kaart in spreadsheets. The column layout is
documented for them in ``docs/sociale-kaart-import.md``: one row per service
(or location) of an organisation, the organisation's columns repeated, and
the ``kenmerk`` column grouping rows into one organisation.

``read_spreadsheet`` turns a file into rows numbered as the municipality sees
them (the header is row 1); ``validate_rows`` checks every cell and turns the
rows into ``OrganisationData`` for ``socialmap.services``. Problems come back
as a list, in Dutch, by row and column; nothing here writes.
"""

import csv
import datetime
import difflib
import io
import itertools
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext
from wagtail.models import Site

from core.models import Neighbourhood, TargetGroup, Theme

from .models import SupportLevel, Weekday
from .services import (
    ImportProblem,
    LocationData,
    OpeningHoursData,
    OrganisationData,
    ServiceData,
    plain_text_to_rich_text,
)

DEFAULT_MAX_ROWS = 5_000
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
# An .xlsx is a zip file: refuse one that unpacks to far more than it could hold.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_COLUMNS = 200
# Excel files often carry thousands of formatted but empty rows at the end.
MAX_EMPTY_ROWS_IN_A_ROW = 1_000
CSV_DELIMITERS = (";", ",", "\t")
LIST_SEPARATOR = re.compile(r"[;\n]")


def max_rows_setting() -> int:
    return getattr(settings, "BUURTPLEIN_IMPORT_MAX_ROWS", DEFAULT_MAX_ROWS)


def max_bytes_setting() -> int:
    return getattr(settings, "BUURTPLEIN_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES)


def dutch_number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def shown(value: str, limit: int = 40) -> str:
    """A cell's value, short and without invisible characters, for a message."""
    value = re.sub(r"[\x00-\x1f\x7f]", "\N{REPLACEMENT CHARACTER}", str(value))
    return value if len(value) <= limit else value[: limit - 1] + "…"


# --------------------------------------------------------------------------
# The columns.
# --------------------------------------------------------------------------

ORGANISATION, SERVICE, LOCATION = "organisation", "service", "location"


@dataclass(frozen=True)
class Column:
    name: str
    part: str
    help: str
    max_length: int = 250
    multiline: bool = False
    required: bool = False


COLUMNS = (
    Column(
        "kenmerk",
        ORGANISATION,
        _lazy(
            "Vaste code van de organisatie, bijvoorbeeld ORG-001. Rijen met "
            "hetzelfde kenmerk horen bij één organisatie."
        ),
        max_length=100,
        required=True,
    ),
    Column("naam", ORGANISATION, _lazy("Naam van de organisatie."), 255, required=True),
    Column(
        "samenvatting", ORGANISATION, _lazy("Eén of twee zinnen."), 500, multiline=True
    ),
    Column(
        "beschrijving",
        ORGANISATION,
        _lazy("Wat doet de organisatie? Een lege regel begint een nieuwe alinea."),
        10_000,
        multiline=True,
    ),
    Column("telefoon", ORGANISATION, _lazy("Bijvoorbeeld 0183 123 456."), 30),
    Column("email", ORGANISATION, _lazy("Bijvoorbeeld info@buurthuis.nl."), 254),
    Column(
        "website", ORGANISATION, _lazy("Bijvoorbeeld https://www.buurthuis.nl."), 200
    ),
    Column(
        "wijken",
        ORGANISATION,
        _lazy("Namen van wijken, gescheiden door ';'. Leeg: de hele gemeente."),
        2_000,
    ),
    Column("themas", ORGANISATION, _lazy("Thema's, gescheiden door ';'."), 2_000),
    Column(
        "doelgroepen", ORGANISATION, _lazy("Doelgroepen, gescheiden door ';'."), 2_000
    ),
    Column(
        "laatst_gecontroleerd",
        ORGANISATION,
        _lazy("Datum, bijvoorbeeld 15-03-2025. Leeg: blijft zoals het is."),
        30,
    ),
    Column(
        "dienst",
        SERVICE,
        _lazy("Naam van de dienst. Nodig als de rij over een dienst gaat."),
        150,
    ),
    Column(
        "dienst_omschrijving",
        SERVICE,
        _lazy("Wat houdt de dienst in?"),
        10_000,
        multiline=True,
    ),
    Column("voor_wie", SERVICE, _lazy("Bijvoorbeeld 'ouderen in de wijk'."), 250),
    Column("kosten", SERVICE, _lazy("Bijvoorbeeld '€ 2,50 per keer'."), 150),
    Column("gratis", SERVICE, _lazy("ja of nee."), 10),
    Column(
        "hoe_aanvragen",
        SERVICE,
        _lazy("Gewoon binnenlopen, bellen, of een aanvraag bij de gemeente?"),
        10_000,
        multiline=True,
    ),
    Column(
        "leefring",
        SERVICE,
        _lazy("zelf, netwerk, algemeen of maatwerk (of 1, 2, 3, 4)."),
        50,
    ),
    Column(
        "locatie_naam",
        LOCATION,
        _lazy("Bijvoorbeeld 'Buurthuis De Schakel'. Mag leeg."),
        150,
    ),
    Column(
        "adres",
        LOCATION,
        _lazy("Straat en huisnummer. Nodig als de rij over een locatie gaat."),
        200,
    ),
    Column("postcode", LOCATION, _lazy("Bijvoorbeeld 4201 AB."), 10),
    Column(
        "plaats",
        LOCATION,
        _lazy("Bijvoorbeeld Merwestad. Nodig als de rij over een locatie gaat."),
        100,
    ),
    Column(
        "openingstijden",
        LOCATION,
        _lazy("Bijvoorbeeld 'ma-vr 09:00-17:00; za 10:00-12:00'."),
        1_000,
        multiline=True,
    ),
    Column(
        "toegankelijkheid",
        LOCATION,
        _lazy("Bijvoorbeeld: drempelvrij, invalidentoilet, ringleiding."),
        10_000,
        multiline=True,
    ),
    Column(
        "breedtegraad",
        LOCATION,
        _lazy("Bijvoorbeeld 51.8321. Leeg: blijft zoals het is."),
        30,
    ),
    Column(
        "lengtegraad",
        LOCATION,
        _lazy("Bijvoorbeeld 4.9712. Leeg: blijft zoals het is."),
        30,
    ),
)
COLUMNS_BY_NAME = {column.name: column for column in COLUMNS}
COLUMN_ORDER = {column.name: position for position, column in enumerate(COLUMNS)}
# Other ways people write a column name.
COLUMN_ALIASES = {
    "e_mail": "email",
    "emailadres": "email",
    "e_mailadres": "email",
    "id": "kenmerk",
    "extern_kenmerk": "kenmerk",
    "external_id": "kenmerk",
    "wijk": "wijken",
    "thema": "themas",
    "doelgroep": "doelgroepen",
    "telefoonnummer": "telefoon",
    "naam_locatie": "locatie_naam",
    "locatienaam": "locatie_naam",
    "gecontroleerd": "laatst_gecontroleerd",
}


def column_name(header: str) -> str:
    """'Thema's' -> 'themas', 'Locatie naam' -> 'locatie_naam', 'E-mail' -> 'email'."""
    name = re.sub(r"['\u2019`\"]", "", str(header).strip().lower())
    name = re.sub(r"[\s\-./]+", "_", name).strip("_")
    return COLUMN_ALIASES.get(name, name)


def problem_order(problem: ImportProblem) -> tuple:
    return (
        problem.row if problem.row is not None else 0,
        COLUMN_ORDER.get(problem.column or "", len(COLUMN_ORDER)),
    )


# --------------------------------------------------------------------------
# Reading a file.
# --------------------------------------------------------------------------


@dataclass
class SheetRow:
    number: int
    values: dict[str, str]


@dataclass
class ParsedRows:
    """The rows of a spreadsheet by column name, and what was wrong with the file."""

    columns: list[str] = field(default_factory=list)
    rows: list[SheetRow] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    filename: str = ""

    def __iter__(self) -> Iterator[SheetRow]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    @classmethod
    def from_mappings(cls, mappings: Iterable[Mapping[str, Any]]) -> "ParsedRows":
        """Rows given as mappings (column -> value), numbered from row 2 on."""
        mappings = list(mappings)
        headers = []
        for mapping in mappings:
            for key in mapping:
                if key not in headers:
                    headers.append(key)
        return _table_to_rows(
            [(1, headers)]
            + [
                (number, [_cell_text(mapping.get(key)) for key in headers])
                for number, mapping in enumerate(mappings, start=2)
            ],
            max_rows=None,
        )

    def to_session(self) -> dict:
        """A JSON-safe form, to keep between the dry run and the import."""
        return {
            "columns": self.columns,
            "rows": [[row.number, row.values] for row in self.rows],
            "filename": self.filename,
        }

    @classmethod
    def from_session(cls, data: Mapping[str, Any]) -> "ParsedRows":
        return cls(
            columns=[str(name) for name in data["columns"]],
            rows=[
                SheetRow(int(number), {str(k): str(v) for k, v in values.items()})
                for number, values in data["rows"]
            ],
            filename=str(data.get("filename", "")),
        )


def read_spreadsheet(
    source: bytes | Any,
    *,
    filename: str,
    max_rows: int | None = None,
    max_bytes: int | None = None,
) -> ParsedRows:
    """Read a CSV (UTF-8, ';' or ',' between the columns) or XLSX file.

    Never raises on a bad file: what is wrong comes back in ``problems``.
    """
    max_rows = max_rows or max_rows_setting()
    max_bytes = max_bytes or max_bytes_setting()
    data = source if isinstance(source, bytes) else source.read(max_bytes + 1)
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""

    def failed(message: str) -> ParsedRows:
        return ParsedRows(problems=[ImportProblem(message)], filename=filename)

    if len(data) > max_bytes:
        return failed(
            _("Het bestand is groter dan %(size)s MB. Splits het in kleinere delen.")
            % {"size": dutch_number(max_bytes // (1024 * 1024))}
        )
    if not data.strip():
        return failed(_("Het bestand is leeg."))
    if extension == "xls" or data.startswith(b"\xd0\xcf\x11\xe0"):
        return failed(
            _(
                "Dit is een oud Excel-bestand (.xls). Sla het in Excel op als "
                "'Excel-werkmap (.xlsx)' of als 'CSV UTF-8'."
            )
        )
    if data.startswith(b"PK\x03\x04"):
        parsed = _read_xlsx(data, max_rows=max_rows)
    elif extension == "xlsx":
        return failed(
            _(
                "Dit is geen geldig Excel-bestand (.xlsx). Sla het bestand in "
                "Excel op als 'Excel-werkmap (.xlsx)' of als 'CSV UTF-8'."
            )
        )
    elif extension in ("csv", "txt", ""):
        parsed = _read_csv(data, max_rows=max_rows)
    else:
        return failed(
            _(
                "Bestanden met de extensie .%(extension)s kunnen we niet lezen. "
                "Gebruik een CSV-bestand (.csv) of een Excel-werkmap (.xlsx)."
            )
            % {"extension": shown(extension, 10)}
        )
    parsed.filename = filename
    return parsed


def _decode(data: bytes) -> tuple[str | None, ImportProblem | None]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, ImportProblem(
            _(
                "Het bestand is opgeslagen als UTF-16 ('Unicode-tekst'). Kies in "
                "Excel 'Opslaan als' en dan 'CSV UTF-8 (door komma's "
                "gescheiden)'."
            )
        )
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return None, ImportProblem(
            _(
                "Het bestand is niet als UTF-8 opgeslagen: regel %(line)s bevat "
                "een teken dat we niet kunnen lezen. Kies in Excel 'Opslaan "
                "als' en dan 'CSV UTF-8 (door komma's gescheiden)'."
            )
            % {"line": line}
        )


def _delimiter(text: str) -> str:
    """The delimiter that splits the header line most often (Dutch Excel: ';')."""
    header = text.split("\n", 1)[0]
    counts = {delimiter: header.count(delimiter) for delimiter in CSV_DELIMITERS}
    best = max(CSV_DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def _read_csv(data: bytes, *, max_rows: int) -> ParsedRows:
    text, problem = _decode(data)
    if problem is not None:
        return ParsedRows(problems=[problem])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    table: list[tuple[int, list[str]]] = []
    problems = []
    number = 0
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error:
            problems.append(
                ImportProblem(
                    _(
                        "Deze rij kunnen we niet lezen: een cel is langer dan "
                        '%(limit)s tekens, of een aanhalingsteken (") wordt '
                        "niet afgesloten. Verder lezen we het bestand niet."
                    )
                    % {"limit": dutch_number(csv.field_size_limit())},
                    row=number + 1,
                )
            )
            break
        number += 1
        table.append((number, record))
    parsed = _table_to_rows(table, max_rows=max_rows)
    parsed.problems.extend(problems)
    return parsed


def _cell_text(value: Any) -> str:
    """A cell's value as text, the way the municipality typed it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time.min:
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def _read_xlsx(data: bytes, *, max_rows: int) -> ParsedRows:
    from openpyxl import load_workbook

    not_excel = ImportProblem(
        _(
            "Dit is geen geldig Excel-bestand (.xlsx). Sla het bestand in Excel "
            "op als 'Excel-werkmap (.xlsx)' of als 'CSV UTF-8'."
        )
    )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return ParsedRows(problems=[not_excel])
    if unpacked > MAX_UNPACKED_BYTES:
        return ParsedRows(
            problems=[
                ImportProblem(
                    _("Dit Excel-bestand is uitgepakt te groot om in te lezen.")
                )
            ]
        )
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds of errors on a bad file
        return ParsedRows(problems=[not_excel])
    try:
        if not workbook.worksheets:
            return ParsedRows(problems=[not_excel])
        sheet = workbook.worksheets[0]
        table = []
        empty_run = 0
        data_rows = 0
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = [_cell_text(value) for value in values[:MAX_COLUMNS]]
            if any(cell.strip() for cell in cells):
                empty_run = 0
                data_rows += number > 1
            else:
                empty_run += 1
                if empty_run >= MAX_EMPTY_ROWS_IN_A_ROW:
                    break
                continue
            table.append((number, cells))
            if data_rows > max_rows:
                break
    except Exception:  # a damaged sheet inside a valid zip file
        return ParsedRows(problems=[not_excel])
    finally:
        workbook.close()
    return _table_to_rows(table, max_rows=max_rows)


def _column_letter(position: int) -> str:
    letters = ""
    position += 1
    while position:
        position, remainder = divmod(position - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _table_to_rows(
    table: list[tuple[int, list[str]]], *, max_rows: int | None
) -> ParsedRows:
    """Rows of cells (row 1 the header) into rows by column name."""
    parsed = ParsedRows()
    if not table or table[0][0] != 1 or not any(c.strip() for c in table[0][1]):
        parsed.problems.append(
            ImportProblem(
                _(
                    "Rij 1 moet de kolomnamen bevatten, zoals kenmerk, naam, "
                    "dienst en adres. Zie de handleiding voor alle kolommen."
                ),
                row=1,
            )
        )
        return parsed

    positions: dict[int, str] = {}
    for position, header in enumerate(table[0][1][:MAX_COLUMNS]):
        if not header.strip():
            continue
        name = column_name(header)
        if name not in COLUMNS_BY_NAME:
            suggestion = difflib.get_close_matches(name, COLUMNS_BY_NAME, n=1)
            message = _("Deze kolom kennen we niet.")
            if suggestion:
                message += " " + _("Bedoel je '%(name)s'?") % {"name": suggestion[0]}
            parsed.problems.append(
                ImportProblem(message, row=1, column=shown(header.strip()))
            )
        elif name in positions.values():
            parsed.problems.append(
                ImportProblem(
                    _("Deze kolom staat er twee keer in. Haal er één weg."),
                    row=1,
                    column=name,
                )
            )
        else:
            positions[position] = name
    parsed.columns = list(positions.values())

    header_cells = table[0][1][:MAX_COLUMNS]
    nameless_reported = set()
    data_rows = 0
    for number, cells in table[1:]:
        if not any(cell.strip() for cell in cells):
            continue
        data_rows += 1
        if max_rows is not None and data_rows > max_rows:
            parsed.problems.append(
                ImportProblem(
                    _(
                        "Het bestand heeft meer dan %(max)s rijen met gegevens. "
                        "Splits het in kleinere bestanden."
                    )
                    % {"max": dutch_number(max_rows)},
                    row=number,
                )
            )
            break
        values = {}
        for position, cell in enumerate(cells[:MAX_COLUMNS]):
            name = positions.get(position)
            if name is not None:
                values[name] = cell
                continue
            header = header_cells[position] if position < len(header_cells) else ""
            if cell.strip() and not header.strip():
                if position not in nameless_reported:
                    nameless_reported.add(position)
                    parsed.problems.append(
                        ImportProblem(
                            _(
                                "In kolom %(letter)s staat iets, maar die kolom "
                                "heeft in rij 1 geen naam."
                            )
                            % {"letter": _column_letter(position)},
                            row=number,
                        )
                    )
        parsed.rows.append(SheetRow(number, values))
    return parsed


# --------------------------------------------------------------------------
# Checking the cells.
# --------------------------------------------------------------------------


class CellError(ValueError):
    """A cell's value is not right; the message says why, in Dutch."""


CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
POSTCODE = re.compile(r"^([1-9]\d{3})\s?([A-Za-z]{2})$")
PHONE_CHARACTERS = re.compile(r"^\+?[\d\s().\-]+$")
YES = {"ja", "j", "yes", "y", "waar", "true", "1", "x"}
NO = {"nee", "n", "no", "onwaar", "false", "0"}
SUPPORT_LEVELS = {
    SupportLevel.SELF: ("zelf", "zelf doen", "self", "1"),
    SupportLevel.NETWORK: (
        "netwerk",
        "eigen netwerk",
        "met je eigen netwerk",
        "network",
        "2",
    ),
    SupportLevel.GENERAL: (
        "algemeen",
        "algemene voorziening",
        "algemene voorziening, voor iedereen",
        "general",
        "3",
    ),
    SupportLevel.INDIVIDUAL: (
        "maatwerk",
        "maatwerk via de gemeente",
        "individueel",
        "individual",
        "4",
    ),
}
SUPPORT_LEVEL_BY_WORD = {
    word: level for level, words in SUPPORT_LEVELS.items() for word in words
}
DAYS = {
    "ma": 0,
    "maandag": 0,
    "di": 1,
    "dinsdag": 1,
    "wo": 2,
    "woensdag": 2,
    "do": 3,
    "donderdag": 3,
    "vr": 4,
    "vrijdag": 4,
    "za": 5,
    "zaterdag": 5,
    "zo": 6,
    "zondag": 6,
}
EVERY_DAY = ("dagelijks", "elke dag", "iedere dag", "alle dagen")
CLOSED_WORDS = ("gesloten", "dicht")
TIME = r"(\d{1,2})(?:[:.](\d{2}))?"
SLOT = re.compile(rf"{TIME}\s*(?:-|–|tot)\s*{TIME}")
HOURS_EXAMPLE = "ma-vr 09:00-17:00; za 10:00-12:00"


def _single_line(value: str) -> str:
    if "\n" in value or "\r" in value:
        raise CellError(
            _("Deze cel mag maar één regel tekst hebben; haal de enters weg.")
        )
    return " ".join(value.split())


def _multiline(value: str) -> str:
    lines = value.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()


def parse_phone(value: str) -> str:
    value = _single_line(value)
    digits = re.sub(r"\D", "", value)
    if not PHONE_CHARACTERS.match(value) or not 6 <= len(digits) <= 15:
        raise CellError(
            _("'%(value)s' is geen telefoonnummer (bijvoorbeeld 0183 123 456).")
            % {"value": shown(value)}
        )
    if not (value.startswith(("0", "+")) or digits.startswith("14")):
        raise CellError(
            _(
                "'%(value)s' begint niet met een 0. Is de 0 weggevallen? Zet "
                "de cel in Excel op 'Tekst' en typ het nummer opnieuw."
            )
            % {"value": shown(value)}
        )
    return value


def parse_email(value: str) -> str:
    value = _single_line(value)
    try:
        validate_email(value)
    except ValidationError:
        raise CellError(
            _("'%(value)s' is geen e-mailadres (bijvoorbeeld info@buurthuis.nl).")
            % {"value": shown(value)}
        ) from None
    return value


def parse_website(value: str) -> str:
    value = _single_line(value)
    # 'www.buurthuis.nl' gets https://; 'javascript:...' stays and is refused.
    has_scheme = re.match(r"^[a-z][a-z0-9+.\-]*:(?!\d)", value, re.I)
    url = value if has_scheme else f"https://{value}"
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise CellError(
            _("'%(value)s' is geen webadres (bijvoorbeeld https://www.buurthuis.nl).")
            % {"value": shown(value)}
        ) from None
    if len(url) > 200:
        raise CellError(_("Dit webadres is langer dan 200 tekens."))
    return url


def parse_postcode(value: str) -> str:
    match = POSTCODE.match(value.strip())
    if not match:
        raise CellError(
            _("'%(value)s' is geen Nederlandse postcode (bijvoorbeeld 4201 AB).")
            % {"value": shown(value)}
        )
    return f"{match.group(1)} {match.group(2).upper()}"


def parse_yes_no(value: str) -> bool:
    word = value.strip().lower()
    if word in YES:
        return True
    if word in NO:
        return False
    raise CellError(_("'%(value)s' is geen ja of nee.") % {"value": shown(value)})


def parse_support_level(value: str) -> str:
    word = " ".join(value.strip().lower().replace("leefring", "").split())
    level = SUPPORT_LEVEL_BY_WORD.get(word)
    if level is None:
        raise CellError(
            _(
                "'%(value)s' is geen leefring. Kies uit: zelf, netwerk, "
                "algemeen of maatwerk."
            )
            % {"value": shown(value)}
        )
    return level.value


def parse_date(value: str) -> datetime.date:
    text = value.strip()
    for pattern in ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y"):
        try:
            day = datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
        if day > datetime.date.today():
            raise CellError(
                _("%(value)s ligt in de toekomst.") % {"value": shown(value)}
            )
        return day
    raise CellError(
        _("'%(value)s' is geen datum (bijvoorbeeld 15-03-2025).")
        % {"value": shown(value)}
    )


def parse_coordinate(value: str, *, limit: int) -> Decimal:
    text = value.strip().replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or abs(number) > limit:
        raise CellError(
            _("'%(value)s' is geen coördinaat (bijvoorbeeld 51.8321).")
            % {"value": shown(value)}
        )
    return number.quantize(Decimal("0.000001"))


def _time(hours: str, minutes: str | None, text: str) -> datetime.time:
    hour, minute = int(hours), int(minutes or 0)
    if hour == 24 and minute == 0:
        return datetime.time(0, 0)
    if hour > 23 or minute > 59:
        raise CellError(
            _("'%(time)s' is geen tijd. Schrijf tijden als 09:00.") % {"time": text}
        )
    return datetime.time(hour, minute)


def _days(text: str) -> list[int]:
    text = " ".join(text.lower().split()).rstrip(":").strip()
    if text in EVERY_DAY:
        return list(range(7))
    text = re.sub(r"\s*(?:\btot en met\b|t/m|\btot\b|-|–)\s*", "-", text)
    days = []
    for token in re.split(r"\s*,\s*|\s+en\s+|\s*&\s*|\s+", text):
        if not token:
            continue
        ends = re.split(r"-|–", token)
        if len(ends) == 2 and all(end in DAYS for end in ends):
            first, last = DAYS[ends[0]], DAYS[ends[1]]
            days.extend((first + step) % 7 for step in range((last - first) % 7 + 1))
        elif token in DAYS:
            days.append(DAYS[token])
        else:
            raise CellError(
                _(
                    "'%(day)s' is geen dag. Gebruik ma, di, wo, do, vr, za en zo, "
                    "bijvoorbeeld '%(example)s'."
                )
                % {"day": shown(token), "example": HOURS_EXAMPLE}
            )
    if not days:
        raise CellError(
            _("Zet de dagen vóór de tijden, bijvoorbeeld '%(example)s'.")
            % {"example": HOURS_EXAMPLE}
        )
    return days


def parse_opening_hours(value: str) -> list[OpeningHoursData]:
    """'ma-vr 09:00-17:00; za 10:00-12:00' -> one slot per weekday and period."""
    slots: list[OpeningHoursData] = []
    for part in re.split(r"[;\n]", value):
        part = part.strip()
        if not part:
            continue
        digit = re.search(r"\d", part)
        if digit is None:
            words = part.lower().split()
            if words and words[-1] in CLOSED_WORDS:
                _days(" ".join(words[:-1]))
                continue
            raise CellError(
                _("'%(part)s' begrijpen we niet. Schrijf bijvoorbeeld '%(example)s'.")
                % {"part": shown(part), "example": HOURS_EXAMPLE}
            )
        days = _days(part[: digit.start()])
        times = part[digit.start() :]
        periods = []
        for match in SLOT.finditer(times):
            opens = _time(match.group(1), match.group(2), match.group(0))
            closes = _time(match.group(3), match.group(4), match.group(0))
            if opens == closes:
                raise CellError(
                    _("In '%(part)s' is de openingstijd gelijk aan de sluitingstijd.")
                    % {"part": shown(part)}
                )
            periods.append((opens, closes))
        rest = re.sub(r"[\s,&/]|\ben\b|\buur\b", "", SLOT.sub("", times))
        if not periods or rest:
            raise CellError(
                _("'%(part)s' begrijpen we niet. Schrijf bijvoorbeeld '%(example)s'.")
                % {"part": shown(part), "example": HOURS_EXAMPLE}
            )
        for day in days:
            for opens, closes in periods:
                slots.append(OpeningHoursData(day, opens, closes))
    _check_overlap(slots)
    return sorted(slots, key=lambda s: (s.weekday, s.opens, s.closes))


def _check_overlap(slots: list[OpeningHoursData]) -> None:
    by_day: dict[int, list[OpeningHoursData]] = {}
    for slot in slots:
        by_day.setdefault(slot.weekday, []).append(slot)
    for day, day_slots in by_day.items():
        ordered = sorted(day_slots, key=lambda s: s.opens)
        for before, after in itertools.pairwise(ordered):
            if after.opens < before.closes or before.closes < before.opens:
                raise CellError(
                    _("Op %(day)s overlappen de tijden %(a)s en %(b)s.")
                    % {
                        "day": Weekday(day).label,
                        "a": f"{before.opens:%H:%M}-{before.closes:%H:%M}",
                        "b": f"{after.opens:%H:%M}-{after.closes:%H:%M}",
                    }
                )


class _Taxonomy:
    """Terms by name or slug (any case), for one column.

    ``unknown`` gives the message for values that match no term: it is called
    with the values (quoted, joined) and how many there are.
    """

    def __init__(self, terms: Iterable, unknown: Callable[[str, int], str]):
        self.terms = list(terms)
        self.unknown = unknown
        self.by_key = {}
        for term in self.terms:
            self.by_key[term.slug.casefold()] = term
            self.by_key[" ".join(term.name.split()).casefold()] = term

    def parse(self, value: str) -> list:
        found, unknown = [], []
        for item in LIST_SEPARATOR.split(value):
            item = " ".join(item.split())
            if not item:
                continue
            term = self.by_key.get(item.casefold())
            if term is None:
                unknown.append(item)
            elif term not in found:
                found.append(term)
        if unknown:
            names = [term.name for term in self.terms]
            message = self.unknown(
                "', '".join(shown(item) for item in unknown), len(unknown)
            )
            suggestion = difflib.get_close_matches(unknown[0], names, n=1)
            if suggestion:
                message += " " + _("Bedoel je '%(name)s'?") % {"name": suggestion[0]}
            elif len(names) <= 12:
                message += " " + _("Kies uit: %(names)s.") % {
                    "names": ", ".join(names) or "–"
                }
            raise CellError(message)
        return found


# --------------------------------------------------------------------------
# From rows to organisations.
# --------------------------------------------------------------------------


@dataclass
class OrganisationPlan:
    data: OrganisationData
    rows: list[int]


@dataclass
class ValidatedRows:
    organisations: list[OrganisationPlan]
    problems: list[ImportProblem]


@dataclass
class _Merged:
    """Values of one organisation, service or location across its rows."""

    values: dict[str, Any] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    first_row: int = 0


SERVICE_COLUMNS = {
    "dienst_omschrijving": "description",
    "voor_wie": "for_whom",
    "kosten": "cost",
    "gratis": "is_free",
    "hoe_aanvragen": "how_to_apply",
    "leefring": "support_level",
}
LOCATION_COLUMNS = {
    "locatie_naam": "name",
    "postcode": "postcode",
    "toegankelijkheid": "accessibility_notes",
    "openingstijden": "opening_hours",
}
ORGANISATION_COLUMNS = {
    "naam": "title",
    "samenvatting": "introduction",
    "beschrijving": "description",
    "telefoon": "phone",
    "email": "email",
    "website": "website",
    "wijken": "neighbourhoods",
    "themas": "themes",
    "doelgroepen": "target_groups",
    "laatst_gecontroleerd": "last_checked",
}
DEFAULTS = {
    "gratis": False,
    "wijken": [],
    "themas": [],
    "doelgroepen": [],
    "openingstijden": [],
    "laatst_gecontroleerd": None,
}


def _comparable(value: Any) -> Any:
    if isinstance(value, list) and value and hasattr(value[0], "pk"):
        return sorted(item.pk for item in value)
    return value


def _shown_value(value: Any) -> str:
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, list):
        if value and isinstance(value[0], OpeningHoursData):
            return "; ".join(
                f"{Weekday(s.weekday).label[:2]} {s.opens:%H:%M}-{s.closes:%H:%M}"
                for s in value
            )
        return "; ".join(getattr(item, "name", str(item)) for item in value)
    if isinstance(value, datetime.date):
        return value.strftime("%d-%m-%Y")
    return shown(str(value))


class _Validator:
    def __init__(self, parsed: ParsedRows, *, site: Site):
        self.parsed = parsed
        self.columns = set(parsed.columns)
        self.problems: list[ImportProblem] = list(parsed.problems)
        self.invalid: set[tuple[int, str]] = set()
        site_name = site.site_name or site.hostname
        self.taxonomies = {
            "wijken": _Taxonomy(
                Neighbourhood.objects.filter(site=site).order_by("name"),
                lambda values, count: (
                    ngettext(
                        "'%(values)s' is geen wijk van %(site)s.",
                        "'%(values)s' zijn geen wijken van %(site)s.",
                        count,
                    )
                    % {"values": values, "site": site_name}
                ),
            ),
            "themas": _Taxonomy(
                Theme.objects.order_by("name"),
                lambda values, count: (
                    ngettext(
                        "'%(values)s' is geen thema dat we kennen.",
                        "'%(values)s' zijn geen thema's die we kennen.",
                        count,
                    )
                    % {"values": values}
                ),
            ),
            "doelgroepen": _Taxonomy(
                TargetGroup.objects.order_by("name"),
                lambda values, count: (
                    ngettext(
                        "'%(values)s' is geen doelgroep die we kennen.",
                        "'%(values)s' zijn geen doelgroepen die we kennen.",
                        count,
                    )
                    % {"values": values}
                ),
            ),
        }
        self.converters: dict[str, Callable[[str], Any]] = {
            "telefoon": parse_phone,
            "email": parse_email,
            "website": parse_website,
            "wijken": self.taxonomies["wijken"].parse,
            "themas": self.taxonomies["themas"].parse,
            "doelgroepen": self.taxonomies["doelgroepen"].parse,
            "laatst_gecontroleerd": parse_date,
            "gratis": parse_yes_no,
            "leefring": parse_support_level,
            "postcode": parse_postcode,
            "openingstijden": parse_opening_hours,
            "breedtegraad": lambda value: parse_coordinate(value, limit=90),
            "lengtegraad": lambda value: parse_coordinate(value, limit=180),
            "beschrijving": lambda value: plain_text_to_rich_text(_multiline(value)),
        }

    def problem(self, message: str, row: int | None, column: str | None = None):
        self.problems.append(ImportProblem(message, row=row, column=column))

    def check_columns(self) -> bool:
        """The header has what the rows need; False if the rows cannot be read."""
        ok = True
        for name in ("kenmerk", "naam"):
            if name not in self.columns:
                self.problem(
                    _("De kolom '%(name)s' ontbreekt; die is verplicht.")
                    % {"name": name},
                    row=1,
                )
                ok = False
        needs = (
            (SERVICE, ("dienst",), _("diensten")),
            (LOCATION, ("adres", "plaats"), _("locaties")),
        )
        for part, required, label in needs:
            used = [
                c.name for c in COLUMNS if c.part == part and c.name in self.columns
            ]
            for name in required:
                if used and name not in self.columns:
                    self.problem(
                        _(
                            "De kolom '%(name)s' ontbreekt; die is nodig voor "
                            "%(label)s (je gebruikt wel '%(used)s')."
                        )
                        % {"name": name, "label": label, "used": used[0]},
                        row=1,
                    )
                    ok = False
        return ok

    def cell(self, row: SheetRow, name: str) -> tuple[bool, Any]:
        """(filled, value); an invalid cell is reported and counts as not filled."""
        raw = row.values.get(name, "")
        if not raw.strip():
            return False, None
        column = COLUMNS_BY_NAME[name]
        try:
            if CONTROL_CHARACTERS.search(raw):
                raise CellError(
                    _(
                        "Deze cel bevat onzichtbare stuurtekens (zoals NUL). "
                        "Typ de tekst opnieuw."
                    )
                )
            if raw.lstrip().startswith("="):
                raise CellError(
                    _(
                        "Deze cel bevat een formule (%(value)s), geen tekst. "
                        "Kopieer de kolom en plak hem als 'Waarden'."
                    )
                    % {"value": shown(raw.strip(), 30)}
                )
            if len(raw.strip()) > column.max_length:
                raise CellError(
                    _("De tekst is %(length)s tekens lang; er passen er %(max)s in.")
                    % {
                        "length": dutch_number(len(raw.strip())),
                        "max": dutch_number(column.max_length),
                    }
                )
            converter = self.converters.get(name)
            if converter is not None:
                return True, converter(raw)
            if column.multiline:
                return True, _multiline(raw)
            return True, _single_line(raw)
        except CellError as error:
            self.problem(str(error), row=row.number, column=name)
            self.invalid.add((row.number, name))
            return False, None

    def merge(self, merged: _Merged, row: int, name: str, value: Any, owner: str):
        if name not in merged.values:
            merged.values[name] = value
            merged.rows[name] = row
            return
        if _comparable(merged.values[name]) != _comparable(value):
            self.problem(
                _(
                    "'%(value)s' wijkt af van rij %(first)s ('%(earlier)s') bij "
                    "%(owner)s. Vul op elke rij hetzelfde in, of laat de cel leeg."
                )
                % {
                    "value": _shown_value(value),
                    "first": merged.rows[name],
                    "earlier": _shown_value(merged.values[name]),
                    "owner": owner,
                },
                row=row,
                column=name,
            )

    def run(self, max_rows: int | None) -> ValidatedRows:
        if not self.parsed.columns and self.parsed.problems:
            return ValidatedRows([], self.problems)  # the file could not be read
        if max_rows is not None and len(self.parsed.rows) > max_rows:
            self.problem(
                _(
                    "Het bestand heeft meer dan %(max)s rijen met gegevens. "
                    "Splits het in kleinere bestanden."
                )
                % {"max": dutch_number(max_rows)},
                row=self.parsed.rows[max_rows].number,
            )
            return ValidatedRows([], self.problems)
        if not self.check_columns():
            return ValidatedRows([], self.problems)
        if not self.parsed.rows:
            if not self.problems:
                self.problem(_("Er staan geen organisaties in het bestand."), row=None)
            return ValidatedRows([], self.problems)

        organisations: dict[str, dict] = {}
        for row in self.parsed.rows:
            filled = {}
            for name in self.parsed.columns:
                is_filled, value = self.cell(row, name)
                if is_filled:
                    filled[name] = value
            external_id = filled.get("kenmerk")
            if external_id is None:
                if (row.number, "kenmerk") not in self.invalid:
                    self.problem(
                        _(
                            "Vul het kenmerk van de organisatie in; daarmee "
                            "herkennen we haar bij een volgende import."
                        ),
                        row=row.number,
                        column="kenmerk",
                    )
                continue
            organisation = organisations.setdefault(
                external_id,
                {
                    "merged": _Merged(first_row=row.number),
                    "rows": [],
                    "services": {},
                    "locations": {},
                },
            )
            organisation["rows"].append(row.number)
            self.add_row(row, external_id, filled, organisation)

        plans = [
            plan
            for external_id, organisation in organisations.items()
            if (plan := self.plan(external_id, organisation)) is not None
        ]
        return ValidatedRows(plans, self.problems)

    def add_row(self, row: SheetRow, external_id: str, filled: dict, organisation):
        owner = _("de organisatie met kenmerk '%(id)s'") % {"id": shown(external_id)}
        for name in ORGANISATION_COLUMNS:
            if name in filled:
                self.merge(
                    organisation["merged"], row.number, name, filled[name], owner
                )

        service_columns = [n for n in ("dienst", *SERVICE_COLUMNS) if n in filled]
        service_invalid = any(
            (row.number, n) in self.invalid for n in ("dienst", *SERVICE_COLUMNS)
        )
        if service_columns and "dienst" not in filled:
            if (row.number, "dienst") not in self.invalid:
                self.problem(
                    _(
                        "Vul de naam van de dienst in; de rij heeft wel andere "
                        "gegevens over een dienst."
                    ),
                    row=row.number,
                    column="dienst",
                )
        elif "dienst" in filled and not service_invalid:
            name = filled["dienst"]
            merged = organisation["services"].setdefault(
                name.casefold(), _Merged(first_row=row.number)
            )
            merged.values.setdefault("dienst", name)
            service_owner = _("de dienst '%(name)s'") % {"name": shown(name)}
            for column in SERVICE_COLUMNS:
                if column in filled:
                    self.merge(
                        merged, row.number, column, filled[column], service_owner
                    )

        location_names = ("adres", "plaats", "breedtegraad", "lengtegraad")
        location_columns = [
            n for n in (*location_names, *LOCATION_COLUMNS) if n in filled
        ]
        location_invalid = any(
            (row.number, n) in self.invalid
            for n in (*location_names, *LOCATION_COLUMNS)
        )
        if not location_columns and not location_invalid:
            return
        missing = {
            "adres": _(
                "Vul het adres in; de rij heeft wel andere gegevens over een locatie."
            ),
            "plaats": _(
                "Vul de plaats in; de rij heeft wel andere gegevens over een locatie."
            ),
            "breedtegraad": _("Vul ook de breedtegraad in, of laat allebei leeg."),
            "lengtegraad": _("Vul ook de lengtegraad in, of laat allebei leeg."),
        }
        needed = ["adres", "plaats"]
        if "breedtegraad" in filled or "lengtegraad" in filled:
            needed += ["breedtegraad", "lengtegraad"]
        complete = True
        for name in needed:
            if name not in filled:
                complete = False
                if (row.number, name) not in self.invalid:
                    self.problem(missing[name], row=row.number, column=name)
        if not complete or location_invalid:
            return
        key = (
            " ".join(filled["adres"].split()).casefold(),
            filled.get("postcode", "").replace(" ", ""),
            " ".join(filled["plaats"].split()).casefold(),
        )
        merged = organisation["locations"].setdefault(
            key, _Merged(first_row=row.number)
        )
        merged.values.setdefault("adres", filled["adres"])
        merged.values.setdefault("plaats", filled["plaats"])
        location_owner = _("de locatie '%(address)s'") % {
            "address": shown(filled["adres"])
        }
        for column in (*LOCATION_COLUMNS, "breedtegraad", "lengtegraad"):
            if column in filled:
                self.merge(merged, row.number, column, filled[column], location_owner)

    def value(self, merged: _Merged, name: str) -> Any:
        """The merged value; the default when the column is there but empty;
        None (keep what the page has) when the column is not in the file."""
        if name in merged.values:
            return merged.values[name]
        if name not in self.columns:
            return None
        return DEFAULTS.get(name, "")

    def plan(self, external_id: str, organisation: dict) -> OrganisationPlan | None:
        merged = organisation["merged"]
        if "naam" not in merged.values:
            if not any((r, "naam") in self.invalid for r in organisation["rows"]):
                self.problem(
                    _("Vul de naam van de organisatie in (op minstens één rij)."),
                    row=merged.first_row,
                    column="naam",
                )
            return None
        has_services = "dienst" in self.columns
        has_locations = "adres" in self.columns
        data = OrganisationData(
            external_id=external_id,
            title=merged.values["naam"],
            **{
                field_name: self.value(merged, column)
                for column, field_name in ORGANISATION_COLUMNS.items()
                if column != "naam"
            },
            services=[
                ServiceData(
                    name=service.values["dienst"],
                    **{
                        field_name: self.value(service, column)
                        for column, field_name in SERVICE_COLUMNS.items()
                    },
                )
                for service in organisation["services"].values()
            ]
            if has_services
            else None,
            locations=[
                LocationData(
                    street_address=location.values["adres"],
                    city=location.values["plaats"],
                    latitude=location.values.get("breedtegraad"),
                    longitude=location.values.get("lengtegraad"),
                    **{
                        field_name: self.value(location, column)
                        for column, field_name in LOCATION_COLUMNS.items()
                    },
                )
                for location in organisation["locations"].values()
            ]
            if has_locations
            else None,
        )
        return OrganisationPlan(data=data, rows=organisation["rows"])


def validate_rows(
    parsed: ParsedRows, *, site: Site, max_rows: int | None = None
) -> ValidatedRows:
    """Check every cell of ``parsed`` for ``site`` and group the rows into
    organisations. Nothing is written; every problem is in ``problems``."""
    validator = _Validator(parsed, site=site)
    result = validator.run(max_rows if max_rows is not None else max_rows_setting())
    result.problems.sort(key=problem_order)
    return result
