"""Issue 19, "minor, fix while there" (the ``--host`` warning is in ``test_issue19_04_upload_limit``).

* Traditional names (廣東, 臺灣) and 台湾/香港/澳门 got "no close matches". Now
  traditional province-name characters are simplified (廣東 is 广东), and
  Taiwan, Hong Kong and Macao say "not a host region; no data".
* The refusal page showed the server's absolute paths; it shows file names.
* A UTF-8 upload with one GBK line was read whole as GB18030: every message
  showed mojibake (``'閫氫俊璁惧'`` for 通信设备). Now the line is named.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from app.cli import app
from app.text_safety import hide_server_paths
from app.upload import UploadError, parse_region_csv
from data.resolve import UnknownNameError, resolve_region

runner = CliRunner()


@pytest.mark.parametrize(("text", "code"), [("廣東", 440000), ("廣東省", 440000), ("廣西壯族自治區", 450000),
                                            ("黑龍江", 230000), ("內蒙古", 150000), ("遼寧", 210000),
                                            ("寧夏回族自治區", 640000), ("新疆維吾爾自治區", 650000), ("重慶", 500000),
                                            ("貴州", 520000), ("雲南", 530000), ("陝西", 610000), ("甘肅", 620000),
                                            ("江蘇", 320000), ("山東", 370000)])
def test_traditional_province_names_resolve(text, code):
    assert resolve_region(text) == code


@pytest.mark.parametrize(("text", "en", "zh"), [
    ("臺灣", "Taiwan", "台湾"), ("台湾", "Taiwan", "台湾"), ("台湾省", "Taiwan", "台湾"), ("Taiwan", "Taiwan", "台湾"),
    ("香港", "Hong Kong", "香港"), ("香港特别行政区", "Hong Kong", "香港"), ("Hong Kong", "Hong Kong", "香港"),
    ("澳门", "Macao", "澳门"), ("澳門特別行政區", "Macao", "澳门"), ("Macau", "Macao", "澳门")])
def test_taiwan_hong_kong_and_macao_are_not_host_regions(text, en, zh):
    with pytest.raises(UnknownNameError) as caught:
        resolve_region(text)
    message = str(caught.value)
    assert f"({en}) is not a host region; no data" in message and f"{zh} 不是承接地区，没有数据" in message
    assert "no close matches" not in message
    result = runner.invoke(app, ["recommend", "--region", text])
    assert result.exit_code == 2 and "is not a host region; no data" in result.stderr


def test_server_paths_are_hidden_from_app_users(tmp_path):
    from app.text_safety import _ROOT

    text = (f"curated table 'io_panel' ({tmp_path / 'curated' / 'io_panel.csv'}) does not match; model file "
            f"{_ROOT}models/artifacts/hostfit_ranker.txt is corrupted; 2010/2020 census; H01–H38")
    shown = hide_server_paths(text)
    assert str(tmp_path) not in shown and _ROOT not in shown
    assert "(…/io_panel.csv)" in shown and "model file models/artifacts/hostfit_ranker.txt" in shown
    assert "2010/2020 census; H01–H38" in shown


def test_the_refusal_page_shows_no_absolute_path(curated_copy, fresh_streamlit_caches):
    from tests.hardening.test_issue12_02_tampered_data import _app_after_tampering, _tamper_sichuan_h18

    at = _app_after_tampering(lambda: _tamper_sichuan_h18(curated_copy))
    shown = at.code[0].value
    assert "io_panel.csv" in shown and str(curated_copy) not in shown and "/tmp" not in shown


UTF8_HEAD = "field,value,名称\n通信设备,5000000,通信设备\n".encode()


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["no-bom", "utf-8-bom"])
def test_one_gbk_line_in_a_utf8_upload_is_named(bom):
    raw = bom + UTF8_HEAD + "电气机械,3000000,电气机械\n".encode("gbk") + "H17,1,汽车\n".encode()
    with pytest.raises(UploadError) as caught:
        parse_region_csv(raw)
    assert str(caught.value) == (
        "第 3 行不是 UTF-8 编码（可能是 GBK），而文件其余部分是 UTF-8：请将整个文件另存为同一种编码（UTF-8） / "
        "line 3 is not UTF-8 (GBK?) while the rest of the file is UTF-8: save the whole file in one encoding (UTF-8)")


def test_whole_gbk_files_are_still_read():
    raw = "field,value,名称\n通信设备,5000000,通信设备\n".encode("gbk")
    assert parse_region_csv(raw).outputs.to_dict() == {"H19": 5_000_000.0}
