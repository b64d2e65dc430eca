"""The feature catalogue: every feature's pillar, zh/en label, unit, meaning and source.

Builders declare their columns with :func:`feature`; everything downstream (the
ranker, pillar sums of SHAP values, the app) reads this catalogue.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import pandas as pd

#: Pillars and groups, in display order, with zh/en labels.
PILLARS: dict[str, tuple[str, str]] = {
    "resource": ("资源禀赋", "Resource endowment"),
    "industrial_base": ("产业基础", "Industrial base"),
    "research": ("科研条件", "Research capacity"),
    "application": ("应用场景", "Application scenarios"),
    "chain": ("链式配套", "Supply chain"),
    "green": ("绿色底线", "Green floor"),
    "cost": ("成本", "Cost"),
    "origin": ("转得出", "Origin push"),
    "momentum": ("发展势头", "Momentum"),
}


@dataclass(frozen=True)
class FeatureSpec:
    """One feature column."""

    name: str
    pillar: str
    label_zh: str
    label_en: str
    unit: str
    meaning: str
    source: str

    def __post_init__(self) -> None:
        if self.pillar not in PILLARS:
            raise ValueError(f"feature {self.name!r}: unknown pillar {self.pillar!r}")
        if any(ch in self.name for ch in "[]:,\"{} "):
            raise ValueError(f"feature {self.name!r}: name not allowed by LightGBM")


_REGISTRY: dict[str, FeatureSpec] = {}


def feature(name: str, pillar: str, label_zh: str, label_en: str, unit: str,
            meaning: str, source: str) -> str:
    """Register a feature and return its name (so builders can use it as a column)."""
    spec = FeatureSpec(name, pillar, label_zh, label_en, unit, meaning, source)
    existing = _REGISTRY.get(name)
    if existing is not None and existing != spec:
        raise ValueError(f"feature {name!r} registered twice with different specs")
    _REGISTRY[name] = spec
    return name


def spec(name: str) -> FeatureSpec:
    """The registered spec of feature ``name`` (KeyError if unknown)."""
    return _REGISTRY[name]


def _ordered() -> list[FeatureSpec]:
    order = {p: i for i, p in enumerate(PILLARS)}
    return sorted(_REGISTRY.values(), key=lambda s: order[s.pillar])


def catalogue() -> pd.DataFrame:
    """All registered features as a frame, ordered by pillar then registration."""
    return pd.DataFrame([asdict(s) for s in _ordered()])


def feature_names() -> list[str]:
    """Feature column names in catalogue order."""
    return [s.name for s in _ordered()]


def pillar_of() -> dict[str, str]:
    """Feature name → pillar."""
    return {s.name: s.pillar for s in _ordered()}
