"""Issue 12, problem 1: a 2 MB upload must not pin a server core for minutes.

The adversarial file is 330,000 rows of ``H19,1`` (1.98 MB, under the size
limit). It is refused by the row cap after reading a couple of hundred rows;
below the cap, every distinct field is resolved once with cached label maps.
No wall time is asserted here (``make bench`` measures speed).
"""

from __future__ import annotations

import pytest

import data.resolve
from app.upload import MAX_UPLOAD_BYTES, UploadError, parse_region_csv

#: The stated row cap (``app.upload_read.MAX_DATA_ROWS``, README "Uploads").
MAX_DATA_ROWS = 200
ADVERSARIAL = b"field,value\n" + b"H19,1\n" * 330_000


def test_adversarial_upload_is_under_the_size_limit_and_refused_by_the_row_cap():
    at_cap = parse_region_csv(b"field,value\n" + b"H19,5000000\n" * MAX_DATA_ROWS)
    assert at_cap.outputs.to_dict() == {"H19": 5_000_000.0}
    assert len(ADVERSARIAL) <= MAX_UPLOAD_BYTES
    with pytest.raises(UploadError) as caught:
        parse_region_csv(ADVERSARIAL)
    assert str(caught.value) == (
        f"数据超过 {MAX_DATA_ROWS} 行（第 {MAX_DATA_ROWS + 2} 行起未读取）：一个地区的有效行不到 100 行（38 个产业、约 12 个属性、"
        "2 个标志）；请删去重复或无关的行 / "
        f"more than {MAX_DATA_ROWS} data rows (stopped reading at line {MAX_DATA_ROWS + 2}): a region needs fewer "
        "than 100 (38 sectors, about 12 attributes, 2 flags); remove repeated or unrelated rows")


def test_each_distinct_field_is_resolved_once_with_cached_label_maps(monkeypatch):
    loads: list[str] = []
    real = data.resolve.load_table

    def counting(name):
        loads.append(name)
        return real(name)

    data.resolve._industry_names.cache_clear()
    monkeypatch.setattr(data.resolve, "load_table", counting)
    rows = "H19,5000000\n通信设备,5000000\nTextiles,20000\n" * 50
    try:
        parsed = parse_region_csv(("field,value\n" + rows).encode())
    finally:
        data.resolve._industry_names.cache_clear()
    assert parsed.outputs.to_dict() == {"H19": 5_000_000.0, "H07": 20_000.0}
    # the industry table is read for the name map (and the labels) once, not once per row
    assert len(loads) <= 2, loads
