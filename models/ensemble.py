"""Seed averaging as one LightGBM model: the trees of several boosters, leaf values scaled.

Averaging the predictions of ``n`` boosters equals predicting with one booster that
holds all their trees with every leaf (and internal) value divided by ``n``. Keeping
the average as a single LightGBM text model means one file, one ``predict``, and
exact Tree SHAP of the average (SHAP values are linear in the trees).
"""

from __future__ import annotations

import re

_TREE = re.compile(r"^Tree=\d+$", re.MULTILINE)
_SCALED = ("leaf_value=", "internal_value=")


def _split(text: str) -> tuple[str, list[str], str]:
    """Header, tree blocks and the trailer (from ``end of trees``) of a model text."""
    end = text.index("end of trees")
    starts = [m.start() for m in _TREE.finditer(text, 0, end)]
    if not starts:
        raise ValueError("model text has no trees")
    header = text[:starts[0]]
    blocks = [text[a:b] for a, b in zip(starts, starts[1:] + [end])]
    return header, blocks, text[end:]


def _scale_block(block: str, factor: float, index: int) -> str:
    lines = []
    for line in block.splitlines():
        if line.startswith("Tree="):
            line = f"Tree={index}"
        elif line.startswith(_SCALED):
            key, values = line.split("=", 1)
            line = key + "=" + " ".join(repr(float(v) * factor) for v in values.split())
        lines.append(line)
    return "\n".join(lines).rstrip("\n") + "\n\n\n"


def merge_models(texts: list[str]) -> str:
    """One LightGBM model text whose prediction is the mean of the ``texts`` models' predictions.

    Parameters
    ----------
    texts : list of str
        ``Booster.model_to_string()`` of boosters trained on the same features.

    Returns
    -------
    str
        A model text loadable with ``lightgbm.Booster(model_str=...)``. Feature
        importances of the inputs are dropped; the parameters of the first are kept.

    Raises
    ------
    ValueError
        No models, or models over different features.
    """
    if not texts:
        raise ValueError("no models to merge")
    parts = [_split(text) for text in texts]
    features = {re.search(r"^feature_names=.*$", header, re.MULTILINE).group(0) for header, _, _ in parts}
    if len(features) != 1:
        raise ValueError("models to merge have different features")
    factor = 1.0 / len(texts)
    blocks = [block for _, model_blocks, _ in parts for block in model_blocks]
    trees = [_scale_block(block, factor, i) for i, block in enumerate(blocks)]
    header = re.sub(r"^tree_sizes=.*\n", "", parts[0][0], flags=re.MULTILINE)
    sizes = "tree_sizes=" + " ".join(str(len(tree.encode())) for tree in trees) + "\n"
    header = header.rstrip("\n") + "\n" + sizes + "\n"
    trailer = parts[0][2]
    parameters = trailer.find("parameters:")
    trailer = "end of trees\n\n" + (trailer[parameters:] if parameters >= 0 else "")
    return header + "".join(trees) + trailer
