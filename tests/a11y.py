"""Accessibility checks for browser tests: axe-core's rules and horizontal
overflow, on a Playwright page.

``axe_violations(page)`` runs the vendored axe-core (``tests/assets/axe.min.js``,
MPL-2.0, see ``tests/assets/README.md``) against the page as it is now and
returns its violations (WCAG 2.0/2.1 A and AA by default), once running
animations and transitions have ended (colours are measured as they settle).
The public pages' Content-Security-Policy refuses inline script, so the
engine is not added as a ``<script>`` element: it is evaluated through the
DevTools protocol (``page.evaluate``), which a page's CSP does not govern, so
it works in the ``browse`` fixture's contexts without ``bypass_csp``.

``horizontal_overflow(page)`` returns what makes the page scroll sideways: an
empty list when ``document.scrollingElement.scrollWidth`` fits the viewport,
otherwise the widest offending elements as short CSS-like descriptions.

``describe(violations)`` turns violations into readable lines for an assert.
"""

from pathlib import Path

AXE_SOURCE = (Path(__file__).parent / "assets" / "axe.min.js").read_text()
WCAG_21_AA = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")

_RUN_AXE = """async ([element, tags]) => {
    // A dialog that is still fading in is measured half transparent: its
    // colours blend with the backdrop. Let every finite animation and
    // transition end first (a spinner's infinite one never does).
    const finite = document.getAnimations().filter(
        (a) => a.playState === "running" && a.effect &&
            a.effect.getComputedTiming().endTime !== Infinity
    );
    await Promise.all(finite.map((a) => a.finished.catch(() => null)));
    const result = await axe.run(element || document, {
        runOnly: {type: "tag", values: tags},
        resultTypes: ["violations"],
    });
    return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({
            target: n.target.map(String),
            html: n.html.slice(0, 300),
            summary: n.failureSummary,
        })),
    }));
}"""

_OVERFLOW = """() => {
    const width = document.documentElement.clientWidth || window.innerWidth;
    const scrolling = document.scrollingElement || document.documentElement;
    if (scrolling.scrollWidth <= width) return [];
    const describe = (el) => {
        let text = el.tagName.toLowerCase();
        if (el.id) text += "#" + el.id;
        if (el.classList.length) text += "." + [...el.classList].join(".");
        return text;
    };
    const wide = [];
    for (const el of document.body.querySelectorAll("*")) {
        const box = el.getBoundingClientRect();
        if (box.width === 0 && box.height === 0) continue;
        if (box.right > width + 0.5 || box.left < -0.5) {
            // Only elements that are visible, not clipped by a hidden overflow.
            const style = getComputedStyle(el);
            if (style.visibility === "hidden" || style.display === "none") continue;
            wide.push({
                element: describe(el),
                left: Math.round(box.left),
                right: Math.round(box.right),
                parent: el.parentElement ? describe(el.parentElement) : "",
            });
        }
    }
    return [{
        element: "document",
        left: 0,
        right: scrolling.scrollWidth,
        parent: "",
    }].concat(wide.slice(0, 20));
}"""


def _ensure_axe(page) -> None:
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE)


def axe_violations(page, tags=WCAG_21_AA, *, within=None) -> list[dict]:
    """axe-core's violations of the given rule tags on the page as it is now,
    or only inside the element of the Playwright locator ``within``."""
    _ensure_axe(page)
    if within is not None:
        return within.evaluate(
            "(element, tags) => (" + _RUN_AXE + ")([element, tags])", list(tags)
        )
    return page.evaluate(_RUN_AXE, [None, list(tags)])


def horizontal_overflow(page) -> list[dict]:
    """Elements reaching past the viewport's sides; [] if nothing scrolls sideways."""
    return page.evaluate(_OVERFLOW)


def describe(violations: list[dict]) -> str:
    """One line per violating element, for an assertion message."""
    lines = []
    for violation in violations:
        for node in violation["nodes"]:
            lines.append(
                f"{violation['id']} ({violation['impact']}): {violation['help']} "
                f"at {' '.join(node['target'])}: {node['html'][:160]}"
            )
    return "\n".join(lines)
