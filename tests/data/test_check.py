"""`hostfit data check` coverage summary."""

from __future__ import annotations

from data.check import PILLARS, check_all


def test_check_reports_full_coverage():
    summary = check_all()
    assert summary["ok"], {n: t.get("error") for n, t in summary["tables"].items() if t["status"] != "ok"}
    assert summary["regions"] == 31
    assert summary["industries"] == 38
    assert summary["io_years"] == [1997, 2002, 2007, 2012, 2017]
    assert summary["io_regions_by_year"] == {1997: 29, 2002: 30, 2007: 30, 2012: 31, 2017: 31}
    assert summary["io_rows"] == 38 * (29 + 30 + 30 + 31 + 31)
    for name, entry in summary["tables"].items():
        assert entry["rows"] > 0 and entry["source"], name


def test_every_pillar_has_attributes_with_years():
    pillars = check_all()["pillars"]
    for pillar in ("resource", "industrial_base", "research", "application"):
        assert pillars[pillar], f"pillar {pillar} has no attributes"
        for attr in pillars[pillar]:
            assert attr["first_year"] <= attr["last_year"]
    assert set(pillars) >= set(PILLARS)


def test_attribute_names_are_unique_across_tables():
    import pandas as pd

    from data import list_tables, load_table

    owners = {}
    for name in list_tables():
        frame = load_table(name)
        if {"attribute", "pillar"} <= set(frame.columns):
            for attribute, unit in frame.groupby("attribute")["unit"].first().items():
                assert attribute not in owners, f"{attribute} in both {owners.get(attribute)} and {name}"
                owners[attribute] = name
                units = frame.loc[frame["attribute"] == attribute, "unit"]
                assert units.nunique() == 1, f"{attribute} has several units: {units.unique()}"
    assert pd.Series(owners).size > 40
