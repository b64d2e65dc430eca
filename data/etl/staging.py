"""All-or-nothing replacement of a folder: lock, stage, swap, clean up, survive signals.

``hostfit data build`` writes every table and the manifest into a staging folder
next to the target (``data/.curated.staging-XXXX``), verifies it, and then swaps
it with the target in one step: on Linux ``renameat2(RENAME_EXCHANGE)``
exchanges the two folders atomically, so a reader sees either the complete old
set of tables and manifest or the complete new one, never a mix. Elsewhere two
renames are used (the target is briefly absent, which readers report as a
missing table, never as a mix; an interrupted swap is rolled back on the next
build). The folder that comes out of the swap — the old tables — is deleted.

A lock on the parent folder keeps two builds apart, and only the lock holder
deletes stale staging folders left by a build that was killed (``SIGKILL``,
power loss). :func:`signals_raise` turns SIGINT/SIGTERM into
:class:`BuildInterrupted` while a build runs, so ``finally`` blocks remove the
staging folder and the committed tables stay untouched.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class BuildInterrupted(KeyboardInterrupt):
    """SIGINT or SIGTERM arrived during a build.

    A ``KeyboardInterrupt`` subclass, so ``except Exception`` in ETL code does
    not swallow it. ``committed`` says whether the new tables were already in
    place when the signal was handled.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum
        self.committed = False

    @property
    def name(self) -> str:
        """``SIGINT`` or ``SIGTERM``."""
        return signal.Signals(self.signum).name


def staging_prefix(target: Path) -> str:
    """Name prefix of staging folders for ``target`` (they live in its parent)."""
    return f".{target.name}.staging-"


def _old_prefix(target: Path) -> str:
    return f".{target.name}.old-"


@contextlib.contextmanager
def folder_lock(target: Path) -> Iterator[None]:
    """Hold an exclusive ``flock`` on ``target``'s parent folder (no lock file is left behind).

    Raises
    ------
    BlockingIOError
        Another process holds the lock (a build is running).
    """
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock, builds must not overlap
        yield
        return
    handle = os.open(target.parent, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        yield
    finally:
        os.close(handle)  # closing releases the lock


def recover_and_clean(target: Path) -> list[Path]:
    """Roll back a half-done two-rename swap and delete stale staging folders; return what was removed.

    Call only while holding :func:`folder_lock`. Removes ``target/.staging-*``
    (left by earlier versions, which staged inside the target) and
    ``.<target>.staging-*`` / ``.<target>.old-*`` beside it.
    """
    parent = target.parent
    olds = sorted(parent.glob(_old_prefix(target) + "*"))
    if not target.exists() and olds:
        olds[-1].rename(target)
        olds = olds[:-1]
    stale = [*parent.glob(staging_prefix(target) + "*"), *olds]
    if target.is_dir():
        stale += target.glob(".staging-*")
    for path in stale:
        shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)
    return stale


def make_staging(target: Path) -> Path:
    """A new empty staging folder beside ``target`` with ``target``'s permissions.

    Raises
    ------
    OSError
        The parent folder is not writable.
    """
    staging = Path(tempfile.mkdtemp(prefix=staging_prefix(target), dir=target.parent))
    if target.is_dir():
        mode = target.stat().st_mode & 0o7777
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o777 & ~umask
    staging.chmod(mode)
    return staging


def _exchange(first: Path, second: Path) -> bool:
    """Atomically exchange two paths with ``renameat2``; ``False`` if the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(first))


def swap_in(staging: Path, target: Path) -> None:
    """Put ``staging`` at ``target``; the previous content, if any, ends up at ``staging`` (to be deleted).

    Raises
    ------
    OSError
        The swap failed; ``target`` is unchanged.
    """
    if not target.exists():
        staging.rename(target)  # nothing to keep: ``staging`` no longer exists
        return
    if _exchange(staging, target):
        return
    old = Path(tempfile.mkdtemp(prefix=_old_prefix(target), dir=target.parent))
    old.rmdir()
    target.rename(old)
    try:
        staging.rename(target)
    except OSError:
        old.rename(target)
        raise
    old.rename(staging)


@contextlib.contextmanager
def signals_raise() -> Iterator[None]:
    """Raise :class:`BuildInterrupted` on SIGINT/SIGTERM inside the block (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum, frame):  # noqa: ARG001 - signal handler signature
        raise BuildInterrupted(signum)

    previous = {sig: signal.signal(sig, handler) for sig in _SIGNALS}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


@contextlib.contextmanager
def signals_deferred() -> Iterator[None]:
    """Hold SIGINT/SIGTERM back for a short critical section (delivered when it ends)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _SIGNALS)
