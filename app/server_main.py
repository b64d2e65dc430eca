"""The server process of ``hostfit app``: warm the caches, then run Streamlit.

Run as ``python -m app.server_main run <script> [streamlit options]`` (the arguments of
``streamlit run``); :mod:`app.serve` starts it. The caches are warmed
(:func:`app.warmup.warm_caches`) before Streamlit starts listening, so ``/_stcore/health``
answering means ready: the first page finds the model, data, board and reports built
instead of building them while the first visitor waits.
"""

from __future__ import annotations

import sys


def main() -> None:
    """Warm the caches, then hand the command line to Streamlit's CLI."""
    from app.warmup import warm_caches

    print("hostfit: loading the model and data … / 正在加载模型和数据 …", file=sys.stderr, flush=True)
    seconds = warm_caches(log=lambda text: print(text, file=sys.stderr, flush=True))
    print(f"hostfit: ready after {seconds:.1f} s / 已就绪", file=sys.stderr, flush=True)
    from streamlit.web import cli

    cli.main(prog_name="streamlit")


if __name__ == "__main__":
    main()
