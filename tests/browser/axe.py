"""axe-core in a page: the WCAG 2.1 level A and AA rules, and a readable failure."""

from __future__ import annotations

from tests.browser.support import AXE

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def violations(page, *, include: str | None = None) -> list[dict]:
    """Run axe on the page as it is now (after any swaps); ``include``: a CSS selector to
    check only a part. Returns axe's violations of the WCAG 2.1 A/AA rules."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async ([tags, include]) => {
            const result = await window.axe.run(include ? {include: [include]} : document, {
                runOnly: {type: "tag", values: tags},
                resultTypes: ["violations"],
            });
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary})),
            }));
        }""",
        [WCAG_21_AA, include],
    )


def report(found: list[dict]) -> str:
    lines = []
    for violation in found:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']}: {node['summary']}".replace("\n", " "))
    return "\n".join(lines)


def assert_accessible(page, *, include: str | None = None) -> None:
    found = violations(page, include=include)
    assert not found, f"axe: WCAG 2.1 A/AA violations on {page.url}\n{report(found)}"
