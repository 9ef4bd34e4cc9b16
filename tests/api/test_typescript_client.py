"""A TypeScript client generated from /api/v3/openapi.json compiles (issue 15).

openapi-typescript turns the OpenAPI description into types, and tsc checks the
example front end's client and page (examples/front-end/src, plain JavaScript
with JSDoc types) against them: an endpoint or a field the front end uses that
the API no longer describes, or describes with another type, fails here.

Both tools are pinned in examples/front-end/package.json (and its lock file)
and installed under examples/front-end/node_modules with ``npm ci`` when they
are missing there, so this needs node and npm and, the first time, the npm
registry. Without node the test skips (it fails instead when
``BUURTPLEIN_REQUIRE_NODE`` is set, as CI should, so that it cannot silently
stop running); anything else that goes wrong fails.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

FRONT_END = Path(__file__).resolve().parents[2] / "examples" / "front-end"
OPENAPI_TYPESCRIPT = "7.13.0"
TYPESCRIPT = "5.9.3"


def _installed_version(package: str) -> str | None:
    manifest = FRONT_END / "node_modules" / package / "package.json"
    if not manifest.exists():
        return None
    return json.loads(manifest.read_text())["version"]


def _run(command: list[str], *, cwd: Path, timeout: int) -> subprocess.CompletedProcess:
    # Fixed commands: node tools pinned in examples/front-end/package.json.
    return subprocess.run(  # noqa: S603
        command, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False
    )


@pytest.fixture(scope="module")
def node_tools() -> Path:
    """examples/front-end/node_modules with the pinned tools (``npm ci`` once)."""
    if shutil.which("node") is None:
        message = "node is absent: install Node.js 20+ with npm to run this test"
        if os.environ.get("BUURTPLEIN_REQUIRE_NODE"):
            pytest.fail(message)
        pytest.skip(message)
    npm = shutil.which("npm")
    assert npm, "node is installed but npm is not"
    wanted = {"openapi-typescript": OPENAPI_TYPESCRIPT, "typescript": TYPESCRIPT}
    if any(_installed_version(name) != version for name, version in wanted.items()):
        done = _run([npm, "ci", "--no-audit", "--no-fund"], cwd=FRONT_END, timeout=300)
        assert done.returncode == 0, f"npm ci failed:\n{done.stdout}\n{done.stderr}"
    return FRONT_END / "node_modules"


@pytest.fixture(scope="module")
def openapi_file(django_db_setup, django_db_blocker, tmp_path_factory) -> Path:
    """The OpenAPI description exactly as a client downloads it."""
    with django_db_blocker.unblock():
        response = Client().get("/api/v3/openapi.json")
    assert response.status_code == 200
    path = tmp_path_factory.mktemp("openapi") / "openapi.json"
    path.write_bytes(response.content)
    return path


def test_the_tools_are_pinned():
    package = json.loads((FRONT_END / "package.json").read_text())
    assert package["devDependencies"] == {
        "openapi-typescript": OPENAPI_TYPESCRIPT,
        "typescript": TYPESCRIPT,
    }
    lock = json.loads((FRONT_END / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/typescript"]["version"] == TYPESCRIPT
    assert (
        lock["packages"]["node_modules/openapi-typescript"]["version"]
        == OPENAPI_TYPESCRIPT
    )
    assert "node_modules/" in (FRONT_END / ".gitignore").read_text().split()


#: Page types are told apart by ``meta.type``: isPageType narrows the union.
RIGHT_USE = """// @ts-check
import { isPageType } from "./client.js";
/** @param {import("./client.js").PageDetail} page */
export const start = (page) =>
  isPageType(page, "agenda.EventPage") ? page.start.slice(0, 10) : null;
/** @param {import("./client.js").PageDetail} page */
export const blocks = (page) =>
  isPageType(page, "news.NewsPage")
    ? (page.body ?? []).map((block) =>
        block.type === "heading" ? block.value.level : block.id,
      )
    : [];
"""

WRONG_USE = """// @ts-check
/** @param {import("./client.js").Occurrence} occurrence */
export const title = (occurrence) => occurrence.event.titel;
/** @param {import("./client.js").Organisation} organisation */
export const open = (organisation) => organisation.open_now.toFixed();
/** @param {import("./client.js").PageDetail} page */
export const start = (page) => page.start;
"""


def test_the_generated_client_compiles(node_tools, openapi_file, tmp_path):
    """openapi-typescript reads the OpenAPI, and tsc accepts the front end.

    Two files are checked alongside it: one that narrows a page by its type
    and switches on a body block's ``type`` (must pass), and one that misuses
    the types (must be refused: proof that the checks use real types, not
    ``any``).
    """
    project = tmp_path / "front-end"
    shutil.copytree(
        FRONT_END / "src", project / "src", ignore=shutil.ignore_patterns("api.d.ts")
    )
    shutil.copy(FRONT_END / "tsconfig.json", project / "tsconfig.json")

    generated = _run(
        [
            shutil.which("npx") or "npx",
            "--yes",
            f"openapi-typescript@{OPENAPI_TYPESCRIPT}",
            str(openapi_file),
            "--output",
            str(project / "src" / "api.d.ts"),
        ],
        cwd=FRONT_END,
        timeout=180,
    )
    assert generated.returncode == 0, (
        "openapi-typescript refused /api/v3/openapi.json:\n"
        + "\n".join(
            [
                line[:300]
                for line in generated.stderr.splitlines()
                if re.search(r"error|reason", line, re.IGNORECASE)
            ][:6]
        )
    )
    types = (project / "src" / "api.d.ts").read_text()
    assert '"/api/v3/pages/{page_id}/"' in types

    (project / "src" / "right_use.js").write_text(RIGHT_USE)
    (project / "src" / "wrong_use.js").write_text(WRONG_USE)
    checked = _run(
        [str(node_tools / ".bin" / "tsc"), "--noEmit", "-p", str(project)],
        cwd=project,
        timeout=180,
    )
    errors = [line for line in checked.stdout.splitlines() if "error TS" in line]
    elsewhere = [line for line in errors if not line.startswith("src/wrong_use.js")]
    assert not elsewhere, "tsc refused the front end:\n" + "\n".join(elsewhere)
    assert any(re.search(r"TS2551: Property 'titel'", line) for line in errors), (
        checked.stdout
    )
    assert any("TS2339: Property 'toFixed'" in line for line in errors), checked.stdout
    # Without isPageType, a page is any page type: no 'start'.
    assert any("TS2339: Property 'start'" in line for line in errors), checked.stdout
