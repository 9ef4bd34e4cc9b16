"""Structural accessibility checks (WCAG 2.1 AA minded) on every page type's HTML.

The HTML is parsed with Python's own parser; these checks cover what can be
decided from markup alone: language, one h1, heading order, landmarks, a skip
link, alt texts, labelled form fields and unique ids.
"""

from collections import Counter
from html.parser import HTMLParser

import pytest

pytestmark = pytest.mark.django_db

FORM_FIELDS = {"input", "select", "textarea"}
UNLABELLED_INPUT_TYPES = {"hidden", "submit", "button", "reset", "image"}


class PageStructure(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lang = None
        self.headings: list[int] = []
        self.landmarks: Counter = Counter()
        self.ids: Counter = Counter()
        self.label_targets: set[str] = set()
        self.fields: list[dict] = []
        self.images_without_alt: list[dict] = []
        self.first_link_href = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "html":
            self.lang = attributes.get("lang")
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self.headings.append(int(tag[1]))
        if tag in {"header", "nav", "main", "footer"}:
            self.landmarks[tag] += 1
        if "id" in attributes:
            self.ids[attributes["id"]] += 1
        if tag == "label" and attributes.get("for"):
            self.label_targets.add(attributes["for"])
        if tag in FORM_FIELDS and attributes.get("type") not in UNLABELLED_INPUT_TYPES:
            self.fields.append(attributes)
        if tag == "img" and "alt" not in attributes:
            self.images_without_alt.append(attributes)
        if tag == "a" and self.first_link_href is None:
            self.first_link_href = attributes.get("href")

    def problems(self) -> list[str]:
        found = []
        if self.lang != "nl":
            found.append(f"html lang is {self.lang!r}")
        if self.headings.count(1) != 1:
            found.append(f"{self.headings.count(1)} h1 elements")
        for previous, current in zip(self.headings, self.headings[1:], strict=False):
            if current > previous + 1:
                found.append(f"heading jumps from h{previous} to h{current}")
        for landmark in ("header", "nav", "main", "footer"):
            if not self.landmarks[landmark]:
                found.append(f"no <{landmark}>")
        if self.landmarks["main"] > 1:
            found.append("more than one <main>")
        if self.first_link_href != "#main":
            found.append("the first link is not the skip link to #main")
        found += [f"duplicate id {key!r}" for key, n in self.ids.items() if n > 1]
        found += [
            f"image without alt: {img.get('src')}" for img in self.images_without_alt
        ]
        for field in self.fields:
            labelled = field.get("id") in self.label_targets or field.get("aria-label")
            if not labelled:
                found.append(f"form field without label: {field.get('name')}")
        return found


def structure_of(response) -> PageStructure:
    parser = PageStructure()
    parser.feed(response.content.decode())
    return parser


def test_every_page_type_is_structurally_accessible(client, tree):
    for label, page in tree.items():
        response = client.get(page.url)
        assert response.status_code == 200, label
        assert structure_of(response).problems() == [], label


@pytest.mark.parametrize(
    "path", ["/zoeken/", "/zoeken/?q=koffie", "/mijn-wijk/", "/bestaat-niet/"]
)
def test_views_outside_the_page_tree_are_structurally_accessible(client, tree, path):
    response = client.get(path)
    assert response.status_code in {200, 404}
    assert structure_of(response).problems() == []


def test_checker_catches_a_page_without_h1_and_with_a_bare_image():
    parser = PageStructure()
    parser.feed('<html lang="en"><body><main><h2>x</h2><img src="a.png"></main>')
    problems = parser.problems()
    assert "html lang is 'en'" in problems
    assert "0 h1 elements" in problems
    assert "image without alt: a.png" in problems
    assert "no <footer>" in problems
