"""Tables that reflow into labelled rows on small screens (``pt-table--reflow`` in app.css):
each body cell carries its column's name in ``data-label``."""

import re


def reflow_problems(html: str) -> list[str]:
    """Tables without the reflow class, and body cells of reflowing tables without a label
    (a cell spanning the whole row, such as "nothing yet", needs none)."""
    problems = []
    for table in re.findall(r"<table\b.*?</table>", html, re.S):
        opening = re.match(r"<table[^>]*>", table)[0]
        if "pt-table--reflow" not in opening:
            problems.append(f"not reflowing: {opening}")
            continue
        body = table.split("<tbody", 1)[-1]
        for cell in re.findall(r"<t[dh]\b[^>]*>", body):
            if "data-label=" not in cell and "colspan=" not in cell:
                problems.append(f"no label: {cell}")
    return problems
