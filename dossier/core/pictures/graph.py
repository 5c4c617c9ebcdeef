"""Who works with whom: people and organisations joined when one item names both.

"Cited in the same item" means: an item of the dossier (a point, figure, event, quote
or entity) names both entities — by name or alias, as whole words, ignoring case — in
its own text or in the source passages it cites. An entity's own item names it, so an
agreement's role naming its parties does not join them, but a person's role naming an
organisation joins the two. Each edge lists the items that join its ends.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from dossier.core.model import Dossier, Entity, Event, Figure, Item, Point, Quote, Section

NODE_KINDS = ("person", "organization")
MAX_NODES = 40  # beyond this the best-connected are kept, so the chart stays readable


@dataclass(frozen=True)
class Node:
    anchor: str  # the entity's item anchor
    name: str
    kind: str
    items: tuple[str, ...]  # anchors of the items that name it with another node


@dataclass(frozen=True)
class Edge:
    a: str
    b: str
    items: tuple[str, ...]  # anchors of the items that name both
    label: str  # the items' ¶ markers, "¶ 23, ¶ 25"


@dataclass(frozen=True)
class Graph:
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]

    def node(self, anchor: str) -> Node:
        return next(node for node in self.nodes if node.anchor == anchor)


def item_text(item: Item) -> str:
    """What an item says, with the source passages it cites."""
    match item:
        case Point():
            own = item.text
        case Figure():
            own = item.label
        case Event():
            own = item.title
        case Quote():
            own = f"{item.speaker or ''} {item.text}"
        case Entity():
            own = f"{item.name} {item.role or ''}"
    return " ".join([own, *(cite.quote for cite in item.cites)])


def _pattern(entity: Entity) -> re.Pattern[str]:
    names = sorted({entity.name, *entity.aliases}, key=len, reverse=True)
    body = "|".join(re.escape(name) for name in names)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


def item_marker(item: Item) -> tuple[int, str]:
    """Where the source says it: (paragraph, "¶ 12"); entities without a citation have
    their anchor instead."""
    if item.cites:
        return item.cites[0].paragraph, item.cites[0].marker
    return 0, item.anchor


def build_graph(dossier: Dossier, section_id: str | None = None) -> Graph:
    """The people and organisations named together, from all items or one section's."""
    entities = [e for s in dossier.sections for e in s.entities if e.kind in NODE_KINDS]
    patterns = [
        (entity, _pattern(entity), [n.casefold() for n in (entity.name, *entity.aliases)])
        for entity in entities
    ]
    sections: list[Section] = [s for s in dossier.sections if section_id in (None, s.id)]
    joined: dict[tuple[str, str], list[str]] = {}
    markers: dict[str, tuple[int, str]] = {}
    for section in sections:
        for item in section.items():
            text = item_text(item)
            folded = text.casefold()
            named = [
                e.anchor
                for e, pattern, names in patterns
                if e is item or (any(name in folded for name in names) and pattern.search(text))
            ]
            named = sorted(set(named))
            markers[item.anchor] = item_marker(item)
            for i, a in enumerate(named):
                for b in named[i + 1 :]:
                    joined.setdefault((a, b), []).append(item.anchor)
    degree: dict[str, int] = {}
    for a, b in joined:
        degree[a] = degree.get(a, 0) + 1
        degree[b] = degree.get(b, 0) + 1
    order = {e.anchor: i for i, e in enumerate(entities)}
    kept = sorted(degree, key=lambda anchor: (-degree[anchor], order[anchor]))[:MAX_NODES]
    keep = set(kept)
    edges = tuple(
        Edge(
            a,
            b,
            tuple(items),
            ", ".join(dict.fromkeys(m for _, m in sorted(markers[i] for i in items))),
        )
        for (a, b), items in sorted(joined.items())
        if a in keep and b in keep
    )
    by_anchor = {e.anchor: e for e in entities}
    nodes = []
    for anchor in sorted(keep, key=order.__getitem__):
        items = sorted({i for edge in edges if anchor in (edge.a, edge.b) for i in edge.items})
        if items:
            entity = by_anchor[anchor]
            nodes.append(Node(anchor, entity.name, entity.kind, tuple(items)))
    return Graph(tuple(nodes), edges)


def components(graph: Graph) -> list[list[str]]:
    """The graph's connected groups of node anchors, largest first."""
    neighbours: dict[str, set[str]] = {node.anchor: set() for node in graph.nodes}
    for edge in graph.edges:
        neighbours[edge.a].add(edge.b)
        neighbours[edge.b].add(edge.a)
    seen: set[str] = set()
    out = []
    for node in graph.nodes:
        if node.anchor in seen:
            continue
        group, todo = [], [node.anchor]
        seen.add(node.anchor)
        while todo:
            anchor = todo.pop()
            group.append(anchor)
            for other in sorted(neighbours[anchor] - seen):
                seen.add(other)
                todo.append(other)
        out.append(group)
    return sorted(out, key=len, reverse=True)


Box = tuple[float, float, float, float]  # x, y, width, height


def _split(groups: list[list[str]], box: Box) -> list[tuple[list[str], Box]]:
    """A treemap of the groups: each gets room in proportion to its size."""
    if not groups:
        return []
    if len(groups) == 1:
        return [(groups[0], box)]
    total = sum(len(g) for g in groups)
    running, cut = 0, 1
    for cut in range(1, len(groups)):
        running += len(groups[cut - 1])
        if running >= total / 2:
            break
    share = sum(len(g) for g in groups[:cut]) / total
    x, y, w, h = box
    if w >= h:
        first, second = (x, y, w * share, h), (x + w * share, y, w * (1 - share), h)
    else:
        first, second = (x, y, w, h * share), (x, y + h * share, w, h * (1 - share))
    return _split(groups[:cut], first) + _split(groups[cut:], second)


def layout(graph: Graph, aspect: float = 1.6) -> dict[str, tuple[float, float]]:
    """Node positions in the unit square for a picture ``aspect`` times wider than tall.

    Each connected group gets a share of the picture in proportion to its size, and is
    laid out there by Fruchterman–Reingold from a fixed circle (so the same graph is
    always drawn the same way).
    """
    out: dict[str, tuple[float, float]] = {}
    for group, (x, y, w, h) in _split(components(graph), (0.0, 0.0, aspect, 1.0)):
        inner = _force(group, graph, w / h)
        pad_x, pad_y = (0.12, 0.12) if len(group) > 1 else (0.5, 0.5)
        for anchor, (u, v) in inner.items():
            px = x + w * (pad_x + u * (1 - 2 * pad_x)) if len(group) > 1 else x + w / 2
            py = y + h * (pad_y + v * (1 - 2 * pad_y)) if len(group) > 1 else y + h / 2
            out[anchor] = (px / aspect, py)
    return out


def _force(
    group: list[str], graph: Graph, aspect: float, iterations: int = 250
) -> dict[str, tuple[float, float]]:
    count = len(group)
    if count == 1:
        return {group[0]: (0.5, 0.5)}
    index = {anchor: i for i, anchor in enumerate(group)}
    pos = [
        [
            0.5 + 0.4 * aspect * math.cos(2 * math.pi * i / count),
            0.5 + 0.4 * math.sin(2 * math.pi * i / count),
        ]
        for i in range(count)
    ]
    k = 0.9 * math.sqrt(aspect / count)
    links = [(index[e.a], index[e.b]) for e in graph.edges if e.a in index]
    temperature = 0.1
    for _ in range(iterations):
        move = [[0.0, 0.0] for _ in range(count)]
        for i in range(count):
            for j in range(i + 1, count):
                dx, dy = pos[i][0] - pos[j][0], pos[i][1] - pos[j][1]
                distance = max(math.hypot(dx, dy), 1e-4)
                force = k * k / distance
                fx, fy = dx / distance * force, dy / distance * force
                move[i][0] += fx
                move[i][1] += fy
                move[j][0] -= fx
                move[j][1] -= fy
        for i, j in links:
            dx, dy = pos[i][0] - pos[j][0], pos[i][1] - pos[j][1]
            distance = max(math.hypot(dx, dy), 1e-4)
            force = distance * distance / k
            fx, fy = dx / distance * force, dy / distance * force
            move[i][0] -= fx
            move[i][1] -= fy
            move[j][0] += fx
            move[j][1] += fy
        for i in range(count):
            length = max(math.hypot(*move[i]), 1e-9)
            step = min(length, temperature)
            pos[i][0] += move[i][0] / length * step
            pos[i][1] += move[i][1] / length * step
        temperature = max(temperature * 0.985, 0.002)
    xs, ys = [p[0] for p in pos], [p[1] for p in pos]
    span_x, span_y = max(xs) - min(xs) or 1, max(ys) - min(ys) or 1
    return {
        anchor: ((pos[i][0] - min(xs)) / span_x, (pos[i][1] - min(ys)) / span_y)
        for i, anchor in enumerate(group)
    }
