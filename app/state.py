"""Session and URL state shared by the pages.

The language and the main selections (region, industry, as-of year, origin, the
industry to explain) live in the URL query string (``?lang=en&region=520000``), so a
link reproduces the view. Widgets are keyed by language, so switching language builds
them anew with labels in the new language while keeping the selection; a selection
that does not exist among the new options falls back to the default.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Sequence

import streamlit as st

from app.i18n import t

UPLOAD_CODE = 990000
LANGS = ("zh", "en")
PAGE_KEY = "_current_page"


def lang() -> str:
    """Current UI language (the ``lang`` query parameter; 'zh' by default)."""
    value = st.query_params.get("lang", "zh")
    return value if value in LANGS else "zh"


def set_lang(value: str) -> None:
    """Switch the UI language (stored in the URL)."""
    st.query_params["lang"] = value if value in LANGS else "zh"


def widget_key(name: str) -> str:
    """Widget key of a URL-backed selection in the current language."""
    return name if lang() == "zh" else f"{name}.{lang()}"


def url_value(name: str, options: Sequence, default=None):
    """The URL's value of ``name`` if it is one of ``options`` (compared as text), else ``default``
    (or the first option)."""
    lookup = {str(o): o for o in options}
    fallback = default if default in options else (options[0] if options else None)
    return lookup.get(st.query_params.get(name), fallback)


def choose(name: str, label: str, options: Sequence, default=None,
           format_func: Callable = str, widget: Callable = st.selectbox):
    """A select widget whose value is kept in the URL as ``name``.

    Parameters
    ----------
    name : str
        Query parameter (and widget key stem).
    label : str
        Widget label (already localised).
    options : sequence
        Choices; a URL value not among them is replaced by ``default``.
    default : optional
        Initial choice when neither the URL nor an earlier pick of ``name`` (on any page) gives
        one (default: the first option).
    format_func : callable
        Display text of an option.
    widget : callable
        ``st.selectbox`` (default) or another widget taking ``index`` (``st.radio``).
    """
    options = list(options)
    remembered = st.session_state.get(f"_pick.{name}")
    value = url_value(name, options, remembered if remembered in options else default)
    key = widget_key(name)
    owner = f"_page.{key}"
    if key in st.session_state and (st.session_state[key] not in options
                                    or st.session_state.get(owner) != st.session_state.get(PAGE_KEY)):
        del st.session_state[key]  # the options changed under it, or another page's widget left it
    if key not in st.session_state:
        st.session_state[key] = value
    st.session_state[owner] = st.session_state.get(PAGE_KEY)
    extra = {"placeholder": t("choose", lang())} if widget is st.selectbox else {}
    picked = widget(label, options, key=key, format_func=format_func, **extra)
    st.session_state[f"_pick.{name}"] = picked
    if st.query_params.get(name) != str(picked):
        st.query_params[name] = str(picked)
    return picked


def enter_page(url_path: str) -> None:
    """Record the page about to run, so a selection made on one page (the region on the region view)
    is carried to the next instead of Streamlit resetting a widget it no longer owns."""
    st.session_state[PAGE_KEY] = url_path


def reset_on_change(anchor: str, value, names: Sequence[str]) -> None:
    """Forget the selections ``names`` (widgets and URL) when ``anchor``'s value changed since the
    last run, so picks made for another region never carry over."""
    seen = f"_last_{anchor}"
    if seen in st.session_state and st.session_state[seen] != value:
        for name in names:
            for code in LANGS:
                st.session_state.pop(name if code == "zh" else f"{name}.{code}", None)
            st.session_state.pop(f"_pick.{name}", None)
            if name in st.query_params:
                del st.query_params[name]
    st.session_state[seen] = value


@st.cache_resource(show_spinner=False)
def scorer():
    """The shipped model and inputs (one per server process).

    Everything loaded so far is moved out of the garbage collector's way
    (``gc.freeze``): Streamlit runs a full collection after every script run, which
    otherwise walks the model, the input arrays and the SHAP tables each time
    (about 0.3 s of CPU per rerun, for every session on the server).
    """
    from models.api import load_scorer

    loaded = load_scorer()
    loaded.board().recommend(loaded.region_code("510000"))  # build the shipped board's tables now
    gc.collect()
    gc.freeze()
    return loaded


def base_inputs():
    """The shipped input arrays (immutable; edits make copies)."""
    return scorer().arrays


def session_inputs():
    """Input arrays of this session: the shipped ones plus an uploaded region, if any."""
    return st.session_state.get("byo_inputs") or base_inputs()


def board(as_of: int | None = None, arrays=None):
    """The board of (arrays, as-of) — the one door to scores, ranks, crowding and reasons."""
    return scorer().board(as_of, arrays)


def region_options(arrays) -> list[int]:
    """Region codes to offer, uploaded region first."""
    codes = [int(r) for r in arrays.regions]
    return sorted(codes, key=lambda c: (c != UPLOAD_CODE, c))


def year_options(arrays) -> list[int]:
    """As-of years: IO benchmark years and the latest year, newest first."""
    return sorted(set(arrays.io_years) | {arrays.latest_year}, reverse=True)
