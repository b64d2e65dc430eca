"""The feature catalogue: every feature's pillar, label, unit and meaning in Chinese and
English, and its source.

Builders declare their columns with :func:`feature`; everything downstream (the
ranker, pillar sums of SHAP values, the app) reads this catalogue. The Chinese UI shows
the ``*_zh`` fields and the English UI the ``*_en`` fields, so neither language leaks
into the other.
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
    """One feature column.

    Attributes
    ----------
    name : str
        Column name (allowed by LightGBM).
    pillar : str
        Key of :data:`PILLARS`.
    label_zh, label_en : str
        Short display label in Chinese and in English.
    unit_zh, unit_en : str
        Unit as people write it in each language (``万元（对数）`` / ``log of 10⁴ yuan``).
    meaning_zh, meaning_en : str
        One sentence: what the feature measures, how it is computed and which direction
        is which.
    source : str
        Curated tables it is computed from.
    direction : int
        Expected sign of the feature's effect on a region's chance to capture the industry:
        −1 (higher = worse, e.g. a higher labour cost), +1 (higher = better) or 0 (no
        direction known a priori). A directed feature enters the model as a monotone
        constraint in this direction and its reasons are checked against it.
    neutral : float or None
        The value at which a directed feature neither helps nor hurts (1 for ratios to the
        national level, 0 for signed indices); None when ``direction`` is 0.
    """

    name: str
    pillar: str
    label_zh: str
    label_en: str
    unit_zh: str
    unit_en: str
    meaning_zh: str
    meaning_en: str
    source: str
    direction: int = 0
    neutral: float | None = None

    def __post_init__(self) -> None:
        if self.pillar not in PILLARS:
            raise ValueError(f"feature {self.name!r}: unknown pillar {self.pillar!r}")
        if any(ch in self.name for ch in "[]:,\"{} "):
            raise ValueError(f"feature {self.name!r}: name not allowed by LightGBM")
        if self.direction not in (-1, 0, 1):
            raise ValueError(f"feature {self.name!r}: direction must be -1, 0 or 1, got {self.direction!r}")
        if (self.direction == 0) != (self.neutral is None):
            raise ValueError(f"feature {self.name!r}: a direction needs a neutral value and vice versa")


_REGISTRY: dict[str, FeatureSpec] = {}


def feature(name: str, pillar: str, *, label_zh: str, label_en: str, unit_zh: str, unit_en: str,
            meaning_zh: str, meaning_en: str, source: str, direction: int = 0,
            neutral: float | None = None) -> str:
    """Register a feature and return its name (so builders can use it as a column).

    Parameters
    ----------
    name : str
        Column name.
    pillar : str
        Key of :data:`PILLARS`.
    label_zh, label_en, unit_zh, unit_en, meaning_zh, meaning_en : str
        Chinese and English label, unit and meaning (keyword-only, so the two languages
        cannot be swapped by position).
    source : str
        Curated tables the feature is computed from.
    direction, neutral : int, float or None
        Expected sign of the effect and the neutral value (see :class:`FeatureSpec`).

    Returns
    -------
    str
        ``name``.

    Raises
    ------
    ValueError
        If ``name`` is already registered with a different spec, the pillar is unknown
        or the name is not allowed by LightGBM.
    """
    spec = FeatureSpec(name, pillar, label_zh=label_zh, label_en=label_en, unit_zh=unit_zh, unit_en=unit_en,
                       meaning_zh=meaning_zh, meaning_en=meaning_en, source=source, direction=direction,
                       neutral=neutral)
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


def directions() -> dict[str, int]:
    """Feature name → expected sign (−1 / +1) of every feature with a known direction."""
    return {s.name: s.direction for s in _ordered() if s.direction}


def pillar_of() -> dict[str, str]:
    """Feature name → pillar."""
    return {s.name: s.pillar for s in _ordered()}
