"""Publishing: a folder of output files is replaced as a set, in one step.

A build writes every file into a private staging folder beside the target
(``output/.staging-<pid>-<id>/``), then switches the two with one
``renameat2(RENAME_EXCHANGE)``: a reader, a subscriber's link or a crash sees
the week's folder entirely old or entirely new, never a mix. Files that sit
beside the folder (``output/index.html``) are written before the switch and
renamed into place right after it. Where the exchange is not available the
old folder is first renamed aside, and a crash between the two renames is
undone by the next run.

Each build holds a lock (``.staging-<pid>-<id>.lock``, flock, released by the
OS however the process ends) for as long as its staging files exist. The next
run removes the staging files of builds that hold no lock any more, and never
those of a build still running.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import secrets
import shutil
from collections.abc import Callable
from pathlib import Path

from .errors import OutputError

PREFIX = ".staging-"
LOCK = ".lock"
OLD = ".old"  # the previous folder, while the exchange is done as two renames
TEMP = ".tmp-"  # files to be renamed beside the target: <base>.tmp-index.html


def _no_step(step: str) -> None:
    pass


checkpoint: Callable[[str], None] = _no_step  # called between steps; the tests kill the process there


def sync(path: Path) -> None:
    """Make a folder's entries (a rename, a new file) durable."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write(path: Path, data: bytes) -> None:
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


_libc = None


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2); False where the system cannot."""
    global _libc
    if _libc is None:
        try:
            _libc = ctypes.CDLL(None, use_errno=True)
        except OSError:
            _libc = False
    if not _libc or not hasattr(_libc, "renameat2"):
        return False
    at_cwd, rename_exchange = -100, 2
    if _libc.renameat2(at_cwd, os.fsencode(a), at_cwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


class Staging:
    """One build's private files beside ``target``, guarded by a lock held while it runs."""

    def __init__(self, target: Path):
        self.target, self.parent = target, target.parent
        self.base = self.parent / f"{PREFIX}{os.getpid()}-{secrets.token_hex(4)}"
        hidden = self.parent / f".lock-{self.base.name}"
        self.lock = open(hidden, "w+")
        fcntl.flock(self.lock, fcntl.LOCK_EX)
        self.lock.write(target.name)
        self.lock.flush()
        os.rename(hidden, self.lock_path)  # visible only once locked
        self.folder.mkdir()

    @property
    def folder(self) -> Path:
        return self.base

    @property
    def lock_path(self) -> Path:
        return self.base.with_name(self.base.name + LOCK)

    def temp(self, name: str) -> Path:
        return self.base.with_name(f"{self.base.name}{TEMP}{name}")

    def close(self) -> None:
        _remove(self.base, self.target)
        self.lock.close()


def _remove(base: Path, target: Path) -> None:
    """Remove a build's staging files; put its previous folder back if a crash left the target missing."""
    old = base.with_name(base.name + OLD)
    if old.exists() and not os.path.lexists(target):
        os.rename(old, target)
    for path in [base, old, *base.parent.glob(f"{base.name}{TEMP}*")]:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
    with contextlib.suppress(FileNotFoundError):
        base.with_name(base.name + LOCK).unlink()


def clean_stale(parent: Path) -> None:
    """Remove what builds that are no longer running left in ``parent``; leave running builds alone."""
    if not parent.is_dir():
        return
    for lock_path in parent.glob(f"{PREFIX}*{LOCK}"):
        try:
            fh = open(lock_path, "r")
        except OSError:
            continue
        with fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                continue  # its build is still running
            base = lock_path.with_name(lock_path.name[:-len(LOCK)])
            _remove(base, parent / (fh.read().strip() or "-"))
    for hidden in parent.glob(f".lock-{PREFIX}*"):  # a lock file a crash left before it was named
        with contextlib.suppress(OSError), open(hidden, "r") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            hidden.unlink()
    locked = {p.name[:-len(LOCK)] for p in parent.glob(f"{PREFIX}*{LOCK}")}
    for path in parent.glob(f"{PREFIX}*"):  # without a lock: left by a build of an older version
        if not any(path.name.startswith(name) for name in locked):
            _remove(path, parent / "-")


def _switch(staging: Staging) -> None:
    target = staging.target
    if not os.path.lexists(target):
        try:
            os.rename(staging.folder, target)
            staging.folder.mkdir()  # so that close() finds the same layout
            return
        except OSError as exc:
            if exc.errno not in (errno.EEXIST, errno.ENOTEMPTY):
                raise
    if _exchange(staging.folder, target):
        return
    old = staging.base.with_name(staging.base.name + OLD)
    os.rename(target, old)
    checkpoint("moved aside")
    os.rename(staging.folder, target)


def publish(target: Path, files: dict[str, bytes], beside: dict[str, bytes] | None = None) -> tuple[Path, ...]:
    """Replace folder ``target`` by one holding exactly ``files``, in one step; then put each
    of ``beside`` (files of ``target``'s parent, such as the archive page) in place."""
    beside = beside or {}
    parent = target.parent
    for name in beside:
        if (parent / name).is_dir():
            raise OutputError(f"{parent / name}: is a folder, so it cannot be replaced; remove it, then build again")
    try:
        parent.mkdir(parents=True, exist_ok=True)
        clean_stale(parent)
        staging = Staging(target)
    except OSError as exc:
        raise _error(target, exc) from None
    try:
        checkpoint("staging made")
        for name, data in files.items():
            _write(staging.folder / name, data)
            checkpoint(f"wrote {name}")
        sync(staging.folder)
        for name, data in beside.items():
            _write(staging.temp(name), data)
            checkpoint(f"wrote {name} beside")
        _switch(staging)
        sync(parent)
        checkpoint("switched")
        for name in beside:
            os.replace(staging.temp(name), parent / name)
            checkpoint(f"replaced {name}")
    except OSError as exc:
        raise _error(target, exc) from None
    finally:
        staging.close()
    checkpoint("cleaned")
    return tuple(target / name for name in files)


def _error(target: Path, exc: OSError) -> OutputError:
    return OutputError(f"{target}: cannot write the output files ({exc.strerror or exc}); make {target.parent} "
                       "a folder you can write, or set 'output' in briefing.toml to one")


def replace_file(path: Path, data: bytes) -> None:
    """Replace one file atomically (through a staging temporary beside it)."""
    if path.is_dir():
        raise OutputError(f"{path}: is a folder, so it cannot be replaced; remove it, then build again")
    try:
        staging = Staging(path)
    except OSError as exc:
        raise _error(path, exc) from None
    try:
        _write(staging.temp(path.name), data)
        os.replace(staging.temp(path.name), path)
    except OSError as exc:
        raise _error(path, exc) from None
    finally:
        staging.close()
