"""How a map looks: colours, shapes and sizes by kind, Goldstein colour scale, CAMEO labels.

The values live in `graph/maps/templates/map_style.json` so they can be edited without touching
code; this module turns them into the numbers and colours the map builder needs.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

TEMPLATES = Path(__file__).with_name("templates")
STYLE_FILE = "map_style.json"


@dataclass(frozen=True, slots=True)
class KindStyle:
    """Legend label, fill colour and vis-network shape of one node kind."""

    label: str
    color: str
    shape: str


@dataclass(frozen=True, slots=True)
class MapStyle:
    """Everything map_style.json says, typed."""

    kinds: dict[str, KindStyle]
    conflict: str
    neutral: str
    cooperation: str
    node_size: dict[str, float]
    edge_width: dict[str, float]
    structural_edge_color: str
    quad_classes: dict[str, str]
    cameo_roots: dict[str, str]
    tooltip_reports: int  # reports a hover tooltip lists (the side panel lists all)

    def kind(self, name: str | None) -> KindStyle:
        return self.kinds.get(name or "", self.kinds["other"])

    def node_size_for(self, weighted_degree: float) -> float:
        """Area grows with weighted degree (√ keeps hubs from swallowing the map)."""
        size = self.node_size
        value = size["min"] + size["per_sqrt_degree"] * math.sqrt(max(weighted_degree, 0.0))
        return round(min(value, size["max"]), 2)

    def edge_width_for(self, count: int) -> float:
        width = self.edge_width
        value = width["min"] + width["per_sqrt_count"] * (math.sqrt(max(count, 1)) - 1)
        return round(min(value, width["max"]), 2)

    def goldstein_color(self, goldstein: float) -> str:
        """Red (−10, conflict) → grey (0) → green (+10, cooperation), as #rrggbb."""
        share = max(-1.0, min(1.0, goldstein / 10.0))
        end = self.cooperation if share >= 0 else self.conflict
        return _mix(self.neutral, end, abs(share))

    def root_label(self, root: str) -> str:
        return self.cameo_roots.get(root, f"CAMEO {root}")

    def legend_gradient(self) -> str:
        """CSS gradient for the legend bar, conflict on the left."""
        return f"linear-gradient(to right, {self.conflict}, {self.neutral}, {self.cooperation})"


def _mix(start: str, end: str, share: float) -> str:
    a = _rgb(start)
    b = _rgb(end)
    mixed = (round(x + (y - x) * share) for x, y in zip(a, b, strict=True))
    return "#" + "".join(f"{channel:02x}" for channel in mixed)


def _rgb(color: str) -> tuple[int, int, int]:
    value = color.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


@cache
def load_style() -> MapStyle:
    """The packaged map style (read once; MapStyle is immutable)."""
    text = (TEMPLATES / STYLE_FILE).read_text(encoding="utf-8")
    return style_from_dict(json.loads(text))


def style_from_dict(data: dict[str, Any]) -> MapStyle:
    scale = data["goldstein_scale"]
    return MapStyle(
        kinds={name: KindStyle(**value) for name, value in data["kinds"].items()},
        conflict=scale["conflict"],
        neutral=scale["neutral"],
        cooperation=scale["cooperation"],
        node_size={k: float(v) for k, v in data["node_size"].items()},
        edge_width={k: float(v) for k, v in data["edge_width"].items()},
        structural_edge_color=data["structural_edge_color"],
        quad_classes=dict(data["quad_classes"]),
        cameo_roots=dict(data["cameo_roots"]),
        tooltip_reports=int(data["tooltip_reports"]),
    )
