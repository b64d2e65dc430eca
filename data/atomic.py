"""Write a file all at once: a fresh temporary file beside it, then ``os.replace``.

The temporary file is created with :func:`tempfile.mkstemp` (an unpredictable
name, ``O_EXCL``, mode 0600), so a symlink planted at a predictable name such as
``.report.pdf.tmp`` is never followed. A symlink already at the target is
replaced, not written through; a failure removes the temporary file and leaves
the previous file untouched. Every writer of output files (reports, model
artifacts, precomputed answers, evaluation and model cards) uses
:func:`write_atomic`.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

#: Characters of the target's name kept in the temporary file's prefix.
_PREFIX_CHARS = 40


def write_atomic(path: Path, content: bytes | str) -> None:
    """Write ``content`` (text is UTF-8 with ``\\n`` line ends) to ``path`` atomically.

    Parameters
    ----------
    path : Path
        The target file; its folder must exist.
    content : bytes or str
        What the file holds afterwards.

    Raises
    ------
    OSError
        The folder cannot be written, or the name is not valid there
        (e.g. ``ENAMETOOLONG``); nothing is left behind.
    """
    path = Path(path)
    data = content.encode("utf-8") if isinstance(content, str) else bytes(content)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name[:_PREFIX_CHARS]}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
