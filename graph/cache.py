"""A cache of what every build derives the same way at start-up (places, the shapes' predicates), as JSON files.

Each entry is named by a digest of everything it is derived from: the bytes of the source files (data and the
code that derives it) and the versions of the packages read. A changed input is a new name, so an entry is
never stale; entries that are no longer named are left for the user to delete with the folder.

The folder is ``$HKG_CACHE_DIR``, else ``$XDG_CACHE_HOME/hkg``, else ``~/.cache/hkg``; ``HKG_CACHE_DIR=off``
turns the cache off. A cache that cannot be read or written is only slower: the value is derived again.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Callable, Iterable
from importlib import metadata
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

OFF = ("off", "0", "no", "false")


def folder() -> Path | None:
    """The cache folder, or None when the cache is turned off."""
    given = os.environ.get("HKG_CACHE_DIR")
    if given is not None:
        return None if given.strip().lower() in OFF or not given.strip() else Path(given)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "hkg"


def digest(files: Iterable[Path | Traversable], packages: Iterable[str] = ()) -> str:
    """A name for what is derived from these files (their bytes) and these installed packages (their versions)."""
    h = hashlib.sha256()
    for path in files:
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    for name in packages:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "-"
        h.update(f"{name}={version}\0".encode())
    return h.hexdigest()[:24]


def cached(name: str, key: str, derive: Callable[[], Any]) -> Any:
    """The JSON value `derive()` gives, read from the cache entry `name`-`key` when it exists."""
    root = folder()
    path = root / f"{name}-{key}.json" if root is not None else None
    if path is not None:
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            pass
        except (OSError, ValueError) as exc:  # unreadable or torn: derive it again, and write it anew
            log.debug("cache entry %s unreadable (%s)", path, exc)
    value = derive()
    if path is not None:
        _write(path, value)
    return value


def _write(path: Path, value: Any) -> None:
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(value, f, ensure_ascii=False)
        os.replace(tmp, path)  # readers see the whole entry or none
    except OSError as exc:
        log.debug("cache entry %s not written (%s)", path, exc)
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
