"""Safe changes to files: atomic writes, a lock, and changes that roll back whole.

A change to records (a move between status folders, a conversion that writes
two files) is written to a journal first. If anything interrupts it, the
journal restores every file to what it was, right away or, after a crash, the
next time omc takes the lock. A record therefore always exists once, whole,
in its old folder or its new one.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import logging
import os
import socket
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from .errors import OmcError, Refused, UsageError

log = logging.getLogger(__name__)

STATE_DIR = ".omc"
LOCK_FILE = "lock"
JOURNAL = "journal.json"
ENV_LOCK_WAIT = "OMC_LOCK_WAIT"

Mover = Callable[[Path, Path], None]


def _checkpoint(step: str) -> None:
    """A named point between two steps of a change; tests interrupt here."""


def write_atomic(path: Path, text: str, *, exclusive: bool = False) -> None:
    """Write `text` so that readers see the old file or the new one, never half.

    With `exclusive`, refuse to replace a file that already exists.
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if exclusive:
            os.link(tmp, path)
        else:
            os.replace(tmp, path)
    except FileExistsError:
        raise Refused(
            f"{path.name} already exists; omc never overwrites a record"
        ) from None
    except OSError as exc:
        raise _disk_error(exc, path) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    _sync_dir(path.parent)


def _disk_error(exc: OSError, path: Path) -> OmcError:
    if exc.errno == errno.ENOSPC:
        return OmcError(
            f"the disk is full; {path.name} was not written",
            hint="free some space and run the command again",
        )
    return OmcError(f"cannot write {path}: {exc.strerror}")


def _sync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class Lock:
    """An exclusive lock on a data directory, held for one command.

    A second omc waits up to $OMC_LOCK_WAIT seconds (default 10), then says
    which process holds the lock. The operating system releases the lock when
    its holder dies, so a crash never leaves the directory locked.
    """

    _held: ClassVar[dict[str, int]] = {}

    def __init__(
        self, root: Path, command: str = "omc", wait: float | None = None
    ) -> None:
        self.path = root / STATE_DIR / LOCK_FILE
        self.command = command
        self.wait = _lock_wait() if wait is None else wait
        self.fd: int | None = None

    def __enter__(self) -> Lock:
        key = str(self.path.resolve())
        if key in Lock._held:
            Lock._held[key] += 1
            return self
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + self.wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 4096, 0).decode("utf-8", "replace").strip()
                    os.close(fd)
                    raise Refused(
                        f"the data directory is busy: {_describe_holder(holder)}",
                        hint="wait for that command to finish, then try again",
                    ) from None
                time.sleep(0.05)
        os.ftruncate(fd, 0)
        info = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "command": self.command,
            "since": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        }
        os.pwrite(fd, json.dumps(info).encode(), 0)
        self.fd = fd
        Lock._held[key] = 1
        return self

    def __exit__(self, *exc: object) -> None:
        key = str(self.path.resolve())
        Lock._held[key] -= 1
        if Lock._held[key]:
            return
        del Lock._held[key]
        if self.fd is not None:
            os.ftruncate(self.fd, 0)
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None


def _lock_wait() -> float:
    raw = os.environ.get(ENV_LOCK_WAIT, "10")
    try:
        return max(0.0, float(raw))
    except ValueError:
        raise UsageError(
            f"${ENV_LOCK_WAIT} is {raw!r}, not a number of seconds",
            hint="set it to a number such as 10, or unset it",
        ) from None


def _describe_holder(raw: str) -> str:
    try:
        info = json.loads(raw)
    except ValueError:
        return "another omc holds its lock"
    who = (
        f"`{info.get('command', 'omc')}` (pid {info.get('pid')} on {info.get('host')})"
    )
    return f"{who} holds its lock since {info.get('since')}"


@dataclass(frozen=True)
class Change:
    """One file's part of a change: its text at `path`, moved to `moved_to`."""

    path: Path
    text: str | None
    moved_to: Path | None = None
    new: bool = False


def git_mover(root: Path) -> Mover:
    """`git mv` inside a git work tree, a plain rename elsewhere.

    Recovery must move back the way the change moved forward, or git's index
    keeps a move that the files no longer show.
    """
    from .gitio import Repo

    repo = Repo.find(root)
    return repo.move if repo is not None else _rename


def apply(root: Path, changes: list[Change], mover: Mover | None = None) -> None:
    """Apply `changes` all together, or restore every file as it was."""
    with Lock(root):
        recover(root)
        originals = _originals(changes)
        journal = root / STATE_DIR / JOURNAL
        write_atomic(journal, json.dumps({"originals": originals}, ensure_ascii=False))
        log.info("changing %d files", len(changes))
        try:
            for change in changes:
                _apply_one(change, mover or git_mover(root))
            _checkpoint("done")
        except BaseException:
            _restore(root, originals, mover or git_mover(root))
            journal.unlink()
            raise
        journal.unlink()


def _originals(changes: list[Change]) -> dict[str, str | None]:
    originals: dict[str, str | None] = {}
    for change in changes:
        for path in filter(None, (change.path, change.moved_to)):
            if path.exists():
                originals[str(path)] = path.read_text("utf-8")
            else:
                originals[str(path)] = None
    return originals


def _apply_one(change: Change, mover: Mover) -> None:
    _checkpoint(f"before {change.path.name}")
    if change.text is not None:
        write_atomic(change.path, change.text, exclusive=change.new)
        _checkpoint(f"wrote {change.path.name}")
    if change.moved_to is not None:
        if change.moved_to.exists():
            raise Refused(
                f"{change.moved_to} already exists; a record cannot be in two places"
            )
        change.moved_to.parent.mkdir(parents=True, exist_ok=True)
        mover(change.path, change.moved_to)
        _checkpoint(f"moved {change.path.name}")


def _rename(old: Path, new: Path) -> None:
    os.rename(old, new)
    _sync_dir(new.parent)
    _sync_dir(old.parent)


def _restore(root: Path, originals: dict[str, str | None], mover: Mover) -> None:
    for name, text in originals.items():
        path = Path(name)
        if text is None and path.exists():
            back = _moved_from(path, originals)
            if back is not None and not back.exists():
                mover(path, back)
            else:
                path.unlink()
    for name, text in originals.items():
        if text is not None:
            path = Path(name)
            if not path.exists() or path.read_text("utf-8") != text:
                write_atomic(path, text)


def _moved_from(path: Path, originals: dict[str, str | None]) -> Path | None:
    for name, text in originals.items():
        if text is not None and Path(name).name == path.name and Path(name) != path:
            return Path(name)
    return None


def recover(root: Path, mover: Mover | None = None) -> bool:
    """Undo a change that a crash left half done; True when there was one."""
    journal = root / STATE_DIR / JOURNAL
    if not journal.exists():
        return False
    with Lock(root):
        try:
            originals = json.loads(journal.read_text("utf-8"))["originals"]
        except (ValueError, KeyError):
            journal.unlink()
            return False
        _restore(root, originals, mover or git_mover(root))
        journal.unlink()
    log.warning("rolled back an interrupted change of %d files", len(originals))
    return True


def pending(root: Path) -> bool:
    return (root / STATE_DIR / JOURNAL).exists()


def interrupted(root: Path) -> bool:
    """A change was left half done: its journal is there and no omc holds the
    lock (while one does, the change is still being made)."""
    if not pending(root):
        return False
    try:
        fd = os.open(root / STATE_DIR / LOCK_FILE, os.O_RDONLY)
    except OSError:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(fd)  # closing releases the lock taken to look
    return True


@contextlib.contextmanager
def locked(root: Path, command: str) -> Iterator[None]:
    with Lock(root, command):
        yield
