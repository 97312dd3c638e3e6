"""The lineage of one innovation: who adopted it from whom, as a tree under the innovator.

``lineage(innovation, user=...)`` builds the tree from the adoptions ``user`` may see. An
adoption whose source is not visible to the user hangs under a placeholder "an adopter not
visible to you", so the shape of the spread stays true without naming who it is. The same
tree gives the SVG graph (a layered layout, depth from left to right), the nested list,
the table and a generated Dutch description."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from proeftuin.diffusion.choices import TAKEN_UP, AdoptionStatus
from proeftuin.diffusion.innovations import canonical, innovation_q
from proeftuin.diffusion.models import Adoption

HIDDEN = "hidden"
ROW = 28  # px between rows of the graph
COLUMN = 180  # px between generations
NODE_WIDTH = 160
NODE_HEIGHT = 22
GRAPH_LIMIT = 300  # adoptions drawn, listed and in the table; the description and counts cover all


@dataclass
class Node:
    label: str
    adoption: Adoption | None = None
    children: list[Node] = field(default_factory=list)
    parent: Node | None = field(default=None, repr=False)
    depth: int = 0
    x: float = 0
    y: float = 0

    @property
    def top(self) -> float:
        return self.y - NODE_HEIGHT / 2

    @property
    def text_x(self) -> float:
        return self.x + 6

    @property
    def right(self) -> float:
        return self.x + NODE_WIDTH

    @property
    def status(self) -> str:
        return self.adoption.status if self.adoption else ""


@dataclass
class Lineage:
    root: Node
    adoptions: list[Adoption]
    nodes: list[Node]
    edges: list[tuple[Node, Node]]
    width: int
    height: int
    truncated: bool
    description: list[str]

    @property
    def drawn(self) -> list[Node]:
        return self.nodes[:GRAPH_LIMIT]

    @property
    def edge_paths(self) -> list[str]:
        """SVG path data of each drawn edge, from the right of the parent to the child."""
        return [
            f"M{a.right:.0f},{a.y:.1f} C{a.right:.0f},{b.y:.1f} {a.right:.0f},{b.y:.1f} "
            f"{b.x:.0f},{b.y:.1f}"
            for a, b in self.edges
        ]

    @property
    def as_list(self) -> list[tuple[str, Node | None]]:
        """The tree below the innovator as a flat sequence for a nested list without
        recursion in the template: ("open", None), ("item", node), ("end", None) after an
        item and its children, ("close", None); the first ``GRAPH_LIMIT`` adoptions."""
        events: list[tuple[str, Node | None]] = []
        shown = [0]

        def walk(node: Node) -> None:
            events.append(("open", None))
            for child in node.children:
                if shown[0] >= GRAPH_LIMIT:
                    break
                shown[0] += 1
                events.append(("item", child))
                if child.children:
                    walk(child)
                events.append(("end", None))
            events.append(("close", None))

        if self.root.children:
            walk(self.root)
        return events


LINEAGE_FIELDS = (
    "uuid",
    "initiative_id",
    "case_id",
    "source_id",
    "status",
    "started_on",
    "adopted_on",
    "ended_on",
    "adopter__name",
    "adopter__slug",
    "adopter__province",
)


def lineage_rows(innovation, *, user) -> list[Adoption]:
    """The visible adoptions of ``innovation`` with only what the lineage shows, each with
    ``shown_innovation`` (the innovation, visible to the caller) and ``shown_source``."""
    rows = list(
        Adoption.objects.visible_to(user)
        .filter(innovation_q(innovation))
        .select_related("adopter")
        .only(*LINEAGE_FIELDS)
        .order_by("started_on", "pk")
    )
    by_pk = {row.pk: row for row in rows}
    for row in rows:
        row.shown_innovation = innovation
        row.shown_source = by_pk.get(row.source_id)
    return rows


def build_tree(innovator_name: str, rows: list[Adoption]) -> Node:
    root = Node(innovator_name)
    by_pk = {row.pk: Node(row.adopter.name, row) for row in rows}
    hidden: Node | None = None
    for row in rows:
        node = by_pk[row.pk]
        if row.source_id is None:
            node.parent = root
        elif row.source_id in by_pk:
            node.parent = by_pk[row.source_id]
        else:
            if hidden is None:
                hidden = Node(_("an adopter not visible to you"), parent=root)
                root.children.append(hidden)
            node.parent = hidden
        node.parent.children.append(node)
    return root


def _layout(root: Node) -> tuple[list[Node], list[tuple[Node, Node]]]:
    """Depth-first order: leaves take the next row, a parent the middle of its children."""
    nodes: list[Node] = []
    edges: list[tuple[Node, Node]] = []
    next_row = [0]

    def place(node: Node, depth: int) -> None:
        node.depth, node.x = depth, depth * COLUMN
        nodes.append(node)
        for child in node.children:
            edges.append((node, child))
            place(child, depth + 1)
        if node.children:
            node.y = round((node.children[0].y + node.children[-1].y) / 2, 1)
        else:
            node.y = next_row[0] * ROW + ROW / 2
            next_row[0] += 1

    place(root, 0)
    return nodes, edges


def _longest_chain(nodes: list[Node]) -> list[str]:
    """The labels from the innovator down to the deepest adopter (the first of them)."""
    node = max(nodes, key=lambda n: n.depth)
    chain = []
    while node is not None:
        chain.append(node.label)
        node = node.parent
    return chain[::-1]


def describe(root: Node, rows: list[Adoption], nodes: list[Node]) -> list[str]:
    """A few Dutch sentences that say what the graph shows."""
    if not rows:
        return [_("No organisation has adopted this innovation yet, as far as you can see.")]
    statuses = Counter(row.status for row in rows)
    taken_up = sum(statuses[s] for s in TAKEN_UP)
    direct = sum(1 for child in root.children if child.adoption is not None)
    sentences = [
        ngettext(
            "%(n)d organisation adopted this innovation or is working on it; "
            "%(taken)d of them use it.",
            "%(n)d organisations adopted this innovation or are working on it; "
            "%(taken)d of them use it.",
            len(rows),
        )
        % {"n": len(rows), "taken": taken_up},
        _(
            "%(direct)d learned it straight from the innovator %(innovator)s, %(others)d from "
            "an earlier adopter."
        )
        % {"direct": direct, "innovator": root.label, "others": len(rows) - direct},
    ]
    longest = _longest_chain(nodes)
    if len(longest) > 2:
        sentences.append(
            _("The longest chain has %(n)d links: %(chain)s.")
            % {"n": len(longest) - 1, "chain": " → ".join(longest)}
        )
    passers = [n for n in nodes if n.adoption is not None and n.children]
    if passers:
        top = max(passers, key=lambda n: len(n.children))
        sentences.append(
            ngettext(
                "%(organisation)s passed it on most: to %(n)d organisation.",
                "%(organisation)s passed it on most: to %(n)d organisations.",
                len(top.children),
            )
            % {"organisation": top.label, "n": len(top.children)}
        )
    if statuses[AdoptionStatus.ABANDONED]:
        sentences.append(
            ngettext(
                "%(n)d adoption was abandoned.",
                "%(n)d adoptions were abandoned.",
                statuses[AdoptionStatus.ABANDONED],
            )
            % {"n": statuses[AdoptionStatus.ABANDONED]}
        )
    return sentences


def lineage(innovation, *, user) -> Lineage:
    record = canonical(innovation)
    rows = lineage_rows(innovation, user=user)
    root = build_tree(record.owner.name, rows)
    nodes, edges = _layout(root)
    drawn = nodes[:GRAPH_LIMIT]
    shown = set(map(id, drawn))
    return Lineage(
        root=root,
        adoptions=rows,
        nodes=nodes,
        edges=[(a, b) for a, b in edges if id(a) in shown and id(b) in shown],
        width=max(n.depth for n in drawn) * COLUMN + NODE_WIDTH + 8,
        height=int(max(n.y for n in drawn) + ROW / 2) + 4,
        truncated=len(nodes) > GRAPH_LIMIT,
        description=describe(root, rows, nodes),
    )
