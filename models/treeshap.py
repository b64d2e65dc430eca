"""Exact path-dependent Tree SHAP for small trees, as precomputed lookup tables.

LightGBM's ``pred_contrib`` computes, tree by tree, the Shapley values of the
path-dependent value function: ``v(S)`` is the tree's output when the features in
``S`` follow the row and every other split is averaged by the training counts
(covers) of its children. Walking every tree for every row that way costs about
20× a prediction on the shipped model.

For a small tree the work can be done once. Each internal node sends a row left or
right, and the tree's path-dependent Shapley values depend on the row only through
these decisions. A tree with ``K`` internal nodes (``K = leaves − 1``) has at most
``2**K`` decision patterns, so its SHAP values for every pattern fit in a table of
``2**K × (features used by the tree)`` numbers. At run time a row's SHAP vector is a
sum of table lookups keyed by its decision patterns, vectorised over rows with NumPy.

**Building a tree's table.** The tree's output is a sum over its leaves, and each
leaf (value ``v``) contributes a product game: along the leaf's path, feature ``j``
has a *cover fraction* ``z_j`` (the product of ``count(child on the path) /
count(node)`` over the path's splits on ``j``) and a *row indicator* ``o_j`` (1 when
the row takes the path's side at every split on ``j``, else 0), and
``v_leaf(S) = v · Π_{j∈S} o_j · Π_{j∉S} z_j``. The Shapley value of feature ``i`` in
that game is

``φ_i = v · (o_i − z_i) · Σ_k w(k) · [t^k] Π_{j≠i} (z_j + o_j t)``, with
``w(k) = k! (d − k − 1)! / d!`` over the ``d`` distinct features of the path,

computed with the polynomial's coefficients held as vectors over all decision
patterns (and all leaves of the same shape) at once. Summing over leaves gives the
tree's SHAP values; the tree's expected value is ``Σ_leaf v · count_leaf /
count_root``, as in LightGBM. The tests check the tables against an independent
brute-force enumeration of all feature subsets.

**Grouping trees.** Trees that share features are summed into one table keyed by
the union of their splits (at most ``group_bits`` distinct splits per group), so a
row needs one lookup per (group, feature) instead of one per (tree, feature): on the
shipped model 750 trees become about 200 groups and 2,108 lookups per row about 880.
SHAP values are additive over trees, so this changes nothing but the summation order.

**Decisions** follow LightGBM's numerical splits: ``x <= threshold`` goes left; a
missing value (NaN with ``missing_type`` NaN; NaN or 0 with Zero) goes to the
``default_left`` side; with ``missing_type`` None a NaN is treated as 0. As in
LightGBM's reading of dense rows, |x| ≤ :data:`ZERO_THRESHOLD` counts as 0.

**Fallback.** Trees with more than ``max_leaves`` leaves, categorical splits, linear
leaves or nodes without training rows are explained by LightGBM's ``pred_contrib``,
over runs of consecutive unsupported trees (``start_iteration`` / ``num_iteration``).
"""

from __future__ import annotations

from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from math import factorial

import lightgbm as lgb
import numpy as np

#: Largest tree (in leaves) explained by tables; 8 leaves → at most 128 patterns.
MAX_LEAVES = 8
#: Most distinct splits keyed by one group table (2**7 = 128 patterns).
GROUP_BITS = 7
#: LightGBM's ``kZeroThreshold`` (the float32 ``1e-35``): LightGBM reads a value with
#: |x| at or below it as 0.
ZERO_THRESHOLD = float(np.float32(1e-35))
#: Rows per vectorised batch (keeps the work arrays in cache).
BATCH_ROWS = 1024
_MISSING_CODES = {"None": 0, "Zero": 1, "NaN": 2}


@dataclass(frozen=True)
class Split:
    """One numerical split rule: ``feature``, ``threshold`` and its missing-value handling."""

    feature: int
    threshold: float
    default_left: bool
    missing: int  # 0 None, 1 Zero, 2 NaN (see _MISSING_CODES)


@dataclass
class TreeTable:
    """The SHAP table of one tree (or of a group of trees).

    Attributes
    ----------
    splits : list of Split
        Distinct splits in pattern-bit order: bit ``k`` of a pattern is 1 when split
        ``k`` sends the row left.
    features : list of int
        Distinct features, the columns of ``table``.
    table : ndarray, shape (2**len(splits), len(features))
        SHAP value of each feature for each decision pattern.
    expected : float
        Expected value (count-weighted mean of the leaves).
    """

    splits: list[Split]
    features: list[int]
    table: np.ndarray
    expected: float


class Unsupported(ValueError):
    """A tree the tables do not handle (it falls back to ``pred_contrib``)."""


@dataclass
class _Leaf:
    """One leaf of a parsed tree: its value and, per distinct path feature, z and the path's splits."""

    tree: int
    value: float
    features: list[int]
    zero: list[float]
    steps: list[list[tuple[int, bool]]] = field(default_factory=list)  # per feature: (bit, goes left)


def _is_leaf(node: dict) -> bool:
    return "split_index" not in node


def _count(node: dict) -> float:
    return float(node["leaf_count"] if _is_leaf(node) else node["internal_count"])


def _check_supported(tree: dict, max_leaves: int) -> None:
    """Raise :class:`Unsupported` for a tree the tables cannot explain exactly."""
    if tree["num_leaves"] > max_leaves:
        raise Unsupported(f"{tree['num_leaves']} leaves > {max_leaves}")
    if tree.get("num_cat", 0) or tree.get("is_linear", False):
        raise Unsupported("categorical splits or linear leaves")
    stack = [tree["tree_structure"]]
    while stack:
        node = stack.pop()
        if _is_leaf(node):
            if "leaf_coeff" in node or "leaf_features" in node:
                raise Unsupported("linear leaves")
            continue
        if node["decision_type"] != "<=":
            raise Unsupported(f"decision type {node['decision_type']!r}")
        if node.get("missing_type", "None") not in _MISSING_CODES:
            raise Unsupported(f"missing type {node['missing_type']!r}")
        if _count(node) <= 0:
            raise Unsupported("node without training rows")
        stack.extend((node["left_child"], node["right_child"]))


def _parse(tree: dict, index: int) -> tuple[list[Split], list[_Leaf], float]:
    """Splits (pre-order = pattern bits), leaves and expected value of one supported tree."""
    root = tree["tree_structure"]
    splits: list[Split] = []
    leaves: list[_Leaf] = []
    total = _count(root)
    expected = 0.0
    # (node, path as (bit, goes left, fraction) per split)
    stack: list[tuple[dict, list[tuple[int, bool, float]]]] = [(root, [])]
    while stack:
        node, path = stack.pop()
        if _is_leaf(node):
            value = float(node["leaf_value"])
            expected += value * (_count(node) / total if path else 1.0)
            leaf = _Leaf(index, value, [], [])
            for bit, left, fraction in path:
                feature = splits[bit].feature
                if feature not in leaf.features:
                    leaf.features.append(feature)
                    leaf.zero.append(1.0)
                    leaf.steps.append([])
                j = leaf.features.index(feature)
                leaf.zero[j] *= fraction
                leaf.steps[j].append((bit, left))
            leaves.append(leaf)
            continue
        bit = len(splits)
        splits.append(Split(int(node["split_feature"]), float(node["threshold"]), bool(node["default_left"]),
                            _MISSING_CODES[node.get("missing_type", "None")]))
        parent = _count(node)
        stack.append((node["right_child"], [*path, (bit, False, _count(node["right_child"]) / parent)]))
        stack.append((node["left_child"], [*path, (bit, True, _count(node["left_child"]) / parent)]))
    return splits, leaves, expected


def _shapley_weights(d: int) -> np.ndarray:
    """``w(k) = k! (d − k − 1)! / d!`` for k = 0 … d − 1."""
    return np.array([factorial(k) * factorial(d - k - 1) / factorial(d) for k in range(d)])


def leaf_shapley(value: np.ndarray, zero: np.ndarray, one: np.ndarray) -> np.ndarray:
    """Shapley values of leaf product games, for many leaves and decision patterns at once.

    Parameters
    ----------
    value : ndarray, shape (m,)
        Leaf values ``v``.
    zero : ndarray, shape (m, d)
        Cover fraction ``z_j`` of each distinct path feature.
    one : ndarray, shape (m, d, P)
        Row indicator ``o_j`` (0/1) of each path feature for each of ``P`` patterns.

    Returns
    -------
    ndarray, shape (m, d, P)
        ``φ_i`` per leaf, feature and pattern; ``Σ_i φ_i = v · (Π_j o_j − Π_j z_j)``.
    """
    m, d, n_patterns = one.shape
    weights = _shapley_weights(d)
    phi = np.empty((m, d, n_patterns))
    for i in range(d):
        coeffs = np.zeros((d, m, n_patterns))  # coefficients of Π_{j≠i} (z_j + o_j t), by degree
        coeffs[0] = 1.0
        degree = 0
        for j in range(d):
            if j == i:
                continue
            shifted = coeffs[:degree + 1] * one[None, :, j]
            coeffs *= zero[None, :, j, None]
            coeffs[1:degree + 2] += shifted
            degree += 1
        phi[:, i] = value[:, None] * (one[:, i] - zero[:, i, None]) * np.tensordot(weights, coeffs, axes=1)
    return phi


def tree_tables(trees: list[dict], max_leaves: int = MAX_LEAVES) -> tuple[dict[int, TreeTable], list[int]]:
    """SHAP tables of every supported tree of ``Booster.dump_model()["tree_info"]``.

    Returns
    -------
    tables : dict
        Tree index → :class:`TreeTable`.
    unsupported : list of int
        Indices of trees left to ``pred_contrib`` (too many leaves, categorical or
        linear, or a node without training rows).
    """
    parsed: dict[int, tuple[list[Split], list[_Leaf], float]] = {}
    unsupported = []
    for index, tree in enumerate(trees):
        try:
            _check_supported(tree, max_leaves)
        except Unsupported:
            unsupported.append(index)
            continue
        parsed[index] = _parse(tree, index)
    tables = {}
    for index, (splits, _, expected) in parsed.items():
        features = sorted({s.feature for s in splits})
        tables[index] = TreeTable(splits, features, np.zeros((2 ** len(splits), len(features))), expected)
    # Leaves of the same shape (distinct features d, pattern count P) are computed together.
    shapes: dict[tuple[int, int], list[_Leaf]] = defaultdict(list)
    for splits, leaves, _ in parsed.values():
        for leaf in leaves:
            if leaf.features:
                shapes[(len(leaf.features), 2 ** len(splits))].append(leaf)
    for (d, n_patterns), leaves in shapes.items():
        bits = np.arange(n_patterns)
        one = np.ones((len(leaves), d, n_patterns))
        for m, leaf in enumerate(leaves):
            for j, steps in enumerate(leaf.steps):
                for bit, left in steps:
                    one[m, j] *= ((bits >> bit) & 1) == int(left)
        value = np.array([leaf.value for leaf in leaves])
        zero = np.array([leaf.zero for leaf in leaves])
        phi = leaf_shapley(value, zero, one)
        for m, leaf in enumerate(leaves):
            table = tables[leaf.tree]
            for j, feature in enumerate(leaf.features):
                table.table[:, table.features.index(feature)] += phi[m, j]
    return tables, unsupported


def group_tables(tables: list[TreeTable], group_bits: int = GROUP_BITS) -> list[TreeTable]:
    """Sum trees that share features into group tables keyed by the union of their splits.

    Greedy: trees with the most features first; a tree joins the open group that
    shares at least two of its features (all of them if it has fewer), adds the
    fewest new features and keeps the group within ``group_bits`` distinct splits.
    ``group_bits = 0`` keeps one table per tree. Single-leaf trees (no splits) are
    summed into one constant table.
    """
    members: list[list[TreeTable]] = []
    group_features: list[set[int]] = []
    group_splits: list[set[Split]] = []
    by_feature: dict[int, list[int]] = defaultdict(list)
    constant = 0.0
    for tree in sorted(tables, key=lambda t: -len(t.features)):
        if not tree.splits:
            constant += tree.expected
            continue
        features, splits = set(tree.features), set(tree.splits)
        best = None
        candidates = {g for f in features for g in by_feature[f]}
        for g in sorted(candidates):
            n_bits = len(group_splits[g] | splits)
            if n_bits > group_bits or len(features & group_features[g]) < min(2, len(features)):
                continue
            score = (len(features - group_features[g]), n_bits, g)
            best = score if best is None or score < best else best
        if best is None:
            g = len(members)
            members.append([])
            group_features.append(set())
            group_splits.append(set())
        else:
            g = best[2]
        members[g].append(tree)
        for f in features - group_features[g]:
            by_feature[f].append(g)
        group_features[g] |= features
        group_splits[g] |= splits
    groups = [_sum_tables(trees) for trees in members]
    if constant:
        groups.append(TreeTable([], [], np.zeros((1, 0)), constant))
    return groups


def _sum_tables(trees: list[TreeTable]) -> TreeTable:
    """One table over the union of the trees' splits and features."""
    if len(trees) == 1:
        return trees[0]
    splits = sorted({s for t in trees for s in t.splits}, key=lambda s: (s.feature, s.threshold, s.missing,
                                                                        s.default_left))
    features = sorted({f for t in trees for f in t.features})
    bit = {s: k for k, s in enumerate(splits)}
    column = {f: c for c, f in enumerate(features)}
    patterns = np.arange(2 ** len(splits))
    table = np.zeros((len(patterns), len(features)))
    for tree in trees:
        own = np.zeros(len(patterns), dtype=np.intp)  # the tree's own pattern of each group pattern
        for k, split in enumerate(tree.splits):
            own |= ((patterns >> bit[split]) & 1) << k
        table[:, [column[f] for f in tree.features]] += tree.table[own]
    return TreeTable(splits, features, table, sum(t.expected for t in trees))


class TreeShapTables:
    """Exact path-dependent Tree SHAP of a LightGBM booster by table lookup.

    Build with :meth:`from_booster`; :meth:`shap_values` returns what
    ``booster.predict(X, pred_contrib=True)`` returns (rows × features, then the
    expected value) for single-output models.

    Parameters
    ----------
    booster : lightgbm.Booster
        The model (used for the fallback trees).
    tables : list of TreeTable
        Tables of the supported trees (or of groups of them).
    fallback : list of int
        Indices of the trees explained by ``pred_contrib``.
    n_features : int
        Model features (columns of ``X``).

    Attributes
    ----------
    expected_value : float
        Sum of the tables' expected values (fallback trees add theirs at run time).
    fallback_runs : list of (int, int)
        ``(first tree, number of trees)`` runs explained by ``pred_contrib``.
    """

    def __init__(self, booster: lgb.Booster, tables: list[TreeTable], fallback: list[int],
                 n_features: int) -> None:
        self.booster = booster
        self.n_features = n_features
        self.n_tables = len(tables)
        self.expected_value = float(sum(t.expected for t in tables))
        self.fallback_runs = _runs(sorted(fallback))
        self._compile([t for t in tables if t.splits])

    @classmethod
    def from_booster(cls, booster: lgb.Booster, max_leaves: int = MAX_LEAVES,
                     group_bits: int = GROUP_BITS) -> "TreeShapTables":
        """Tables for every supported tree of ``booster``; the rest fall back to ``pred_contrib``.

        Parameters
        ----------
        booster : lightgbm.Booster
            A single-output model (regression, binary, ranking).
        max_leaves : int
            Trees with more leaves fall back (a tree's table has ``2**(leaves − 1)`` rows).
        group_bits : int
            Most distinct splits per group table (:func:`group_tables`); 0 = one table per tree.

        Raises
        ------
        ValueError
            ``max_leaves`` outside 1–12, ``group_bits`` outside 0–10, a multi-class or a
            random-forest (averaged) model.
        """
        if not 1 <= max_leaves <= 12:
            raise ValueError(f"max_leaves must be in 1–12, got {max_leaves}")
        if not 0 <= group_bits <= 10:
            raise ValueError(f"group_bits must be in 0–10, got {group_bits}")
        model = booster.dump_model()
        if model.get("num_tree_per_iteration", 1) != 1 or model.get("num_class", 1) != 1:
            raise ValueError("only single-output models are supported")
        if model.get("average_output", False):
            raise ValueError("random-forest (averaged) models are not supported")
        tables, fallback = tree_tables(model["tree_info"], max_leaves)
        groups = group_tables(list(tables.values()), group_bits)
        return cls(booster, groups, fallback, int(model["max_feature_idx"]) + 1)

    def _compile(self, tables: list[TreeTable]) -> None:
        """Flatten the tables into arrays for vectorised lookups."""
        unique: dict[Split, int] = {}
        for t in tables:
            for s in t.splits:
                unique.setdefault(s, len(unique))
        splits = list(unique)
        self._feature = np.array([s.feature for s in splits], dtype=np.intp)
        self._threshold = np.array([s.threshold for s in splits], dtype=float)
        missing = np.array([s.missing for s in splits], dtype=int)
        default_left = np.array([s.default_left for s in splits], dtype=bool)
        # Where NaN goes: None → as 0.0; Zero and NaN → the default side.
        nan_left = np.where(missing == 0, 0.0 <= self._threshold, default_left)
        self._nan_left = np.flatnonzero(nan_left)
        self._zero_split = np.flatnonzero(missing == 1)
        self._zero_left = default_left[self._zero_split].astype(np.uint8)[:, None]
        width = max((len(t.splits) for t in tables), default=0)
        self._pattern_dtype = np.uint8 if width <= 8 else np.uint16
        self._node = np.full((len(tables), width), len(splits), dtype=np.intp)  # padding: an all-zero row
        for i, t in enumerate(tables):
            self._node[i, :len(t.splits)] = [unique[s] for s in t.splits]
        # One slot per (table, feature), sorted by feature so that each feature's sum is a row block.
        slots = sorted((f, i, c) for i, t in enumerate(tables) for c, f in enumerate(t.features))
        offsets = np.cumsum([0] + [t.table.size for t in tables])
        self._flat = np.concatenate([t.table.T.ravel() for t in tables]) if tables else np.zeros(0)
        self._slot_table = np.array([i for _, i, _ in slots], dtype=np.intp)
        self._slot_base = np.array([offsets[i] + c * tables[i].table.shape[0] for _, i, c in slots],
                                   dtype=np.intp)[:, None]
        features = np.array([f for f, _, _ in slots], dtype=np.intp)
        self._used, starts = np.unique(features, return_index=True)
        self._blocks = list(zip(starts.tolist(), [*starts[1:].tolist(), len(slots)]))
        self.n_lookups = len(slots)

    def _decisions(self, Xt: np.ndarray) -> np.ndarray:
        """``goes left`` (0/1, uint8) per unique split and column of ``Xt``, plus an all-zero last row."""
        tiny = np.abs(Xt) <= ZERO_THRESHOLD
        if tiny.any():
            Xt = np.where(tiny, 0.0, Xt)
        values = Xt[self._feature]
        left = np.empty((len(self._feature) + 1, Xt.shape[1]), dtype=np.uint8)
        np.less_equal(values, self._threshold[:, None], out=left[:-1].view(bool))
        left[-1] = 0
        nan = np.isnan(Xt)
        if len(self._nan_left) and nan.any():
            left[self._nan_left] |= nan[self._feature[self._nan_left]]
        if len(self._zero_split):
            idx = self._zero_split
            missing = (values[idx] == 0.0) | nan[self._feature[idx]]
            left[idx] = np.where(missing, self._zero_left, left[idx])
        return left

    def _batch(self, Xt: np.ndarray, out: np.ndarray) -> None:
        """SHAP values of the columns of ``Xt`` (features × rows) into ``out`` (rows × features)."""
        left = self._decisions(Xt)
        pattern = left[self._node[:, 0]].astype(self._pattern_dtype)
        for k in range(1, self._node.shape[1]):
            pattern |= left[self._node[:, k]].astype(self._pattern_dtype) << k
        index = np.add(pattern[self._slot_table], self._slot_base, dtype=np.intp)
        values = self._flat[index]
        for column, (start, stop) in zip(self._used, self._blocks):
            out[:, column] = values[start:stop].sum(axis=0)

    def shap_values(self, X: np.ndarray, batch_rows: int = BATCH_ROWS, n_threads: int = 1) -> np.ndarray:
        """Path-dependent Tree SHAP values, like ``booster.predict(X, pred_contrib=True)``.

        Parameters
        ----------
        X : array-like, shape (n, n_features)
            Feature rows (NaN = missing).
        batch_rows : int
            Rows per vectorised batch.
        n_threads : int
            Threads sharing the batches (NumPy releases the GIL inside each step).

        Returns
        -------
        ndarray, shape (n, n_features + 1)
            Per-feature contributions and, last, the expected value; each row sums to
            the raw prediction.
        """
        X = np.asarray(X, dtype=float)
        if X.ndim != 2 or X.shape[1] != self.n_features:
            raise ValueError(f"X must have shape (n, {self.n_features}), got {X.shape}")
        out = np.zeros((len(X), self.n_features + 1))
        if self.n_lookups and len(X):
            def run(first: int) -> None:
                stop = min(first + batch_rows, len(X))
                self._batch(np.ascontiguousarray(X[first:stop].T), out[first:stop])

            starts = range(0, len(X), batch_rows)
            if n_threads > 1 and len(starts) > 1:
                with ThreadPoolExecutor(max_workers=n_threads) as pool:
                    list(pool.map(run, starts))
            else:
                for first in starts:
                    run(first)
        out[:, -1] = self.expected_value
        for start, count in self.fallback_runs:
            out += self.booster.predict(X, pred_contrib=True, start_iteration=start, num_iteration=count,
                                        num_threads=max(n_threads, 1))
        return out


def _runs(indices: list[int]) -> list[tuple[int, int]]:
    """Consecutive runs ``(first, length)`` of sorted tree indices."""
    runs: list[tuple[int, int]] = []
    for i in indices:
        if runs and runs[-1][0] + runs[-1][1] == i:
            runs[-1] = (runs[-1][0], runs[-1][1] + 1)
        else:
            runs.append((i, 1))
    return runs
