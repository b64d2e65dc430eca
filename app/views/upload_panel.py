"""Bring-your-own region: upload, validate, add to this session's inputs.

Every message shown here may repeat what the user uploaded (field names, units,
values), so it is escaped for Markdown first (:func:`app.text_safety.escape_markdown`):
a field named ``![t](http://host/x.png)`` is shown as text, never fetched.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app.i18n import t
from app.state import UPLOAD_CODE, base_inputs, lang, session_inputs
from app.text_safety import escape_markdown
from app.upload import MAX_UPLOAD_MB, UploadError, check_size, limits_text, parse_region_csv, template_csv
from models.api import EDITABLE_ATTRIBUTES, add_region, attribute_value

#: File types offered by the widget; the parser recognises XLSX by content, not by name.
UPLOAD_TYPES = ["csv", "txt", "xlsx"]
#: Streamlit writes its uploader's button ("Upload") and size line ("2MB per file • CSV, TXT, XLSX") in English
#: only. In the Chinese UI this style hides both and names the button in Chinese; the widget's label states the
#: formats and the size limit in Chinese instead.
_ZH_UPLOADER_STYLE = """<style>
[data-testid="stFileUploaderDropzoneInstructions"] {{display: none;}}
[data-testid="stFileUploaderDropzone"] button > * {{display: none;}}
[data-testid="stFileUploaderDropzone"] button::after {{content: "{button}";}}
</style>"""


def region_template(arrays, region: int) -> bytes:
    """The upload template filled with ``region``'s latest outputs and attributes in ``arrays``."""
    year = arrays.latest_year
    outputs = pd.Series(arrays.output(max(arrays.io_years))[arrays.position[region]], index=arrays.industries)
    attributes = {k: attribute_value(arrays, region, k, year) for k in EDITABLE_ATTRIBUTES}
    return template_csv(outputs, attributes)


@st.cache_data(show_spinner=False, max_entries=64)
def _official_template(region: int) -> bytes:
    """The template of a shipped region (cached: the same for every session)."""
    return region_template(base_inputs(), region)


def _template(region: int) -> bytes:
    """The template of the selected region; an uploaded region's own values are this session's, never cached."""
    if region in base_inputs().position:
        return _official_template(region)
    return region_template(session_inputs(), region)


@st.fragment
def upload_panel(region: int) -> None:
    """Expander with the template download (filled with ``region``'s values) and the upload; sets
    ``byo_inputs`` in the session.

    A fragment: an upload re-runs only this panel (a refused file costs its parse, not a
    redraw of the whole page for every session sharing the server); an accepted new file
    re-runs the app once so the region lists include it.
    """
    lg = lang()
    with st.expander(t("upload", lg)):
        st.caption(t("upload_help", lg))
        st.caption(escape_markdown(limits_text(lg)))
        st.download_button(t("template", lg), _template(region), file_name=f"hostfit_region_template_{region}.csv",
                           mime="text/csv", key="byo_template")
        if lg == "zh":
            st.html(_ZH_UPLOADER_STYLE.format(button=t("upload_button", lg)))
        uploaded = st.file_uploader(t("upload_limit", lg).format(mb=MAX_UPLOAD_MB), type=UPLOAD_TYPES,
                                    key="byo_file", max_upload_size=MAX_UPLOAD_MB)
        if uploaded is not None and handle_upload(uploaded.size, uploaded.getvalue) \
                and st.session_state.get("byo_file_id") != uploaded.file_id:
            st.session_state["byo_file_id"] = uploaded.file_id
            st.rerun(scope="app")


def handle_upload(size: int, read) -> bool:
    """Validate an upload of ``size`` bytes (``read()`` returns them) and add the region.

    The size is checked before the content is read, so a huge file is never loaded.
    Errors and warnings are shown with Markdown escaped. Returns whether the region
    was added.
    """
    lg = lang()
    try:
        check_size(size)
        parsed = parse_region_csv(read())
    except UploadError as exc:
        st.error(escape_markdown(exc))
        return False
    base = base_inputs()
    arrays, notes = add_region(base, UPLOAD_CODE, t("uploaded_region", "zh"), t("uploaded_region", "en"), "West",
                               parsed.outputs, parsed.attributes, base.latest_year, parsed.flags)
    st.session_state["byo_inputs"] = arrays
    for warning in parsed.warnings:
        st.warning(escape_markdown(warning))
    for note in notes:
        st.warning(escape_markdown(note.message(lg)))
    st.success(("已加入自定义地区，可在地区列表中选择 " if lg == "zh" else "Added; pick it in the region list: ")
               + f"{t('uploaded_region', lg)} · {UPLOAD_CODE}")
    return True
