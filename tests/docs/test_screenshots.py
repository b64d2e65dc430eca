"""The README screenshots are not older than the views that draw them (fast; no browser)."""

from __future__ import annotations

import re

from tests.screenshot_record import REFRESH, REPO, SHOTS, file_hash, read_record, record_screenshot, views_hash


def test_every_readme_screenshot_is_recorded_and_unchanged():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    shown = re.findall(r"\(docs/screenshots/([\w-]+\.png)\)", readme)
    assert shown, "the README shows no screenshots"
    record = read_record()
    for name in shown:
        assert name in record, f"docs/screenshots/{name} has no record; refresh the screenshots: {REFRESH}"
        assert file_hash(SHOTS / name) == record[name]["sha256"], \
            f"docs/screenshots/{name} was replaced by hand; refresh the screenshots: {REFRESH}"


def test_readme_screenshots_show_the_current_views():
    current = views_hash()
    stale = sorted(name for name, entry in read_record().items() if entry["views_sha256"] != current)
    assert not stale, (f"{', '.join(stale)} were taken before the last change to the views (app/views/*.py, "
                       f"app/figures*.py, app/i18n.py); refresh them: {REFRESH}")


def test_a_change_to_a_view_makes_the_record_stale(tmp_path):
    for relative in ("app/views/region.py", "app/figures.py", "app/i18n.py"):
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text("x = 1\n", encoding="utf-8")
    shots = tmp_path / "shots"
    shots.mkdir()
    (shots / "region.png").write_bytes(b"png")
    record_screenshot("region", shots, tmp_path)
    before = read_record(shots / "screenshots.json")["region.png"]["views_sha256"]
    assert before == views_hash(tmp_path)
    (tmp_path / "app/i18n.py").write_text("x = 2\n", encoding="utf-8")
    assert views_hash(tmp_path) != before
