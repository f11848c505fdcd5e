"""Read documents (.txt, .md, .html) from paths, folders and globs: text, title, metadata, checksum (the I/O edge).

Decisions a user can rely on:

- Encoding: a document must be UTF-8 (a BOM is allowed). Anything else is skipped with a one-line reason naming
  the encoding it looks like ("not UTF-8 (looks like GB18030)"); pass ``encoding=`` to `read` to decode such a
  file anyway. Guessing silently would put mojibake into the graph.
- Offsets: `Document.text` of a .txt/.md file has exactly the file's characters at the same offsets, with
  YAML front matter and Markdown markup (``#``, ``*``, ``_``, backticks, link targets, ``>``, table bars, list
  markers) blanked out with spaces, so evidence offsets stay those of the file. For HTML, `text` is the main
  text trafilatura extracts (navigation, menus and footers dropped), paragraphs separated by blank lines.
- Metadata comes from front matter, then from a sidecar manifest in the document's folder (``manifest.csv``,
  ``manifest.yaml``, ``hkg-manifest.yaml``) keyed by file name; front matter wins.
"""

from __future__ import annotations

import csv
import glob
import hashlib
import io
import logging
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from hkg.errors import InputError
from hkg.graph.iris import slug

log = logging.getLogger(__name__)

MEDIA_TYPES = {
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
}
MANIFEST_NAMES = ("manifest.csv", "manifest.yaml", "manifest.yml", "hkg-manifest.yaml", "hkg-manifest.yml")
MANIFEST_KEYS = ("source_url", "publisher", "hospital", "language", "retrieved", "title")
#: an HTML page has main text when trafilatura finds a paragraph of at least this many words
MIN_PARAGRAPH_WORDS = 5
#: share of control characters (other than whitespace) above which a decoded file is not text
MAX_CONTROL_SHARE = 0.01


class DocumentError(InputError):
    """A document that cannot be read; `str()` is one line: "<path>: <reason>"."""

    def __init__(self, path: Path | str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason

    def __reduce__(self):
        return type(self), (self.path, self.reason)


@dataclass(frozen=True)
class Skipped:
    """A path given by the user that yields no document, and why."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(frozen=True)
class Document:
    """One read document. Offsets of evidence are offsets into `text`."""

    path: Path
    slug: str
    text: str
    sha256: str
    title: str | None
    metadata: dict = field(default_factory=dict, hash=False, compare=False)
    media_type: str = "text/plain"

    @property
    def file_name(self) -> str:
        return self.path.name


def slug_for(path: Path | str) -> str:
    """The document slug: the slug of the file stem (docs/model.md)."""
    return slug(Path(path).stem)


def is_document(path: Path) -> bool:
    return path.suffix.lower() in MEDIA_TYPES and path.name.lower() not in MANIFEST_NAMES


# --- expand ----------------------------------------------------------------------------------------------


def expand(paths: Iterable[str]) -> tuple[list[Path], list[Skipped]]:
    """Document files named by `paths` (files, folders searched recursively, globs), sorted and deduplicated,
    and the paths that gave nothing, each with its reason."""
    found: set[Path] = set()
    skipped: list[Skipped] = []
    for raw in paths:
        p = Path(raw).expanduser()
        if glob.has_magic(raw):
            matches = [Path(m) for m in glob.glob(os.path.expanduser(raw), recursive=True)]
            docs = _documents_in(matches)
            if not docs:
                skipped.append(Skipped(raw, "no .txt, .md or .html document matches this pattern"))
            found.update(docs)
        elif p.is_dir():
            docs = _documents_in([p])
            if not docs:
                skipped.append(Skipped(raw, "folder holds no .txt, .md or .html document"))
            found.update(docs)
        elif p.is_file():
            if is_document(p):
                found.add(p)
            else:
                skipped.append(Skipped(raw, f"not a document (expected {', '.join(MEDIA_TYPES)})"))
        elif p.is_symlink():
            skipped.append(Skipped(raw, "broken symbolic link"))
        elif not p.exists():
            skipped.append(Skipped(raw, "no such file or folder"))
        else:
            skipped.append(Skipped(raw, "not a regular file or folder"))
    unique: dict[Path, Path] = {}
    for f in sorted(found):  # one entry per file however it was named ("a.txt", "/abs/a.txt", a symlink)
        unique.setdefault(f.resolve(), f)
    return sorted(unique.values()), skipped


def _documents_in(paths: Iterable[Path]) -> list[Path]:
    out = []
    for p in paths:
        if p.is_dir():
            for root, dirs, files in os.walk(p, onerror=lambda e: log.warning("cannot list %s", e.filename)):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                out.extend(Path(root) / f for f in files if not f.startswith(".") and is_document(Path(root) / f))
        elif p.is_file() and is_document(p):
            out.append(p)
    return out


# --- read ------------------------------------------------------------------------------------------------


def read(path: Path, *, max_bytes: int, metadata: dict | None = None, encoding: str | None = None) -> Document:
    """Read one document, or raise `DocumentError` with a one-line reason."""
    path = Path(path)
    raw = _read_bytes(path, max_bytes)
    text = _decode(path, raw, encoding)
    media_type = MEDIA_TYPES.get(path.suffix.lower(), "text/plain")
    meta: dict = {}
    meta.update(_manifest_entry(path))
    if media_type == "text/html":
        body, title = _html_text(path, text)
    else:
        front, body = split_front_matter(path, text)
        meta.update(front)
        if media_type == "text/markdown":
            body = blank_markdown(body)
        title = None
    if metadata:
        meta.update(metadata)
    if not body.strip():
        raise DocumentError(path, "no text (only markup or front matter)")
    title = str(meta.pop("title", "") or "").strip() or title or first_line_title(body)
    return Document(
        path=path,
        slug=slug_for(path),
        text=body,
        sha256=hashlib.sha256(raw).hexdigest(),
        title=title,
        metadata={k: v for k, v in meta.items() if v not in (None, "")},
        media_type=media_type,
    )


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        if path.is_dir():
            raise DocumentError(path, "is a folder, not a document")
        size = path.stat().st_size
        if size > max_bytes:
            raise DocumentError(path, f"larger than the {_size(max_bytes)} limit; raise it with --max-document-bytes")
        with path.open("rb") as f:
            raw = f.read(max_bytes + 1)
    except FileNotFoundError:
        raise DocumentError(path, "no such file (or a broken symbolic link)") from None
    except PermissionError:
        raise DocumentError(path, "permission denied") from None
    except IsADirectoryError:
        raise DocumentError(path, "is a folder, not a document") from None
    except OSError as exc:
        raise DocumentError(path, f"cannot be read ({exc.strerror or exc})") from None
    if len(raw) > max_bytes:
        raise DocumentError(path, f"larger than the {_size(max_bytes)} limit; raise it with --max-document-bytes")
    if not raw.strip():
        raise DocumentError(path, "empty file")
    return raw


def _size(n: int) -> str:
    if n >= 1_000_000 and n % 100_000 == 0:
        return f"{n / 1_000_000:g} MB"
    if n >= 1_000 and n % 100 == 0:
        return f"{n / 1_000:g} kB"
    return f"{n} bytes"


def _decode(path: Path, raw: bytes, encoding: str | None) -> str:
    if b"\x00" in raw[:65536] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DocumentError(path, "binary file (contains NUL bytes), not a text document")
    if encoding is not None:
        try:
            text = raw.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise DocumentError(path, f"cannot be decoded as {encoding} ({exc})") from None
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise DocumentError(path, f"not UTF-8{_guess_encoding(raw)}; convert it to UTF-8") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    if controls > MAX_CONTROL_SHARE * len(text):
        raise DocumentError(path, "binary file (mostly control characters), not a text document")
    return text


def _guess_encoding(raw: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(raw[:65536]).best()
    return f" (looks like {best.encoding.upper().replace('_', '-')})" if best is not None else ""


# --- front matter, Markdown, HTML -------------------------------------------------------------------------

_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)


def split_front_matter(path: Path, text: str) -> tuple[dict, str]:
    """YAML front matter (a ``---`` block at the very top) as a dict, and the text with the block blanked."""
    m = _FRONT.match(text)
    if not m:
        return {}, text
    try:
        data = yaml.safe_load(m.group(1) or "") or {}
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", 0) + 2
        raise DocumentError(path, f"bad YAML front matter at line {line}") from None
    if not isinstance(data, dict):
        raise DocumentError(path, "front matter is not a mapping of keys to values")
    return {str(k): _plain(v) for k, v in data.items()}, _blank(text, 0, m.end()) + text[m.end() :]


def _plain(v):
    return v.isoformat() if hasattr(v, "isoformat") else v


def _blank(text: str, start: int, end: int) -> str:
    return re.sub(r"[^\n]", " ", text[start:end])


_MD_PATTERNS = [
    re.compile(r"<!--.*?-->", re.DOTALL),  # comments: blank whole
    re.compile(r"^[ \t]*\[[^\]\n]+\]:[ \t]*\S+.*$", re.MULTILINE),  # link reference definitions
    re.compile(r"^[ \t]*(?:```|~~~).*$", re.MULTILINE),  # code fences
    re.compile(r"^[ \t]*(?:[-*_][ \t]*){3,}$", re.MULTILINE),  # thematic breaks
]
_MD_KEEP_INNER = [
    re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)"),  # [text](url), ![alt](src): keep the text
    re.compile(r"!?\[([^\]\n]*)\]\[[^\]\n]*\]"),  # [text][ref]
    re.compile(r"<(https?://[^>\s]+)>"),  # autolinks: keep the URL
]
_MD_MARKS = [
    re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+|[ \t]+#+[ \t]*$", re.MULTILINE),  # ATX headings
    re.compile(r"^[ \t]{0,3}(?:>[ \t]?)+", re.MULTILINE),  # block quotes
    re.compile(r"^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+", re.MULTILINE),  # list markers
    re.compile(r"^[ \t]*(?:=+|-+)[ \t]*$", re.MULTILINE),  # setext underlines
    re.compile(r"(?<![\w*])\*{1,3}(?=\S)|(?<=\S)\*{1,3}(?![\w*])"),  # *emphasis*
    re.compile(r"(?<![\w_])_{1,3}(?=\S)|(?<=\S)_{1,3}(?![\w_])"),  # _emphasis_
    re.compile(r"`+|~~|^[ \t]*\|[-:| \t]*\|[ \t]*$|\|", re.MULTILINE),  # code, strike, table rules and bars
    re.compile(r"<\/?[A-Za-z][^>\n]*>"),  # inline HTML tags
]


def blank_markdown(text: str) -> str:
    """Markdown with its markup replaced by spaces: same length, same offsets, only the words left."""
    chars = list(text)

    def blank(s: int, e: int) -> None:
        for i in range(s, e):
            if chars[i] != "\n":
                chars[i] = " "

    for pat in _MD_PATTERNS:
        for m in pat.finditer(text):
            blank(*m.span())
    for pat in _MD_KEEP_INNER:
        for m in pat.finditer(text):
            blank(m.start(), m.start(1))
            blank(m.end(1), m.end())
    for pat in _MD_MARKS:
        for m in pat.finditer("".join(chars)):
            blank(*m.span())
    return "".join(chars)


def _html_text(path: Path, html: str) -> tuple[str, str | None]:
    import trafilatura

    extracted = trafilatura.extract(html, include_comments=False, include_tables=True, favor_recall=True)
    paragraphs = [" ".join(line.split()) for line in (extracted or "").splitlines() if line.strip()]
    if not any(len(p.split()) >= MIN_PARAGRAPH_WORDS for p in paragraphs):
        raise DocumentError(path, "HTML page has no main text (only menus, links or short labels)")
    title = None
    meta = trafilatura.extract_metadata(html)
    if meta is not None and meta.title:
        title = meta.title.strip()
    return "\n\n".join(paragraphs), title


def first_line_title(text: str) -> str | None:
    """The first non-empty line when it reads as a title: under 120 characters, no final period."""
    for line in text.splitlines():
        line = " ".join(line.split())
        if line:
            return line if len(line) < 120 and not line.endswith(".") else None
    return None


# --- manifests -------------------------------------------------------------------------------------------


def _manifest_entry(path: Path) -> dict:
    return dict(load_manifest(path.parent.resolve()).get(path.name, {}))


@lru_cache(maxsize=1024)
def load_manifest(folder: Path) -> dict[str, dict]:
    """Sidecar metadata of the documents in `folder`, keyed by file name (cached per folder).

    ``manifest.csv`` has a header row with a ``file`` column; ``manifest.yaml`` / ``hkg-manifest.yaml`` is
    either a mapping ``file name -> {source_url: ..., ...}`` or a list of mappings with a ``file`` key."""
    folder = Path(folder)
    entries: dict[str, dict] = {}
    for name in MANIFEST_NAMES:
        f = folder / name
        if f.is_file():
            loaded = _load_csv(f) if name.endswith(".csv") else _load_yaml(f)
            for file_name, values in loaded.items():
                entries.setdefault(file_name, {}).update(values)
    return entries


def _read_manifest(f: Path) -> str:
    try:
        return f.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{f}: manifest cannot be read ({exc})") from None


def _load_csv(f: Path) -> dict[str, dict]:
    reader = csv.DictReader(io.StringIO(_read_manifest(f)))
    if reader.fieldnames is None or "file" not in [c.strip().lower() for c in reader.fieldnames]:
        raise InputError(f"{f}:1: manifest has no 'file' column", hint=f"columns: file, {', '.join(MANIFEST_KEYS)}")
    out = {}
    try:
        for row in reader:
            row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items() if k is not None}
            if not row.get("file"):
                raise InputError(f"{f}:{reader.line_num}: manifest row has no file name")
            name = row.pop("file")
            out[name] = {k: v for k, v in row.items() if v}
    except csv.Error as exc:
        raise InputError(f"{f}:{reader.line_num}: bad CSV ({exc})") from None
    return out


def _load_yaml(f: Path) -> dict[str, dict]:
    try:
        data = yaml.safe_load(_read_manifest(f))
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", 0) + 1
        raise InputError(f"{f}:{line}: bad YAML in manifest") from None
    if data is None:
        return {}
    if isinstance(data, dict) and isinstance(data.get("documents"), list):
        data = data["documents"]
    if isinstance(data, list):
        items = []
        for i, entry in enumerate(data, start=1):
            if not isinstance(entry, dict) or not entry.get("file"):
                raise InputError(f"{f}: manifest entry {i} has no 'file' key")
            entry = dict(entry)
            items.append((str(entry.pop("file")), entry))
    elif isinstance(data, dict):
        items = []
        for k, v in data.items():
            if not isinstance(v, dict):
                raise InputError(f"{f}: manifest entry {k!r} is not a mapping of keys to values")
            items.append((str(k), v))
    else:
        raise InputError(f"{f}:1: manifest must be a mapping or a list of entries")
    return {name: {str(k): _plain(v) for k, v in values.items()} for name, values in items}
