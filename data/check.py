"""Validate every curated table and summarise coverage (``hostfit data check``)."""

from __future__ import annotations

import pandas as pd

from data.build_hash import file_sha256
from data.loader import DataError, load_manifest, read_curated
from data.registry import TableSpec, all_specs

PILLARS = ("resource", "industrial_base", "research", "application", "green", "cost")

#: IO panel items reported as industrial-base attributes.
IO_ITEMS = ("gross_output", "value_added", "labour_compensation", "exports", "outflow")


def _check_one(spec: TableSpec, recorded: dict) -> tuple[dict, pd.DataFrame | None]:
    entry = {"rows": 0, "source": spec.source, "status": "ok", "units": spec.units}
    try:
        frame = read_curated(spec)
    except DataError as exc:
        entry.update(status="invalid" if spec.path.exists() else "missing", error=str(exc))
        return entry, None
    entry["rows"] = int(len(frame))
    try:
        spec.schema.validate(frame, lazy=True)
    except Exception as exc:  # pandera SchemaErrors
        entry.update(status="invalid", error=str(exc)[:800])
        return entry, None
    expected = (recorded.get(spec.name) or {}).get("sha256")
    if not expected:
        entry.update(status="unverified",
                     error=f"{spec.path.name} has no sha256 in the build manifest, so it cannot be verified; rebuild "
                           "with `hostfit data build`")
    elif file_sha256(spec.path) != expected:
        entry.update(status="modified",
                     error=f"{spec.path.name} differs from the build manifest; rebuild with `hostfit data build`")
    return entry, frame


def _pillar_coverage(frames: dict[str, pd.DataFrame]) -> dict[str, list[dict]]:
    rows = []
    for frame in frames.values():
        if {"attribute", "pillar", "year"} <= set(frame.columns):
            grouped = frame.dropna(subset=["value"]).groupby(["pillar", "attribute"])["year"]
            rows.append(grouped.agg(["min", "max"]).reset_index())
    panel = frames.get("io_panel")
    if panel is not None:
        years = panel["year"]
        rows.append(pd.DataFrame({"pillar": "industrial_base", "attribute": list(IO_ITEMS),
                                  "min": years.min(), "max": years.max()}))
    pillars: dict[str, list[dict]] = {p: [] for p in PILLARS}
    if rows:
        table = pd.concat(rows).sort_values(["pillar", "attribute"])
        for rec in table.itertuples(index=False):
            pillars.setdefault(rec.pillar, []).append(
                {"attribute": rec.attribute, "first_year": int(rec.min), "last_year": int(rec.max)})
    return pillars


def _city_coverage(frames: dict[str, pd.DataFrame]) -> dict:
    """Prefecture-city layer: how many cities have each kind of evidence."""
    cities, zones, presence = frames.get("cities"), frames.get("city_zones"), frames.get("city_presence")
    if cities is None or zones is None or presence is None:
        return {}
    measures = presence.groupby("measure")["city"].unique()
    latest_steel = presence.loc[presence["measure"].eq("steel_capacity"), "period"].max()
    steel = presence.loc[presence["measure"].eq("steel_capacity") & presence["period"].eq(latest_steel), "city"]
    located = zones["city"].notna()
    return {
        "cities": int(len(cities)),
        "with_zone": int(zones.loc[located, "city"].nunique()),
        "with_manufacturing_zone": int(len(measures.get("zones_declaring", []))),
        "with_listed_firm": int(len(measures.get("listed_firms", []))),
        "with_steel_capacity": int(steel.nunique()),
        "steel_year": int(latest_steel) if isinstance(latest_steel, str) else None,
        "zones": int(len(zones)),
        "zones_located": int(located.sum()),
        "zones_not_located": {status: int(n) for status, n in
                              zones.loc[~located, "locate_status"].value_counts().sort_index().items()},
    }


def format_city_coverage(summary: dict) -> str:
    """One human-readable line for the ``city_coverage`` block of :func:`check_all`."""
    cov = summary.get("city_coverage") or {}
    if not cov:
        return "city layer: not available"
    missing = ", ".join(f"{n} {status}" for status, n in cov["zones_not_located"].items())
    return (f"city layer: {cov['cities']} cities; with ≥1 zone {cov['with_zone']}, with a listed "
            f"manufacturing firm {cov['with_listed_firm']}, with steel capacity ({cov['steel_year']}) "
            f"{cov['with_steel_capacity']}; zones located {cov['zones_located']}/{cov['zones']} ({missing})")


def check_all() -> dict:
    """Validate all curated tables; return the coverage summary.

    The summary has ``ok`` (bool), ``manifest`` (``status`` ok/invalid and the
    ``error``; an unreadable manifest leaves every table ``unverified``), ``regions``, ``industries``, ``io_years``,
    ``io_rows``, ``tables`` (name → rows, source, status), ``pillars``
    (pillar → attributes with first and last year) and ``city_coverage``
    (prefecture cities with ≥1 zone, with a listed manufacturing firm, with
    steel capacity in the latest year; zones located and why others are not).
    """
    manifest = {"status": "ok"}
    try:
        recorded = load_manifest().get("tables")
        if not isinstance(recorded, dict):
            raise DataError("MANIFEST.json has no 'tables' section; rebuild with `hostfit data build`")
    except DataError as exc:  # every table is then unverified, and the check fails
        recorded, manifest = {}, {"status": "invalid", "error": str(exc)}
    tables, frames = {}, {}
    for name, spec in all_specs().items():
        entry, frame = _check_one(spec, recorded)
        tables[name] = entry
        if frame is not None:
            frames[name] = frame
    panel = frames.get("io_panel")
    summary = {
        "ok": manifest["status"] == "ok" and all(t["status"] == "ok" for t in tables.values()),
        "manifest": manifest,
        "regions": int(len(frames["regions"])) if "regions" in frames else 0,
        "industries": int(len(frames["industries"])) if "industries" in frames else 0,
        "io_years": sorted(int(y) for y in panel["year"].unique()) if panel is not None else [],
        "io_rows": int(len(panel)) if panel is not None else 0,
        "tables": tables,
        "pillars": _pillar_coverage(frames),
        "city_coverage": _city_coverage(frames),
    }
    if panel is not None:
        summary["io_regions_by_year"] = {
            int(y): int(n) for y, n in panel.groupby("year")["region"].nunique().items()}
    return summary
