"""Province boundaries as SVG paths, decoded from the TopoJSON shipped in ``data/``.

Attribution (CC BY 4.0): "Bron: CBS, Kadaster".
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

TOPOJSON = Path(__file__).parent / "data" / "provincie_2025.topojson"
ATTRIBUTION = "Bron: CBS, Kadaster (CC BY 4.0)"
WIDTH = 400


@dataclass(frozen=True)
class ProvinceShape:
    code: str
    name: str
    path: str  # SVG path data
    label_x: float
    label_y: float


@dataclass(frozen=True)
class ProvinceMap:
    width: int
    height: int
    shapes: tuple[ProvinceShape, ...]


def _decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def _polygons(geometry: dict) -> list[list[list[int]]]:
    return [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]


class _Projection:
    """Equirectangular, scaled by cos(latitude) of the map's centre; y grows downwards."""

    def __init__(self, rings: list[list[tuple[float, float]]]):
        lons = [p[0] for r in rings for p in r]
        lats = [p[1] for r in rings for p in r]
        self.k = math.cos(math.radians((min(lats) + max(lats)) / 2))
        self.min_lon, self.max_lat = min(lons), max(lats)
        self.scale = WIDTH / ((max(lons) - self.min_lon) * self.k)
        self.height = round((self.max_lat - min(lats)) * self.scale)

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return ((lon - self.min_lon) * self.k * self.scale, (self.max_lat - lat) * self.scale)


def _path(rings, project) -> str:
    parts = []
    for ring in rings:
        xy = [project(lon, lat) for lon, lat in ring]
        parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in xy) + "Z")
    return "".join(parts)


@cache
def province_map() -> ProvinceMap:
    topology = json.loads(TOPOJSON.read_text(encoding="utf-8"))
    arcs = _decode_arcs(topology)
    geometries = next(iter(topology["objects"].values()))["geometries"]
    rings_by_geometry = [
        [_ring(arcs, ring) for polygon in _polygons(g) for ring in polygon] for g in geometries
    ]
    project = _Projection([r for rings in rings_by_geometry for r in rings])
    shapes = []
    for geometry, rings in zip(geometries, rings_by_geometry, strict=True):
        largest = max(rings, key=len)
        cx = sum(p[0] for p in largest) / len(largest)
        cy = sum(p[1] for p in largest) / len(largest)
        lx, ly = project(cx, cy)
        props = geometry["properties"]
        shapes.append(
            ProvinceShape(props["statcode"], props["statnaam"], _path(rings, project), lx, ly)
        )
    return ProvinceMap(WIDTH, project.height, tuple(sorted(shapes, key=lambda s: s.code)))


SHADES = 5


def shaded_provinces(counts: dict[str, int]) -> list[dict]:
    """Each province's shape with its count and a shade 0..``SHADES`` (0: none; the
    highest count the darkest), for a choropleth beside a table of the same figures."""
    highest = max(counts.values(), default=0)
    rows = []
    for shape in province_map().shapes:
        count = counts.get(shape.code, 0)
        shade = 0 if not count else 1 + (SHADES - 1) * (count - 1) // max(highest - 1, 1)
        rows.append({"shape": shape, "count": count, "shade": min(shade, SHADES)})
    return rows
