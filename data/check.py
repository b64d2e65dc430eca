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
    expected = recorded.get(spec.name, {}).get("sha256")
    if expected and file_sha256(spec.path) != expected:
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


def check_all() -> dict:
    """Validate all curated tables; return the coverage summary.

    The summary has ``ok`` (bool), ``regions``, ``industries``, ``io_years``,
    ``io_rows``, ``tables`` (name → rows, source, status) and ``pillars``
    (pillar → attributes with first and last year).
    """
    try:
        recorded = load_manifest()["tables"]
    except DataError:
        recorded = {}
    tables, frames = {}, {}
    for name, spec in all_specs().items():
        entry, frame = _check_one(spec, recorded)
        tables[name] = entry
        if frame is not None:
            frames[name] = frame
    panel = frames.get("io_panel")
    summary = {
        "ok": all(t["status"] == "ok" for t in tables.values()),
        "regions": int(len(frames["regions"])) if "regions" in frames else 0,
        "industries": int(len(frames["industries"])) if "industries" in frames else 0,
        "io_years": sorted(int(y) for y in panel["year"].unique()) if panel is not None else [],
        "io_rows": int(len(panel)) if panel is not None else 0,
        "tables": tables,
        "pillars": _pillar_coverage(frames),
    }
    if panel is not None:
        summary["io_regions_by_year"] = {
            int(y): int(n) for y, n in panel.groupby("year")["region"].nunique().items()}
    return summary
