"""Every output file is written here: atomically, and a run's outputs are swapped in together.

Two levels:

- ``write_text`` / ``write_bytes`` / ``write_json`` / ``replacing``: one file, written to a temporary
  name beside it and renamed into place, so a reader sees the old file or the new one, never a part.
- ``Run``: a run's outputs are staged (``directory()`` for a tree replaced whole, ``file()`` for one
  file) and ``commit()`` swaps them in. The commit is a list of renames recorded first in a journal;
  an interrupted commit (SIGKILL) is rolled forward by the next ``Run`` (``recover``), an interrupted
  build leaves only staging names that the next run deletes. SIGINT/SIGTERM wait for the few renames.

Staged names are hidden siblings of the target (``.<name>.tripgen-new`` / ``-old``), on the same file
system so renames are atomic; ``.gitignore`` has ``.*.tripgen-*``. Standard library only.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import signal
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

STAGED = ".tripgen-new"
OLD = ".tripgen-old"
PRESERVED = ("*.tfstate", "*.tfstate.*", ".terraform", ".terraform.lock.hcl", ".terraform.tfstate.lock.info")
"""Names inside a replaced tree that are not ours but Terraform's (local state of ``cdktf deploy``):
a commit moves them into the new tree instead of deleting them."""


class OutputError(Exception):
    """An output location that cannot be used (one line: the path and why)."""


def _sibling(path: Path, suffix: str) -> Path:
    return path.with_name(f".{path.name}{suffix}")


def _tmp(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


def ensure_parent(path: Path) -> None:
    """Create ``path``'s parent directories, or raise ``OutputError`` saying which part is in the way."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        blocking = next((p for p in [path.parent, *path.parent.parents] if p.exists() and not p.is_dir()), path)
        raise OutputError(f"{path}: cannot create its directory, {blocking} is a file") from None
    except PermissionError as error:
        raise OutputError(f"{path}: cannot create its directory ({error.strerror})") from None


@contextlib.contextmanager
def replacing(path: str | Path) -> Iterator[Path]:
    """A temporary path to write ``path``'s new content to; renamed into place if the block succeeds."""
    path = Path(path)
    ensure_parent(path)
    tmp = _tmp(path)
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_bytes(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically (temporary name, then rename)."""
    path = Path(path)
    with replacing(path) as tmp:
        tmp.write_bytes(data)
    return path


def write_text(path: str | Path, text: str) -> Path:
    """Write UTF-8 ``text`` to ``path`` atomically."""
    return write_bytes(path, text.encode("utf-8"))


def write_json(path: str | Path, document: Any, *, sort_keys: bool = False) -> Path:
    """Write ``document`` as indented JSON (with a final newline) to ``path`` atomically."""
    return write_text(path, json.dumps(document, indent=2, sort_keys=sort_keys) + "\n")


DEFERRED = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


@contextlib.contextmanager
def _signals_deferred() -> Iterator[None]:
    """SIGINT/SIGTERM/SIGHUP wait until the block is done (the commit's renames), then arrive.

    Python runs handlers in the main thread whichever thread the signal hit, so a thread's signal
    mask is not enough: the main thread records signals instead; another thread blocks them."""
    if threading.current_thread() is not threading.main_thread():
        old = signal.pthread_sigmask(signal.SIG_BLOCK, set(DEFERRED))
        try:
            yield
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, old)
        return
    pending: list[int] = []
    previous = {s: signal.signal(s, lambda signum, _frame: pending.append(signum)) for s in DEFERRED}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, signal.SIG_DFL if handler is None else handler)
        for signum in pending:
            signal.raise_signal(signum)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def _preserved(tree: Path) -> list[Path]:
    """Terraform's files under ``tree`` (relative paths), not descending into them."""
    found = []
    for root, dirs, files in os.walk(tree):
        for name in [*dirs, *files]:
            if any(fnmatch(name, p) for p in PRESERVED):
                found.append((Path(root) / name).relative_to(tree))
        dirs[:] = [d for d in dirs if not any(fnmatch(d, p) for p in PRESERVED)]
    return sorted(found)


def _files(tree: Path) -> set[Path]:
    return {p.relative_to(tree) for p in tree.rglob("*") if p.is_file()} if tree.is_dir() else set()


@dataclass
class Run:
    """The outputs of one run: staged, then swapped in together by ``commit()``.

    ``journal`` names the run's lock and commit journal (one run at a time per journal); use it as a
    context manager: leaving with an exception deletes what was staged and keeps the previous output.
    """

    journal: Path
    _entries: list[dict[str, str]] = field(default_factory=list)
    _owned: list[tuple[Path, str]] = field(default_factory=list)
    _lock: int | None = None
    committed: bool = False
    """True once ``commit()`` has swapped the outputs in."""

    def __post_init__(self) -> None:
        self.journal = Path(self.journal)
        ensure_parent(self.journal)
        self._lock = os.open(self.journal.with_name(f"{self.journal.name}.lock"), os.O_CREAT | os.O_RDWR, 0o644)
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(self._lock)
            raise OutputError(f"{self.journal.parent}: another run is writing these outputs") from None
        recover(self.journal)

    def __enter__(self) -> Run:
        return self

    def __exit__(self, kind: object, *_: object) -> None:
        if kind is not None:
            self.abort()
        self.close()

    def _stage(self, final: Path, kind: str) -> Path:
        final = Path(final)
        ensure_parent(final)
        if final.exists() and (final.is_dir() != (kind == "dir")):
            raise OutputError(f"{final}: expected a {'directory' if kind == 'dir' else 'file'}")
        staged = _sibling(final, STAGED)
        _remove(staged)  # an interrupted build's leftovers
        _remove(_sibling(final, OLD))
        self._entries.append({"kind": kind, "final": str(final), "staged": str(staged)})
        # Recorded before anything is written there: a killed build's staging is deleted next run.
        write_json(self.journal, {"state": "building", "entries": self._entries, "remove": []})
        if kind == "dir":
            staged.mkdir()
        return staged

    def directory(self, final: str | Path) -> Path:
        """A fresh directory to build ``final`` in; at commit it replaces ``final`` whole (keeping
        Terraform's local state files, ``PRESERVED``)."""
        return self._stage(Path(final), "dir")

    def file(self, final: str | Path) -> Path:
        """A staging path for the single file ``final``; renamed onto it at commit."""
        return self._stage(Path(final), "file")

    def owns(self, directory: str | Path, pattern: str) -> None:
        """Files in ``directory`` matching the glob ``pattern`` are this run's outputs: those it did
        not stage (an environment no longer built) are removed at commit."""
        self._owned.append((Path(directory), pattern))

    def staged_trees(self) -> dict[Path, Path]:
        """Final path → staged path of every entry (what a cache stores and restores)."""
        return {Path(e["final"]): Path(e["staged"]) for e in self._entries}

    def removals(self) -> list[str]:
        """What the commit will delete: outputs of the previous run that this one did not write."""
        removed: list[str] = []
        for entry in self._entries:
            final, staged = Path(entry["final"]), Path(entry["staged"])
            if entry["kind"] != "dir" or not final.is_dir():
                continue
            keep = set(_preserved(final))
            gone = {f for f in _files(final) - _files(staged) if not any(f == k or k in f.parents for k in keep)}
            # Group by the first two parts (cdktf.out/stacks/tripgen-staging), the file at the top.
            removed += sorted({str(final / Path(*f.parts[:2])) for f in gone})
        return removed + [str(p) for p in self._stale_owned()]

    def _stale_owned(self) -> list[Path]:
        staged = {Path(e["final"]) for e in self._entries}
        owned = {p for directory, pattern in self._owned for p in directory.glob(pattern) if p.is_file()}
        return sorted(owned - staged)

    def commit(self) -> list[str]:
        """Swap every staged output in; returns what was removed (see ``removals``)."""
        removed = self.removals()
        with _signals_deferred():
            stale = [str(p) for p in self._stale_owned()]
            write_json(self.journal, {"state": "commit", "entries": self._entries, "remove": stale})
            recover(self.journal)
            self._entries = []
            self.committed = True  # before a deferred SIGINT is delivered
        return removed

    def abort(self) -> None:
        """Delete what was staged; the previous outputs stay as they were."""
        for entry in self._entries:
            _remove(Path(entry["staged"]))
        self._entries = []
        self.journal.unlink(missing_ok=True)

    def close(self) -> None:
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None


def recover(journal: Path) -> None:
    """Finish the commit recorded in ``journal`` if one was interrupted, or delete what a killed
    build staged; idempotent."""
    if not journal.exists():
        return
    try:
        plan = json.loads(journal.read_text())
    except ValueError:  # written atomically, so never partial; unreadable means not ours
        raise OutputError(f"{journal}: not a commit journal; remove it") from None
    if plan["state"] == "building":  # killed before its commit: the previous outputs stand
        for entry in plan["entries"]:
            _remove(Path(entry["staged"]))
        journal.unlink()
        return
    for entry in plan["entries"]:
        final, staged = Path(entry["final"]), Path(entry["staged"])
        old = _sibling(final, OLD)
        if not (staged.exists() or staged.is_symlink()):
            continue  # already swapped in
        if entry["kind"] == "dir" and final.is_dir():
            for rel in _preserved(final):
                if not (staged / rel).exists():
                    (staged / rel).parent.mkdir(parents=True, exist_ok=True)
                    os.rename(final / rel, staged / rel)
        if final.exists() or final.is_symlink():
            _remove(old)
            os.rename(final, old)
        os.rename(staged, final)
    for path in plan["remove"]:
        Path(path).unlink(missing_ok=True)
    for entry in plan["entries"]:
        _remove(_sibling(Path(entry["final"]), OLD))
    journal.unlink()
