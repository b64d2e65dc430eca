"""Validate a saved model before LightGBM sees it.

LightGBM's text-model parser trusts its input: a tree whose byte size differs
from the ``tree_sizes`` header, or an absurd ``num_leaves``, makes it call
``std::terminate`` (the whole process aborts, no exception); child or feature
indices out of range are read out of bounds at prediction time; ``nan``/``inf``
leaf values silently poison scores. :func:`check_model_text` checks the
structure it relies on — sizes, counts, array lengths, index ranges, finite
numbers, a proper binary tree of bounded depth, the objective — and :func:`check_params` checks the
constructor parameters stored in the JSON metadata (known keys only, typed and
in range). Both raise :class:`ValueError` with a message naming the problem;
:mod:`models.artifacts` turns it into an ``ArtifactError``.
"""

from __future__ import annotations

import inspect
import math
from collections.abc import Callable

#: Largest model text accepted (the shipped model is about 0.2 MB).
MAX_MODEL_BYTES = 20_000_000
#: Longest line accepted in the model text.
MAX_LINE_CHARS = 1_000_000
MAX_TREES = 10_000
#: LightGBM's own upper bound for ``num_leaves``.
MAX_LEAVES = 131_072
#: Deepest tree accepted (root to leaf). LightGBM recurses per level when it dumps
#: a model or computes SHAP values: a chained tree 131,071 levels deep within
#: MAX_LEAVES crashed the process natively. hostfit's trees have 4 leaves.
MAX_TREE_DEPTH = 64
#: The only objective hostfit trains; another (``multiclass num_class:3``) makes
#: LightGBM corrupt its heap when predicting with a one-class model.
OBJECTIVE = "lambdarank"
MAX_FEATURES = 10_000
#: Largest magnitude of a leaf or internal value (hostfit's are below 0.1): 10,000 trees of
#: such leaves still sum to a finite score; a leaf of 1e308 made scores inf/NaN.
MAX_NODE_VALUE = 1e6
#: Largest magnitude of the calibration's intercept ``a`` and slope ``b`` (hostfit's are about 1).
MAX_CALIBRATION = 1e6
MAX_THREADS = 256
_INTERNAL_FLOATS = ("split_gain", "internal_value", "internal_weight")
_INTERNAL_INTS = ("split_feature", "decision_type", "left_child", "right_child", "internal_count")
_LEAF_FLOATS = ("leaf_value", "leaf_weight")
_LEAF_INTS = ("leaf_count",)
_REQUIRED_SPLIT = ("split_feature", "threshold", "decision_type", "left_child", "right_child")


def _int(text: str, what: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise ValueError(f"{what} is not an integer ({text[:40]!r})") from None


def _floats(text: str, what: str, infinite: bool = False) -> list[float]:
    """Numbers of a line; NaN never, ±inf only where LightGBM writes them (``infinite``)."""
    values = []
    for item in text.split():
        try:
            value = float(item)
        except ValueError:
            raise ValueError(f"{what} holds a non-number ({item[:40]!r})") from None
        if math.isnan(value) or (math.isinf(value) and not infinite):
            raise ValueError(f"{what} holds a non-finite value ({item[:40]!r})")
        values.append(value)
    return values


def _ints(text: str, what: str) -> list[int]:
    return [_int(item, what) for item in text.split()]


def _fields(lines: list[str], where: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    for line in lines:
        if not line.strip():
            continue
        key, sep, value = line.partition("=")
        if not sep:
            raise ValueError(f"{where}: line {line[:60]!r} is not key=value")
        if key in fields:
            raise ValueError(f"{where}: {key} appears twice")
        fields[key] = value
    return fields


def _check_header(lines: list[str]) -> tuple[int, list[int] | None]:
    """Return the feature count and the declared tree sizes (if any)."""
    if not lines or lines[0] != "tree":
        raise ValueError("it does not start with the LightGBM 'tree' header")
    header = _fields(lines[1:], "header")
    if header.get("version") not in ("v3", "v4"):
        raise ValueError(f"unsupported model version {header.get('version')!r}")
    for key in ("num_class", "num_tree_per_iteration"):
        if header.get(key) != "1":
            raise ValueError(f"{key} must be 1, got {header.get(key)!r}")
    if header.get("objective") != OBJECTIVE:
        raise ValueError(f"objective must be {OBJECTIVE!r}, got {str(header.get('objective'))[:60]!r}")
    max_feature = _int(header.get("max_feature_idx", ""), "max_feature_idx")
    if not 0 <= max_feature < MAX_FEATURES:
        raise ValueError(f"max_feature_idx {max_feature} is outside 0–{MAX_FEATURES - 1}")
    names = header.get("feature_names", "").split()
    if len(names) != max_feature + 1:
        raise ValueError(f"feature_names lists {len(names)} names, max_feature_idx says {max_feature + 1}")
    sizes = _ints(header["tree_sizes"], "tree_sizes") if "tree_sizes" in header else None
    return max_feature + 1, sizes


def _check_children(left: list[int], right: list[int], leaves: int, where: str) -> None:
    """Children form one binary tree rooted at node 0 that reaches every node and leaf once,
    at most :data:`MAX_TREE_DEPTH` levels deep."""
    for child in (*left, *right):
        if not -leaves <= child <= leaves - 2:
            raise ValueError(f"{where}: child index {child} is outside [{-leaves}, {leaves - 2}]")
    seen_nodes, seen_leaves, stack = {0}, set(), [(0, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_TREE_DEPTH:
            raise ValueError(f"{where}: deeper than {MAX_TREE_DEPTH} levels")
        for child in (left[node], right[node]):
            if child < 0:
                if ~child in seen_leaves:
                    raise ValueError(f"{where}: leaf {~child} is reached twice")
                seen_leaves.add(~child)
            elif child in seen_nodes:
                raise ValueError(f"{where}: node {child} is reached twice (a cycle)")
            else:
                seen_nodes.add(child)
                stack.append((child, depth + 1))
    if len(seen_nodes) != leaves - 1 or len(seen_leaves) != leaves:
        raise ValueError(f"{where}: not every node and leaf is reachable from the root")


def _check_tree(block: str, index: int, n_features: int) -> None:
    where = f"tree {index}"
    fields = _fields(block.split("\n")[1:], where)
    leaves = _int(fields.get("num_leaves", ""), f"{where} num_leaves")
    if not 1 <= leaves <= MAX_LEAVES:
        raise ValueError(f"{where}: num_leaves {leaves} is outside 1–{MAX_LEAVES}")
    if fields.get("num_cat", "0") != "0":
        raise ValueError(f"{where}: categorical splits (num_cat={fields['num_cat'][:20]}) are not used by hostfit")
    if fields.get("is_linear", "0") != "0":
        raise ValueError(f"{where}: linear trees are not used by hostfit")
    _floats(fields.get("shrinkage", "1"), f"{where} shrinkage")
    if "leaf_value" not in fields:
        raise ValueError(f"{where}: leaf_value is missing")
    if leaves > 1:
        missing = [k for k in _REQUIRED_SPLIT if k not in fields]
        if missing:
            raise ValueError(f"{where}: {', '.join(missing)} missing")
    arrays: dict[str, list] = {}
    thresholds = lambda text, what: _floats(text, what, infinite=True)  # noqa: E731 - +inf splits are valid
    for keys, parse, size in ((_INTERNAL_FLOATS, _floats, leaves - 1), (("threshold",), thresholds, leaves - 1),
                              (_INTERNAL_INTS, _ints, leaves - 1),
                              (_LEAF_FLOATS, _floats, leaves), (_LEAF_INTS, _ints, leaves)):
        for key in keys:
            if key in fields:
                arrays[key] = parse(fields[key], f"{where} {key}")
                if len(arrays[key]) != size:
                    raise ValueError(f"{where}: {key} has {len(arrays[key])} values, expected {size}")
    for key in ("leaf_value", "internal_value"):
        large = [v for v in arrays.get(key, []) if abs(v) > MAX_NODE_VALUE]
        if large:
            raise ValueError(f"{where}: {key} {large[0]:g} is outside ±{MAX_NODE_VALUE:g}")
    if leaves > 1:
        bad = [f for f in arrays["split_feature"] if not 0 <= f < n_features]
        if bad:
            raise ValueError(f"{where}: split feature {bad[0]} is outside 0–{n_features - 1}")
        odd = [d for d in arrays["decision_type"] if not 0 <= d <= 15 or d & 1]
        if odd:
            raise ValueError(f"{where}: unsupported decision type {odd[0]}")
        _check_children(arrays["left_child"], arrays["right_child"], leaves, where)


def _tree_blocks(text: str) -> list[str]:
    start = text.find("\nTree=0\n")
    end = text.find("\nend of trees")
    if start < 0 or end < start:
        raise ValueError("no trees between the header and 'end of trees'")
    section = text[start + 1:end + 1]
    blocks, position = [], 0
    while position < len(section):
        following = section.find("\nTree=", position + 1)
        stop = len(section) if following < 0 else following + 1
        blocks.append(section[position:stop])
        position = stop
        if len(blocks) > MAX_TREES:
            raise ValueError(f"more than {MAX_TREES} trees")
    return blocks


def check_model_text(text: str) -> None:
    """Raise ``ValueError`` unless ``text`` is a LightGBM model hostfit can load safely.

    Parameters
    ----------
    text : str
        The content of the model file.

    Raises
    ------
    ValueError
        Too large, a line too long, a malformed header, more than
        :data:`MAX_TREES` trees, tree sizes that disagree with ``tree_sizes``,
        ``num_leaves`` outside 1–:data:`MAX_LEAVES`, arrays of the wrong length,
        non-finite numbers, leaf or internal values beyond ±:data:`MAX_NODE_VALUE`,
        feature or child indices out of range, a tree that
        is not a proper binary tree or is deeper than :data:`MAX_TREE_DEPTH`,
        an objective other than :data:`OBJECTIVE`, categorical or linear trees.
    """
    if len(text) > MAX_MODEL_BYTES:
        raise ValueError(f"the model text has {len(text):,} characters (limit {MAX_MODEL_BYTES:,})")
    lines = text.split("\n")
    longest = max(len(line) for line in lines)
    if longest > MAX_LINE_CHARS:
        raise ValueError(f"a line has {longest:,} characters (limit {MAX_LINE_CHARS:,})")
    blank = lines.index("") if "" in lines else len(lines)
    n_features, sizes = _check_header(lines[:blank])
    blocks = _tree_blocks(text)
    for index, block in enumerate(blocks):
        if not block.startswith(f"Tree={index}\n"):
            raise ValueError(f"tree {index} does not start with 'Tree={index}'")
        _check_tree(block.rstrip("\n"), index, n_features)
    if sizes is not None:
        actual = [len(block.encode("utf-8")) for block in blocks]
        if sizes != actual:
            raise ValueError("the tree_sizes header does not match the trees' sizes")
    tail = text[text.find("\nend of trees"):]
    categorical = next((line for line in tail.split("\n") if line.startswith("pandas_categorical:")), None)
    if categorical not in (None, "pandas_categorical:null"):
        raise ValueError("pandas categorical features are not used by hostfit")


def check_calibration(calibration: object) -> tuple[float, float]:
    """Return ``(a, b)`` if ``calibration`` is an object with finite numbers ``a`` and ``b``.

    Raises
    ------
    ValueError
        Not an object, ``a`` or ``b`` missing, not a number (``"abc"``, ``true``),
        NaN, infinite or beyond ±:data:`MAX_CALIBRATION`.
    """
    if not isinstance(calibration, dict):
        raise ValueError("'calibration' must be a JSON object with numbers 'a' and 'b'")
    values = []
    for key in ("a", "b"):
        value = calibration.get(key)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
                or abs(value) > MAX_CALIBRATION:
            raise ValueError(f"'calibration' {key!r} must be a finite number within ±{MAX_CALIBRATION:g}, "
                             f"got {str(value)[:40]!r}")
        values.append(float(value))
    return values[0], values[1]


def _rule(kind: type, low: float, high: float) -> Callable[[object], bool]:
    def ok(value: object) -> bool:
        if isinstance(value, bool) or not isinstance(value, (int, float) if kind is float else kind):
            return False
        return math.isfinite(value) and low <= value <= high
    return ok


def _monotone(value: object) -> bool:
    return value is None or (isinstance(value, dict) and len(value) <= MAX_FEATURES and all(
        isinstance(k, str) and v in (-1, 0, 1) and not isinstance(v, bool) for k, v in value.items()))


def _scalar(value: object) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    return value is None or isinstance(value, (bool, int)) or (isinstance(value, str) and len(value) <= 200)


def _plain(value: object) -> bool:
    """A JSON scalar, or a list / feature-keyed object of scalars (bounded, finite)."""
    if isinstance(value, dict):
        return len(value) <= MAX_FEATURES and all(isinstance(k, str) and _scalar(v) for k, v in value.items())
    if isinstance(value, list):
        return len(value) <= MAX_FEATURES and all(_scalar(v) for v in value)
    return _scalar(value)


def _weights(value: object) -> bool:
    """``None`` or feature name → finite number."""
    return value is None or (isinstance(value, dict) and len(value) <= MAX_FEATURES and all(
        isinstance(k, str) and isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)
        for k, v in value.items()))


#: Type and range of each ranker parameter stored in the metadata.
PARAM_RULES: dict[str, Callable[[object], bool]] = {
    "n_estimators": _rule(int, 1, MAX_TREES),
    "learning_rate": _rule(float, 1e-6, 1.0),
    "num_leaves": _rule(int, 2, MAX_LEAVES),
    "min_child_samples": _rule(int, 0, 10**7),
    "reg_lambda": _rule(float, 0.0, 1e6),
    "colsample_bytree": _rule(float, 1e-6, 1.0),
    "subsample": _rule(float, 1e-6, 1.0),
    "monotone": _monotone,
    "truncation_level": _rule(int, 1, 10**6),
    "random_state": _rule(int, 0, 2**31 - 1),
    "num_threads": _rule(int, 1, MAX_THREADS),
    "n_seeds": _rule(int, 1, 100),
    "prior": _weights,
}


def _default_rule(default: object) -> Callable[[object], bool]:
    """Same JSON type as the constructor default (for parameters added later); ``None`` → plain JSON."""
    if isinstance(default, bool):
        return lambda v: isinstance(v, bool)
    if isinstance(default, (int, float)):
        return _rule(type(default), -1e12, 1e12)
    if isinstance(default, str):
        return lambda v: isinstance(v, str) and len(v) <= 200
    return _plain


def check_params(params: object, constructor: Callable) -> dict:
    """Return ``params`` if it is exactly the constructor's parameters, typed and in range.

    Parameters
    ----------
    params : object
        The ``params`` value of the metadata JSON.
    constructor : callable
        The ranker class; its ``__init__`` signature lists the allowed keys.

    Raises
    ------
    ValueError
        Not an object, unknown or missing keys, or a value of the wrong type
        or out of range (the message names the keys).
    """
    if params is None:
        raise ValueError("'params' is missing")
    if not isinstance(params, dict):
        raise ValueError(f"'params' must be a JSON object, got {type(params).__name__}")
    signature = {name: p.default for name, p in inspect.signature(constructor).parameters.items()
                 if name != "self" and p.kind is p.POSITIONAL_OR_KEYWORD}
    unknown = sorted(set(params) - set(signature))
    missing = sorted(set(signature) - set(params))
    if unknown or missing:
        parts = ([f"unknown {', '.join(map(repr, unknown))[:200]}"] if unknown else []) + \
                ([f"missing {', '.join(map(repr, missing))}"] if missing else [])
        raise ValueError(f"'params' keys: {'; '.join(parts)}")
    bad = [name for name, value in params.items()
           if not PARAM_RULES.get(name, _default_rule(signature[name]))(value)]
    if bad:
        raise ValueError(f"'params' values of the wrong type or out of range: "
                         + ", ".join(f"{name}={str(params[name])[:40]}" for name in bad))
    return params
