"""Check the places and routes of a dossier's entities: the data the map is drawn from.

This is gazetteer data (an entity's ``id``, ``location`` and ``route``), checked for
range and for what it refers to, never cited. A route may name a place written
anywhere in the dossier, so routes are checked once every entity has been read.
"""

from __future__ import annotations

from dossier.core.loader.checks import Checker
from dossier.core.loader.schema import LOCATION
from dossier.core.model import Location
from dossier.core.yamlsafe import Node


class Places:
    """The entities' ids and kinds, and the routes that name them."""

    def __init__(self, check: Checker) -> None:
        self.check = check
        self.entity_ids: dict[str, Node] = {}
        self.entity_kinds: dict[str, str] = {}
        self.routes: list[tuple[str, Node, list[tuple[str, Node]]]] = []

    def entity_places(
        self, values: dict[str, Node], name: str, kind: str | None
    ) -> tuple[str | None, Location | None, tuple[str, ...]]:
        """An entity's optional ``id``, ``location`` and ``route``."""
        entity_id = self.check.identifier(values, "id", self.entity_ids)
        if entity_id is not None and kind is not None:
            self.entity_kinds[entity_id] = kind
        location = self.location(values["location"], name) if "location" in values else None
        route: tuple[str, ...] = ()
        if "route" in values:
            route = self.route(values["route"], name)
        return entity_id, location, route

    def location(self, node: Node, name: str) -> Location | None:
        values = self.check.mapping(node, LOCATION)
        if values is None:
            return None
        lat = self.degrees(values.get("lat"), "lat", 90, name)
        lon = self.degrees(values.get("lon"), "lon", 180, name)
        return None if lat is None or lon is None else Location(lat, lon)

    def degrees(self, node: Node | None, key: str, limit: int, name: str) -> float | None:
        if node is None:
            return None
        raw = node.value
        if not isinstance(raw, int | float) or isinstance(raw, bool):
            self.check.problem(
                node, f"'{key}' of '{name}' must be a number of degrees, not {node.kind}"
            )
            return None
        if not -limit <= raw <= limit:
            self.check.problem(node, f"'{key}' of '{name}' is {raw}; it must lie within ±{limit}°")
            return None
        return float(raw)

    def route(self, node: Node, name: str) -> tuple[str, ...]:
        if not isinstance(node.value, list):
            self.check.problem(
                node, f"'route' of '{name}' must be a list of entity ids, not {node.kind}"
            )
            return ()
        stops: list[tuple[str, Node]] = []
        for child in node.value:
            if isinstance(child.value, str) and child.value.strip():
                if self.check.safe(child, child.value):
                    stops.append((child.value.strip(), child))
            else:
                self.check.problem(
                    child, f"each stop of the route of '{name}' must be an entity id"
                )
        if len(node.value) < 2:
            self.check.problem(node, f"the route of '{name}' needs at least two stops")
        self.routes.append((name, node, stops))
        return tuple(stop for stop, _ in stops)

    def check_routes(self) -> None:
        """Every stop names a place, wherever in the dossier that place is written."""
        for name, _, stops in self.routes:
            for stop, child in stops:
                kind = self.entity_kinds.get(stop)
                if stop not in self.entity_ids:
                    known = ", ".join(sorted(self.entity_ids)) or "none"
                    self.check.problem(
                        child, f"the route of '{name}' names no entity '{stop}' (ids: {known})"
                    )
                elif kind is not None and kind != "place":
                    self.check.problem(
                        child,
                        f"the route of '{name}' stops at '{stop}', "
                        f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}, not a place",
                    )
