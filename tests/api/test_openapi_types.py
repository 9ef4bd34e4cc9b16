"""Every response in /api/v3/openapi.json has a precise type (issue 15).

A client generated from the OpenAPI (openapi-typescript, see
test_typescript_client.py) is only as good as its types: an untyped ``{}`` or a
bare ``object`` becomes ``unknown`` / ``Record<string, never>`` for an
integrator. The walk below follows every ``$ref`` from every operation's
responses, so it covers Wagtail's page API and the apps' own routers alike,
including routers added after this test was written.

The page API's types come from ``api_fields`` and the serializers in
core/api_fields.py; the tests at the bottom fetch real pages and validate them
against their schema, so a type that lies about the data fails here too.
"""

from __future__ import annotations

import datetime
import json
from typing import get_args, get_type_hints

import jsonschema
import pytest
from django.test import Client
from django.utils import timezone
from pydantic import BaseModel
from pydantic.errors import PydanticUserError

from agenda.models import EventDateChange, EventSkippedDate
from core.api_fields import BODY_BLOCK_TYPES
from core.blocks import BodyStreamBlock
from tests.factories import (
    AgendaPageFactory,
    ConnectorFactory,
    ContentPageFactory,
    EventPageFactory,
    HomePageHighlightFactory,
    ImageFactory,
    LocationFactory,
    NeighbourhoodIndexPageFactory,
    NeighbourhoodPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    OpeningHoursExceptionFactory,
    OpeningHoursFactory,
    OrganisationPageFactory,
    SocialMapPageFactory,
    TargetGroupFactory,
    VacancyPageFactory,
)

pytestmark = pytest.mark.django_db

OPENAPI_URL = "/api/v3/openapi.json"

TYPE_KEYWORDS = {"type", "$ref", "anyOf", "oneOf", "allOf", "enum", "const"}

#: Objects that may have any keys, and why. Wagtail's /schema/{type_name}/
#: answers with the JSON Schema documents of a content type: a JSON Schema is
#: itself an open object, there is no narrower type for it.
DOCUMENTED_OPEN_OBJECTS = {
    "SchemaDetailResponse.read": "a JSON Schema document (Wagtail /schema/)",
    "SchemaDetailResponse.create": "a JSON Schema document (Wagtail /schema/)",
    "SchemaDetailResponse.patch": "a JSON Schema document (Wagtail /schema/)",
}


def untyped_schemas(spec: dict) -> dict[str, set[str]]:
    """``{"Component.field[]": {"GET /api/v3/…", …}}`` for every schema reached
    from a response that says nothing about its values.

    Untyped: a schema without any type keyword (``{}``, only a title or a
    description), an ``object`` without ``properties`` whose
    ``additionalProperties`` is not itself a typed schema (a map is fine when
    its values are typed), an ``array`` whose ``items`` are untyped.
    """
    components = spec.get("components", {}).get("schemas", {})
    found: dict[str, set[str]] = {}

    def walk(schema, where: str, operation: str, seen: frozenset[str]) -> None:
        if not isinstance(schema, dict):
            return
        if "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[-1]
            if name not in seen:
                walk(components.get(name, {}), name, operation, seen | {name})
            return
        if not TYPE_KEYWORDS & schema.keys():
            found.setdefault(where, set()).add(operation)
            return
        for keyword in ("anyOf", "oneOf", "allOf"):
            for member in schema.get(keyword, []):
                walk(member, where, operation, seen)
        if schema.get("type") == "object" or "properties" in schema:
            properties = schema.get("properties") or {}
            extra = schema.get("additionalProperties")
            if not properties:
                if isinstance(extra, dict) and TYPE_KEYWORDS & extra.keys():
                    walk(extra, where + "{}", operation, seen)
                else:
                    found.setdefault(where, set()).add(operation)
            for name, member in properties.items():
                walk(member, f"{where}.{name}", operation, seen)
        if schema.get("type") == "array":
            walk(schema.get("items", {}), where + "[]", operation, seen)

    for path, operations in spec.get("paths", {}).items():
        for method, operation in operations.items():
            if not isinstance(operation, dict):
                continue
            for status, response in operation.get("responses", {}).items():
                label = f"{method.upper()} {path} → {status}"
                for media in (response.get("content") or {}).values():
                    walk(media.get("schema", {}), label, label, frozenset())
    return found


def unreachable_operations(spec: dict) -> list[str]:
    """Operations no request can reach: a path parameter whose schema admits
    only the empty string (Wagtail's ``Literal[""]`` for a snippet capability
    no registered snippet has) or nothing at all (``enum: []``)."""
    unreachable = []
    for path, operations in spec.get("paths", {}).items():
        for method, operation in operations.items():
            if not isinstance(operation, dict):
                continue
            for parameter in operation.get("parameters", []):
                schema = parameter.get("schema", {})
                if parameter.get("in") == "path" and (
                    schema.get("const") == "" or schema.get("enum") == []
                ):
                    unreachable.append(f"{method.upper()} {path}")
                    break
    return unreachable


@pytest.fixture(scope="module")
def openapi_bytes(django_db_setup, django_db_blocker) -> bytes:
    """The OpenAPI description as served, fetched once: building it takes seconds."""
    with django_db_blocker.unblock():
        response = Client().get(OPENAPI_URL)
    assert response.status_code == 200
    return response.content


@pytest.fixture(scope="module")
def openapi(openapi_bytes) -> dict:
    return json.loads(openapi_bytes)


def test_no_object_has_a_key_twice(openapi_bytes):
    """JSON with a key twice (``{"429": …, "429": …}``: a status given as an
    int by ninja and as a str in ``openapi_extra``) is read differently by
    every parser; openapi-typescript refuses it outright."""
    duplicated = []

    def pairs(items):
        keys = [key for key, _ in items]
        duplicated.extend(
            f"{key!r} among {keys[:12]}" for key in set(keys) if keys.count(key) > 1
        )
        return dict(items)

    json.loads(openapi_bytes, object_pairs_hook=pairs)
    assert not duplicated, "keys given twice in one object:\n" + "\n".join(
        sorted(set(duplicated))
    )


def offender_report(offenders: dict[str, set[str]]) -> str:
    return "\n".join(
        f"  {where}  (in {len(operations)} response(s), e.g. {min(operations)})"
        for where, operations in sorted(offenders.items())
    )


# -- The whole OpenAPI -----------------------------------------------------------


def test_every_response_property_has_a_type(openapi):
    offenders = {
        where: operations
        for where, operations in untyped_schemas(openapi).items()
        if where not in DOCUMENTED_OPEN_OBJECTS
    }
    assert not offenders, (
        f"{len(offenders)} untyped schema(s) in {OPENAPI_URL} responses "
        "({} or an object without properties); give them a ninja Schema, a "
        "TypedDict or a typed map:\n" + offender_report(offenders)
    )


def test_the_documented_open_objects_still_exist(openapi):
    """The exceptions above are not a place where offenders go to hide."""
    still_open = set(untyped_schemas(openapi))
    assert set(DOCUMENTED_OPEN_OBJECTS) <= still_open


#: The project's own modules: a schema class defined in one of these must not
#: share its name with another, differently shaped one.
PROJECT_PACKAGES = (
    "accounts",
    "agenda",
    "buurtplein",
    "core",
    "editorial",
    "helpboard",
    "home",
    "integrations",
    "neighbourhoods",
    "news",
    "socialmap",
    "vacancies",
)


def _all_subclasses(cls: type) -> set[type]:
    found = set()
    for sub in cls.__subclasses__():
        found |= {sub, *_all_subclasses(sub)}
    return found


def test_no_two_schemas_share_a_component_name(openapi):
    """ninja files every schema under its class name in
    ``components/schemas``: two different classes called ``TaxonomyOut``
    leave one operation documented with the other one's fields."""
    by_name: dict[str, dict[str, str]] = {}
    for cls in _all_subclasses(BaseModel):
        if cls.__name__ not in openapi["components"]["schemas"]:
            continue
        try:
            shape = json.dumps(cls.model_json_schema(), sort_keys=True, default=str)
        except PydanticUserError:  # an unparametrised generic, for instance
            continue
        by_name.setdefault(cls.__name__, {})[f"{cls.__module__}.{cls.__qualname__}"] = (
            shape
        )
    assert "core.api_fields.StreamBody" in by_name.get("StreamBody", {})
    clashes = {
        name: sorted(classes)
        for name, classes in by_name.items()
        if len(set(classes.values())) > 1
        and any(path.split(".")[0] in PROJECT_PACKAGES for path in classes)
    }
    assert not clashes, "one component name, different schemas:\n" + "\n".join(
        f"  {name}: {', '.join(paths)}" for name, paths in sorted(clashes.items())
    )


@pytest.mark.parametrize(
    "schema",
    [
        {},
        {"title": "Hours", "description": "only words"},
        {"type": "object"},
        {"type": "object", "additionalProperties": True},
        {"type": "array", "items": {}},
        {"anyOf": [{"type": "object", "additionalProperties": True}, {"type": "null"}]},
        {"type": "object", "properties": {"hours": {"type": "array", "items": {}}}},
    ],
)
def test_the_walk_finds_untyped_schemas(schema):
    spec = {
        "paths": {
            "/x/": {
                "get": {
                    "responses": {
                        "200": {"content": {"application/json": {"schema": schema}}}
                    }
                }
            }
        }
    }
    assert untyped_schemas(spec)


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "string"},
        {"type": "object", "additionalProperties": {"type": "integer"}},
        {"anyOf": [{"type": "array", "items": {"type": "string"}}, {"type": "null"}]},
        {"$ref": "#/components/schemas/A"},
    ],
)
def test_the_walk_accepts_typed_schemas(schema):
    spec = {
        "components": {
            "schemas": {
                "A": {
                    "type": "object",
                    "properties": {"a": {"$ref": "#/components/schemas/A"}},
                }
            }
        },
        "paths": {
            "/x/": {
                "get": {
                    "responses": {
                        "200": {"content": {"application/json": {"schema": schema}}}
                    }
                }
            }
        },
    }
    assert untyped_schemas(spec) == {}


def test_unreachable_operations_are_found():
    parameter = {
        "name": "type",
        "in": "path",
        "schema": {"const": "", "type": "string"},
    }
    spec = {"paths": {"/s/{type}/": {"post": {"parameters": [parameter]}}}}
    assert unreachable_operations(spec) == ["POST /s/{type}/"]


def test_known_unreachable_snippet_operations(openapi):
    """Wagtail documents six snippet operations whose ``type`` path parameter is
    ``const: ""`` because no registered snippet has revisions, drafts or
    translations: a client cannot call them. This records exactly which ones,
    so a fix (leaving them out of the OpenAPI) or a new one is noticed."""
    unreachable = set(unreachable_operations(openapi))
    expected = {
        "GET /api/v3/snippets/{type}/{pk}/revisions/",
        "GET /api/v3/snippets/{type}/{pk}/revisions/{revision_id}/",
        "POST /api/v3/snippets/{type}/{pk}/actions/publish/",
        "POST /api/v3/snippets/{type}/{pk}/actions/unpublish/",
        "POST /api/v3/snippets/{type}/{pk}/actions/revert/",
        "POST /api/v3/snippets/{type}/{pk}/actions/copy_for_translation/",
    }
    assert unreachable <= expected, sorted(unreachable - expected)


# -- Page types and StreamField bodies --------------------------------------------


def _detail_schema(openapi) -> dict:
    return openapi["paths"]["/api/v3/pages/{page_id}/"]["get"]["responses"]["200"][
        "content"
    ]["application/json"]["schema"]


def test_page_types_are_told_apart_by_their_meta_type(openapi):
    """Each page schema's ``meta.type`` is a constant: the union's members
    never overlap, and a client can narrow on ``page.meta.type``."""
    components = openapi["components"]["schemas"]
    constants = []
    for member in _detail_schema(openapi)["oneOf"]:
        page_schema = components[member["$ref"].rsplit("/", 1)[-1]]
        meta = components[page_schema["properties"]["meta"]["$ref"].rsplit("/", 1)[-1]]
        constants.append(meta["properties"]["type"]["const"])
    assert "agenda.EventPage" in constants
    assert len(constants) == len(set(constants))


def test_stream_bodies_are_a_discriminated_union_of_every_block(openapi):
    components = openapi["components"]["schemas"]
    body = components["StreamBody"]
    assert body["type"] == "array"
    assert body["items"]["discriminator"]["propertyName"] == "type"
    mapping = body["items"]["discriminator"]["mapping"]
    assert set(mapping) == set(BodyStreamBlock().child_blocks)
    for block in ("NewsPageSchema", "ContentPageSchema", "NeighbourhoodPageSchema"):
        refs = json.dumps(components[block]["properties"]["body"])
        assert "#/components/schemas/StreamBody" in refs, block


def test_every_body_block_has_a_shape():
    """A new block in BodyStreamBlock needs its shape in core/api_fields.py."""
    typed = {get_args(get_type_hints(block)["type"])[0] for block in BODY_BLOCK_TYPES}
    assert typed == set(BodyStreamBlock().child_blocks)


# -- Real pages validate against their schema -------------------------------------


def _validator(openapi, schema: dict) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        {**schema, "components": openapi["components"]}
    )


def _assert_valid(openapi, data: dict) -> None:
    errors = sorted(
        _validator(openapi, _detail_schema(openapi)).iter_errors(data),
        key=lambda error: list(error.absolute_path),
    )
    assert not errors, "\n".join(
        f"{list(e.absolute_path)}: {e.message[:300]}" for e in errors
    )


def _page(client, page, **params) -> dict:
    response = client.get(f"/api/v3/pages/{page.pk}/", params)
    assert response.status_code == 200, response.content[:500]
    return response.json()


def every_block(page_to_link) -> list[tuple[str, object]]:
    image = ImageFactory()
    return [
        ("heading", {"text": "Wat kun je zelf doen?", "level": "h2"}),
        ("paragraph", "<p>Buren <b>helpen</b> buren.</p>"),
        ("image", {"image": image, "alt_text": "Een bankje", "caption": "Het plein"}),
        (
            "call_to_action",
            {
                "title": "Doe mee",
                "text": "Elke donderdag.",
                "page": page_to_link,
                "url": "",
                "button_text": "Meld je aan",
            },
        ),
        (
            "faq",
            {
                "heading": "Vragen",
                "items": [{"question": "Kost het iets?", "answer": "<p>Nee.</p>"}],
            },
        ),
        (
            "contact_card",
            {
                "name": "Wijkteam",
                "role": "",
                "phone": "0183 123 456",
                "email": "",
                "text": "",
            },
        ),
    ]


def test_a_body_with_every_block_type_matches_its_schema(client, openapi, home_page):
    page = ContentPageFactory(parent=home_page, body=every_block(home_page))

    data = _page(client, page)

    _assert_valid(openapi, data)
    body = data["body"]
    assert [block["type"] for block in body] == list(BodyStreamBlock().child_blocks)
    assert all(isinstance(block["id"], str) and block["id"] for block in body)
    assert body[1]["value"].startswith("<p")
    assert body[1]["value"].endswith(">Buren <b>helpen</b> buren.</p>")
    assert body[2]["value"]["image"]["alt"] == "Een bankje"
    assert body[2]["value"]["image"]["rendition"]["url"]
    assert body[3]["value"]["page"] == home_page.pk
    assert body[4]["value"]["items"][0]["answer"].endswith(">Nee.</p>")


def test_rich_text_in_a_body_follows_rich_text_format(client, openapi, home_page):
    page = ContentPageFactory(parent=home_page, body=every_block(home_page))

    data = _page(client, page, rich_text_format="markdown")

    _assert_valid(openapi, data)
    assert data["body"][1]["value"].strip() == "Buren **helpen** buren."
    assert data["body"][4]["value"]["items"][0]["answer"].strip() == "Nee."


def test_an_event_with_skipped_and_moved_dates_matches_its_schema(
    client, openapi, home_page, neighbourhood, theme
):
    start = timezone.make_aware(datetime.datetime(2026, 3, 5, 10, 0))
    event = EventPageFactory(
        parent=AgendaPageFactory(parent=home_page),
        start=start,
        end=start + datetime.timedelta(hours=2),
        repetition="weekly",
        neighbourhoods=[neighbourhood],
        themes=[theme],
        target_groups=[TargetGroupFactory()],
        image=ImageFactory(),
        skipped_dates=[EventSkippedDate(date=datetime.date(2026, 3, 12))],
        changed_dates=[
            EventDateChange(
                original_date=datetime.date(2026, 3, 26),
                new_start=timezone.make_aware(datetime.datetime(2026, 3, 27, 14, 0)),
            )
        ],
    )

    data = _page(client, event)

    _assert_valid(openapi, data)
    assert data["skipped"] == ["2026-03-12"]
    assert data["changed"] == [
        {
            "original_date": "2026-03-26",
            "start": "2026-03-27T14:00:00+01:00",
            "end": None,
        }
    ]
    assert data["place"] == "Buurthuis De Schakel, Kerkstraat 1"
    assert data["neighbourhoods"] == [
        {"id": neighbourhood.pk, "name": "Centrum", "slug": "centrum"}
    ]


def test_an_organisation_with_opening_hours_matches_its_schema(
    client, openapi, home_page
):
    social_map = SocialMapPageFactory(parent=home_page)
    organisation = OrganisationPageFactory(parent=social_map)
    location = LocationFactory(page=organisation)
    OpeningHoursFactory(location=location)
    OpeningHoursExceptionFactory(location=location, date=datetime.date(2027, 4, 27))
    OpeningHoursExceptionFactory(
        location=location,
        date=datetime.date(2027, 5, 5),
        closed=False,
        opens=datetime.time(10, 0),
        closes=datetime.time(12, 30),
        reason="Bevrijdingsdag",
    )

    data = _page(client, organisation)

    _assert_valid(openapi, data)
    [location_data] = data["locations"]
    assert location_data["hours"] == [
        {"weekday": 0, "opens": "09:00", "closes": "17:00"}
    ]
    assert location_data["exceptions"][1] == {
        "date": "2027-05-05",
        "closed": False,
        "opens": "10:00",
        "closes": "12:30",
        "reason": "Bevrijdingsdag",
    }


def test_wijk_vacancy_news_and_home_pages_match_their_schema(
    client, openapi, site, home_page, neighbourhood
):
    wijk = NeighbourhoodPageFactory(
        parent=NeighbourhoodIndexPageFactory(parent=home_page),
        neighbourhood=neighbourhood,
        image=ImageFactory(),
    )
    ConnectorFactory(page=wijk, photo=ImageFactory(), consultation_when="di 10-12")
    ConnectorFactory(page=wijk, consent=False)
    vacancy = VacancyPageFactory(parent=wijk)
    news = NewsPageFactory(
        parent=NewsIndexPageFactory(parent=home_page), body=every_block(home_page)
    )
    HomePageHighlightFactory(page=home_page)

    for page in (wijk, vacancy, news, home_page):
        _assert_valid(openapi, _page(client, page))

    assert [
        c["consultation_when"] for c in _page(client, wijk)["public_connectors"]
    ] == ["di 10-12"]
    assert _page(client, vacancy)["contact"] == {
        "name": "Petra de Vries",
        "email": "vrijwilligers@example.org",
        "phone": "",
    }
    [highlight] = _page(client, home_page)["highlighted_pages"]
    assert set(highlight) == {"id", "title", "introduction", "url"}
