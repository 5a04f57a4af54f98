"""A content-addressed cache of a run's complete output set (issue 21). Standard library only.

``Key`` hashes whatever the outputs depend on (file trees, files, versions, values), each input
named, so a miss can say what changed. ``Cache.store`` copies a ``outputs.Run``'s staged outputs
into ``<root>/<key>/`` with each file's SHA-256; ``Cache.restore`` stages them again byte for byte,
checking every hash, so a restored run is committed exactly like a built one. A corrupted or
truncated entry is deleted and reported, never restored. Entries beyond ``max_bytes`` are evicted,
least recently used first.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import outputs

FORMAT = 1
MANIFEST = "manifest.json"
SKIPPED_DIRS = frozenset({"__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache"})


@dataclass
class Key:
    """The digest of a run's inputs; ``inputs`` keeps one digest per named input."""

    inputs: dict[str, str] = field(default_factory=dict)

    def value(self, name: str, value: str) -> None:
        self.inputs[name] = hashlib.sha256(value.encode()).hexdigest()

    def file(self, name: str, path: Path) -> None:
        """``path``'s bytes (or its absence)."""
        self.inputs[name] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "absent"

    def tree(self, name: str, root: Path, pattern: str = "**/*") -> None:
        """Every file under ``root`` matching ``pattern``: relative path and bytes (caches skipped)."""
        digest = hashlib.sha256()
        if root.is_dir():
            for path in sorted(root.glob(pattern)):
                rel = path.relative_to(root)
                if path.is_file() and not SKIPPED_DIRS.intersection(rel.parts) and path.suffix != ".pyc":
                    digest.update(f"{rel}\0{path.stat().st_size}\0".encode())
                    digest.update(path.read_bytes())
        else:
            digest.update(b"absent")
        self.inputs[name] = digest.hexdigest()

    @property
    def digest(self) -> str:
        return hashlib.sha256(json.dumps(self.inputs, sort_keys=True).encode()).hexdigest()


def _sha256(path: Path) -> str:
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


@dataclass
class Cache:
    """Entries under ``root`` (one directory per key), at most ``max_bytes`` in all."""

    root: Path
    max_bytes: int

    def _entry(self, key: Key) -> Path:
        return self.root / key.digest

    def restore(self, key: Key, run: outputs.Run) -> tuple[list[str], str]:
        """Stage the stored outputs of ``key`` into ``run``; returns (the stored log lines, "") on a
        hit, ([], why not) on a miss. A damaged entry is deleted, ``run`` left with nothing staged."""
        entry = self._entry(key)
        if not entry.is_dir():
            return [], "miss"
        try:
            manifest = json.loads((entry / MANIFEST).read_text())
            if manifest.get("format") != FORMAT or manifest.get("key") != key.inputs:
                raise ValueError("manifest of another format or key")
            for index, item in enumerate(manifest["entries"]):
                staged = run.directory(item["final"]) if item["kind"] == "dir" else run.file(item["final"])
                for f in item["files"]:
                    source = entry / "files" / str(index) / f["path"]
                    target = staged / f["path"] if item["kind"] == "dir" else staged
                    data = source.read_bytes()
                    if len(data) != f["size"] or hashlib.sha256(data).hexdigest() != f["sha256"]:
                        raise ValueError(f"{source}: content does not match its hash")
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(data)
        except (OSError, ValueError, KeyError, TypeError) as error:
            run.abort()
            shutil.rmtree(entry, ignore_errors=True)
            return [], f"entry {entry.name[:12]} damaged ({error}); deleted, rebuilding"
        os.utime(entry / MANIFEST)  # least recently used: the entry's manifest mtime
        return list(manifest["log"]), ""

    def store(self, key: Key, run: outputs.Run, log: list[str]) -> None:
        """Copy ``run``'s staged outputs (before its commit) into the entry for ``key``."""
        entry = self._entry(key)
        tmp = self.root / f".{entry.name}.{os.getpid()}.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        items = []
        for index, (final, staged) in enumerate(run.staged_trees().items()):
            if not staged.exists():
                continue  # a file the run staged but did not write: nothing to restore
            kind = "dir" if staged.is_dir() else "file"
            sources = sorted(p for p in staged.rglob("*") if p.is_file()) if kind == "dir" else [staged]
            files = []
            for source in sources:
                rel = source.relative_to(staged) if kind == "dir" else Path(final.name)
                target = tmp / "files" / str(index) / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
                files.append({"path": str(rel), "sha256": _sha256(target), "size": target.stat().st_size})
            items.append({"final": str(final), "kind": kind, "files": files})
        outputs.write_json(tmp / MANIFEST, {"format": FORMAT, "key": key.inputs, "log": log, "entries": items})
        shutil.rmtree(entry, ignore_errors=True)
        os.rename(tmp, entry)
        self.evict(keep=entry)

    def evict(self, keep: Path | None = None) -> list[Path]:
        """Delete least recently used entries until the cache fits ``max_bytes``; returns them."""
        entries = []
        for entry in self.root.iterdir() if self.root.is_dir() else []:
            if entry.name.startswith("."):
                if entry.is_dir() and time.time() - entry.stat().st_mtime > 3600:  # an interrupted store
                    shutil.rmtree(entry, ignore_errors=True)
                continue
            size = sum(p.stat().st_size for p in entry.rglob("*") if p.is_file())
            manifest = entry / MANIFEST
            used = manifest.stat().st_mtime if manifest.exists() else 0.0
            entries.append((used, size, entry))
        total = sum(size for _, size, _ in entries)
        evicted = []
        for _, size, entry in sorted(entries):
            if total <= self.max_bytes:
                break
            if entry == keep:
                continue
            shutil.rmtree(entry, ignore_errors=True)
            total -= size
            evicted.append(entry)
        return evicted
