"""End-to-end: the real app in headless Chromium — every page, Sichuan, an explanation, a what-if."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import screenshot

pytestmark = pytest.mark.e2e

PAGES = {"": "地区视图", "industry": "产业视图", "whatif": "情景推演", "crowding": "同质化竞争", "model": "模型与数据"}


def _settle(page) -> None:
    """Wait until Streamlit has finished running the script."""
    page.wait_for_selector('[data-testid="stApp"]')
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=90_000)
    page.wait_for_timeout(800)


def _assert_no_exception(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0, page.inner_text("body")[:2000]


def _choose(page, label: str, text: str) -> None:
    """Open the select box titled ``label``, type ``text`` and pick the first match."""
    box = page.locator('[data-testid="stSelectbox"]').filter(has_text=label).first
    box.click()
    page.keyboard.type(text)
    page.keyboard.press("Enter")
    _settle(page)


@pytest.mark.parametrize("path", list(PAGES))
def test_every_page_loads(page, server_url, path):
    page.goto(f"{server_url}/{path}")
    _settle(page)
    _assert_no_exception(page)
    assert PAGES[path] in page.inner_text("h1, h2")
    screenshot(page, f"page_{path or 'region'}")


def test_region_view_pick_sichuan_and_explain(page, server_url):
    page.goto(server_url)
    _settle(page)
    _choose(page, "地区", "新疆")
    assert "新疆" in page.inner_text("body")
    _choose(page, "地区", "四川")
    _assert_no_exception(page)
    assert "四川省 · 候选产业排名" in page.inner_text("body")
    screenshot(page, "region")
    _choose(page, "选择要解释的产业", "H19")
    _assert_no_exception(page)
    assert page.locator('[data-testid="stPlotlyChart"]').count() >= 3
    page.get_by_text("按指标").first.click()
    page.wait_for_timeout(800)
    screenshot(page, "explanation")


def test_industry_map(page, server_url):
    page.goto(f"{server_url}/industry")
    _settle(page)
    _assert_no_exception(page)
    page.locator('[data-testid="stPlotlyChart"]').first.wait_for()
    page.wait_for_timeout(1500)
    screenshot(page, "map")


def test_what_if_updates_ranks(page, server_url):
    page.goto(f"{server_url}/whatif")
    _settle(page)
    page.get_by_role("button", name="＋").click()
    _settle(page)
    _assert_no_exception(page)
    assert "+10,000,000 万元" in page.inner_text("body")
    screenshot(page, "whatif")


def test_download_produces_a_file(page, server_url):
    page.goto(server_url)
    _settle(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="下载 CSV").first.click()
    path = info.value.path()
    assert path and open(path, "rb").read().startswith(b"\xef\xbb\xbf")


def test_bring_your_own_region_upload(page, server_url, tmp_path):
    page.goto(server_url)
    _settle(page)
    page.get_by_text("上传自定义地区").first.click()
    csv = tmp_path / "region.csv"
    csv.write_bytes("field,value\nH19,5000000\nH18,3000000\n".encode("utf-8-sig"))
    page.locator('input[type="file"]').set_input_files(str(csv))
    _settle(page)
    _assert_no_exception(page)
    assert "已加入自定义地区" in page.inner_text("body")
