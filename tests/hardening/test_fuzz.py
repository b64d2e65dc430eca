"""Property-based fuzzing: uploads and what-if edits never raise anything but UploadError.

Random bytes and random CSV frames (headers, delimiters, encodings, values) go
through the upload parser; random attribute values (NaN, ±inf, huge, negative)
and random extra outputs go through the what-if path, then the scorer. Any
accepted input must also satisfy the documented invariants (finite, in range).
"""

from __future__ import annotations

import math

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.upload import (_HEADER_ALIASES, DELIMITERS, FLAGS, NATIONAL_TOTAL_OUTPUT, OUTPUT_UNITS, ParsedRegion,
                        UploadError, parse_region_csv)
from features.scenario import EDITABLE_ATTRIBUTES, MAX_SECTOR_OUTPUT, add_region, apply_edits, attribute_value
from models.scoring import load_scorer

SICHUAN = 510000
FUZZ = settings(deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])

_scorer = load_scorer
_industries = sorted({"H19", "H18", "H06", "通信设备", "Textiles", "电气机械和器材", "H29", "H01", "设备", "H99"})
_fields = st.one_of(
    st.sampled_from(_industries), st.sampled_from(list(EDITABLE_ATTRIBUTES)), st.sampled_from(FLAGS),
    st.sampled_from([s.label_zh for s in EDITABLE_ATTRIBUTES.values()]), st.text(max_size=12))
_numbers = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True), st.integers(-10**12, 10**15),
    st.floats(min_value=0, max_value=1e8), st.sampled_from([0, 1, 0.5]))
_value_cells = st.one_of(
    _numbers.map(str), _numbers.map(lambda v: f"{v:,}" if isinstance(v, int) else repr(v)),
    st.sampled_from(["", "nan", "NA", "-", "1e400", "12%", "１２", "1_000", "0x10", "∞"]), st.text(max_size=8))
_units = st.one_of(st.sampled_from([*OUTPUT_UNITS, "%", "亿元", "10^4 persons", "kg"]), st.text(max_size=5))
_headers = st.one_of(
    st.tuples(*(st.sampled_from(aliases) for aliases in _HEADER_ALIASES.values())).map(list),
    st.lists(st.one_of(st.sampled_from(sum(_HEADER_ALIASES.values(), ())), st.text(max_size=8)),
             min_size=0, max_size=4))


def _check_parsed(parsed: ParsedRegion) -> None:
    outputs = parsed.outputs.to_numpy(dtype=float)
    assert len(outputs) and np.isfinite(outputs).all() and (outputs >= 0).all()
    assert 0 < outputs.sum() <= NATIONAL_TOTAL_OUTPUT
    for name, value in parsed.attributes.items():
        spec = EDITABLE_ATTRIBUTES[name]
        assert spec.low <= value <= spec.high
    assert set(parsed.flags) <= set(FLAGS) and all(isinstance(v, bool) for v in parsed.flags.values())
    assert all(" / " in w for w in parsed.warnings)


def _parse(raw: bytes) -> ParsedRegion | None:
    """Parse, allowing only UploadError (with a bilingual message)."""
    try:
        parsed = parse_region_csv(raw)
    except UploadError as exc:
        assert " / " in str(exc)
        return None
    _check_parsed(parsed)
    return parsed


@settings(FUZZ, max_examples=1000)
@given(st.binary(max_size=2048))
def test_random_bytes_never_crash_the_parser(raw):
    _parse(raw)


@st.composite
def _csv_files(draw) -> bytes:
    header = draw(_headers)
    width = max(len(header), 1)
    rows = draw(st.lists(st.tuples(_fields, _value_cells, _units, st.text(max_size=4)), min_size=1, max_size=12))
    delimiter = draw(st.sampled_from(DELIMITERS))
    lines = [header]
    for field, value, unit, extra in rows:
        cells = [field, value, unit, extra][:draw(st.integers(0, width + 1))]
        lines.append(cells)
    quote = draw(st.booleans())
    text = "\n".join(delimiter.join(f'"{c}"' if quote else c for c in cells) for cells in lines)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "gbk", "utf-16", "utf-16-le", "gb18030"]))
    try:
        return text.encode(encoding)
    except UnicodeEncodeError:
        return text.encode("utf-8")


@settings(FUZZ, max_examples=400)
@given(_csv_files())
def test_random_csv_frames_never_crash_the_parser(raw):
    _parse(raw)


@st.composite
def _plausible_csv(draw) -> bytes:
    """Mostly-valid uploads, so the accepting path is exercised as often as the rejecting one."""
    industries = draw(st.lists(st.sampled_from(["H06", "H13", "H18", "H19", "H29", "纺织"]), min_size=1,
                               max_size=5, unique=True))
    lines = ["field,value,unit"]
    for industry in industries:
        unit = draw(st.sampled_from(["万元", "", "元", "亿元"]))
        value = draw(st.one_of(st.floats(1e4, 1e9), st.floats(0, 1e12)))
        lines.append(f"{industry},{value!r},{unit}")
    for name in draw(st.lists(st.sampled_from(list(EDITABLE_ATTRIBUTES)), max_size=4, unique=True)):
        spec = EDITABLE_ATTRIBUTES[name]
        value = draw(st.one_of(st.floats(spec.low, spec.high), st.floats(spec.low - 10, spec.high * 2)))
        lines.append(f"{name},{value!r},{draw(st.sampled_from(['', spec.unit]))}")
    return "\n".join(lines).encode(draw(st.sampled_from(["utf-8", "gbk", "utf-16"])))


@settings(FUZZ, max_examples=300)
@given(_plausible_csv())
def test_plausible_uploads_parse_or_fail_cleanly(raw):
    _parse(raw)


_edit_values = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.floats(-1e20, 1e20),
                         st.integers(-10**18, 10**18))


@settings(FUZZ, max_examples=200)
@given(attributes=st.dictionaries(st.sampled_from(list(EDITABLE_ATTRIBUTES)), _edit_values, max_size=6),
       extra=st.dictionaries(st.sampled_from(["H06", "H13", "H18", "H19", "H29"]), _edit_values, max_size=3))
def test_what_if_edits_are_always_clamped(attributes, extra):
    base = _scorer().arrays
    year = base.latest_year
    edited, warnings = apply_edits(base, SICHUAN, year, attributes, extra)
    for name in attributes:
        spec = EDITABLE_ATTRIBUTES[name]
        assert spec.low <= attribute_value(edited, SICHUAN, name, year) <= spec.high
    row = edited.output(edited.io_year_as_of(year))[edited.position[SICHUAN]]
    assert ((row >= 0) & (row <= MAX_SECTOR_OUTPUT)).all()
    for warning in warnings:
        assert warning.low <= warning.used <= warning.high
        assert warning.message("zh") and warning.message("en")


@settings(FUZZ, max_examples=20)
@given(attributes=st.dictionaries(st.sampled_from(list(EDITABLE_ATTRIBUTES)), _edit_values, min_size=1,
                                  max_size=4),
       extra=st.dictionaries(st.sampled_from(["H06", "H18", "H19"]), _edit_values, max_size=2))
def test_what_if_rescoring_and_explaining_stays_finite(attributes, extra):
    scorer = _scorer()
    base = scorer.arrays
    edited, _ = apply_edits(base, SICHUAN, base.latest_year, attributes, extra)
    board = scorer.board(arrays=edited)
    ranked = board.recommend(SICHUAN)
    assert sorted(ranked["rank"]) == list(range(1, len(base.candidates) + 1))
    assert np.isfinite(ranked["score"].to_numpy(dtype=float)).all()
    assert ranked["score"].between(0, 100).all()
    why = board.explain(SICHUAN, ranked["industry"].iloc[0])
    assert math.isclose(why["base_score"] + sum(f["points"] for f in why["features"]), why["score"], abs_tol=1e-6)


@settings(FUZZ, max_examples=15)
@given(_plausible_csv())
def test_accepted_uploads_can_be_scored(raw):
    parsed = _parse(raw)
    if parsed is None:
        return
    scorer = _scorer()
    arrays, _ = add_region(scorer.arrays, 990000, "上传", "Uploaded", "West", parsed.outputs, parsed.attributes,
                           scorer.arrays.latest_year)
    ranked = scorer.board(arrays=arrays).recommend(990000)
    assert np.isfinite(ranked["score"].to_numpy(dtype=float)).all()
