"""documents: which paths are documents, reading them (text, title, metadata, checksum), and bad input."""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
from pathlib import Path

import pytest

from hkg.errors import InputError
from hkg.graph import documents
from hkg.graph.documents import DocumentError, Skipped, expand, load_manifest, read

FIXTURES = Path(__file__).parent / "fixtures" / "input"
LIMIT = 5_000_000


@pytest.fixture()
def corpus(tmp_path):
    """A copy of the fixture documents (manifests are cached per folder, so each test gets fresh folders)."""
    target = tmp_path / "input"
    shutil.copytree(FIXTURES, target)
    load_manifest.cache_clear()
    return target


# --- expand ----------------------------------------------------------------------------------------------


def test_expand_folder_is_recursive_sorted_and_skips_sidecars(corpus):
    files, skipped = expand([str(corpus)])
    assert [f.relative_to(corpus).as_posix() for f in files] == [
        "notes/oncology.md",
        "notes/plain.txt",
        "site/cardiology.html",
        "site/menu-only.html",
    ]
    assert skipped == []


def test_expand_globs_files_and_duplicates(corpus):
    files, skipped = expand(
        [
            str(corpus / "notes" / "*.md"),
            str(corpus / "**" / "*.html"),
            str(corpus / "notes" / "oncology.md"),
            str(corpus / "notes" / ".." / "notes" / "oncology.md"),
        ]
    )
    assert [f.name for f in files] == ["oncology.md", "cardiology.html", "menu-only.html"]
    assert skipped == []


def test_expand_reports_what_gives_no_document(corpus, tmp_path):
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (tmp_path / "empty-folder").mkdir()
    files, skipped = expand(
        [
            str(tmp_path / "missing.txt"),
            str(corpus / "notes" / "readme.rst"),
            str(tmp_path / "dangling.txt"),
            str(tmp_path / "empty-folder"),
            str(tmp_path / "nothing-*.txt"),
        ]
    )
    assert files == []
    assert [s.reason for s in skipped] == [
        "no such file or folder",
        "not a document (expected .txt, .md, .markdown, .html, .htm)",
        "broken symbolic link",
        "folder holds no .txt, .md or .html document",
        "no .txt, .md or .html document matches this pattern",
    ]
    assert str(skipped[0]) == f"{tmp_path / 'missing.txt'}: no such file or folder"
    assert isinstance(skipped[0], Skipped)


# --- read ------------------------------------------------------------------------------------------------


def test_read_plain_text(corpus):
    path = corpus / "notes" / "plain.txt"
    doc = read(path, max_bytes=LIMIT)
    assert doc.text == path.read_text(encoding="utf-8")
    assert doc.title == "Emergency Department"
    assert doc.slug == "plain"
    assert doc.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert doc.media_type == "text/plain"
    assert doc.metadata == {"source_url": "https://hospital.example.org/plain"}  # from hkg-manifest.yaml


def test_read_markdown_blanks_markup_and_keeps_offsets(corpus):
    path = corpus / "notes" / "oncology.md"
    raw = path.read_text(encoding="utf-8")
    doc = read(path, max_bytes=LIMIT)
    assert len(doc.text) == len(raw)
    assert all(a == b or a == " " for a, b in zip(doc.text, raw, strict=True))  # only blanked, never moved
    assert " ".join(doc.text.split()) == (
        "Oncology Centre The Oncology Centre opened in 2010 and has 80 beds . It treats lung cancer and breast "
        "cancer. Its director is Prof. Wei Chen. Our surgeons performed about 900 operations in 2023."
    )
    at = doc.text.index("80 beds")
    assert raw[at : at + 7] == "80 beds"
    assert doc.title == "Oncology Centre"
    assert doc.media_type == "text/markdown"
    # front matter wins over the manifest; the manifest adds what front matter lacks
    assert doc.metadata == {
        "source_url": "https://hospital.example.org/oncology",
        "language": "en",
        "retrieved": "2024-06-02",
        "publisher": "Example Cancer Hospital",
    }


def test_read_html_keeps_main_text_and_drops_navigation(corpus):
    doc = read(corpus / "site" / "cardiology.html", max_bytes=LIMIT)
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[0] == "Department of Cardiology"
    assert paragraphs[1].startswith("The Department of Cardiology was founded in 1985.")
    assert len(paragraphs) == 4
    for chrome in ("About us", "Contact", "Copyright", "Privacy policy"):
        assert chrome not in doc.text
    assert doc.title == "Department of Cardiology"
    assert doc.media_type == "text/html"
    assert doc.metadata["source_url"] == "https://hospital.example.org/cardiology"
    assert doc.metadata["retrieved"] == "2024-05-01"
    assert "file" not in doc.metadata


def test_metadata_argument_wins(corpus):
    doc = read(corpus / "notes" / "plain.txt", max_bytes=LIMIT, metadata={"source_url": "https://other.example"})
    assert doc.metadata["source_url"] == "https://other.example"


def test_bom_is_accepted_and_dropped(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffCardiology\n\nIt has 5 beds.".encode())
    assert read(path, max_bytes=LIMIT).text == "Cardiology\n\nIt has 5 beds."


def test_title_is_not_a_sentence(tmp_path):
    path = tmp_path / "Thoracic Surgery (2024).txt"
    path.write_text("The department has 40 beds.\nIt opened in 1990.\n", encoding="utf-8")
    doc = read(path, max_bytes=LIMIT)
    assert doc.title is None
    assert doc.slug == "thoracic-surgery-2024"


def test_encoding_override_reads_other_encodings(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Caf\u00e9 Cardiologie: 12 lits.".encode("latin-1"))
    assert read(path, max_bytes=LIMIT, encoding="latin-1").text == "Caf\u00e9 Cardiologie: 12 lits."


# --- bad input: one line naming the file and the reason ---------------------------------------------------


def _error(path: Path, **kwargs) -> str:
    with pytest.raises(DocumentError) as info:
        read(path, max_bytes=kwargs.pop("max_bytes", LIMIT), **kwargs)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: ")
    assert isinstance(info.value, InputError)
    return message[len(f"{path}: ") :]


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert _error(path) == "empty file"
    path.write_bytes(b" \n\t\n")
    assert _error(path) == "empty file"


def test_binary_file(tmp_path):
    path = tmp_path / "scan.txt"
    path.write_bytes(b"%PDF-1.7\n\x00\x01\x02binary\x00")
    assert _error(path) == "binary file (contains NUL bytes), not a text document"


def test_non_utf8_file_names_the_encoding_it_looks_like(tmp_path):
    path = tmp_path / "chinese.txt"
    path.write_bytes(("\u80f8\u5916\u79d1\u6709\u516d\u5341\u5f20\u5e8a\u4f4d\u3002" * 20).encode("gb18030"))
    reason = _error(path)
    assert reason.startswith("not UTF-8 (looks like ")
    assert reason.endswith("); convert it to UTF-8")


def test_file_larger_than_the_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("Cardiology. " * 1000, encoding="utf-8")
    assert _error(path, max_bytes=2000) == "larger than the 2 kB limit; raise it with --max-document-bytes"
    assert documents._size(5_000_000) == "5 MB"


def test_path_that_is_a_folder(tmp_path):
    path = tmp_path / "folder.txt"
    path.mkdir()
    assert _error(path) == "is a folder, not a document"


def test_dangling_symlink(tmp_path):
    path = tmp_path / "link.txt"
    path.symlink_to(tmp_path / "nowhere.txt")
    assert _error(path) == "no such file (or a broken symbolic link)"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("Cardiology", encoding="utf-8")
    path.chmod(0)
    try:
        assert _error(path) == "permission denied"
    finally:
        path.chmod(0o644)


def test_html_without_main_text(corpus):
    assert _error(corpus / "site" / "menu-only.html") == (
        "HTML page has no main text (only menus, links or short labels)"
    )


def test_markdown_with_only_front_matter(tmp_path):
    path = tmp_path / "stub.md"
    path.write_text("---\ntitle: Stub\n---\n# \n", encoding="utf-8")
    assert _error(path) == "no text (only markup or front matter)"


def test_bad_front_matter(tmp_path):
    path = tmp_path / "bad.md"
    path.write_text("---\ntitle: [unclosed\n---\nText here.\n", encoding="utf-8")
    assert _error(path).startswith("bad YAML front matter at line ")


def test_document_error_survives_pickling():
    """Worker processes send errors back to the parent: the message must survive."""
    error = pickle.loads(pickle.dumps(DocumentError("a.txt", "empty file")))
    assert str(error) == "a.txt: empty file"
    assert error.reason == "empty file"


# --- manifests -------------------------------------------------------------------------------------------


def test_csv_manifest(corpus):
    entries = load_manifest(corpus / "site")
    assert entries["cardiology.html"]["publisher"] == "Example General Hospital"


def test_yaml_manifest_as_a_list(tmp_path):
    (tmp_path / "manifest.yaml").write_text(
        "- file: a.txt\n  source_url: https://a.example\n- file: b.txt\n  language: en\n", encoding="utf-8"
    )
    assert load_manifest(tmp_path) == {"a.txt": {"source_url": "https://a.example"}, "b.txt": {"language": "en"}}


def test_bad_csv_manifest_names_file_and_line(tmp_path):
    (tmp_path / "manifest.csv").write_text("file,source_url\na.txt,https://a.example\n,https://b\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_manifest(tmp_path)
    assert str(info.value) == f"{tmp_path / 'manifest.csv'}:3: manifest row has no file name"


def test_csv_manifest_without_file_column(tmp_path):
    (tmp_path / "manifest.csv").write_text("name,source_url\na.txt,https://a.example\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"manifest\.csv:1: manifest has no 'file' column"):
        load_manifest(tmp_path)


def test_bad_yaml_manifest_names_file_and_line(tmp_path):
    (tmp_path / "hkg-manifest.yaml").write_text("a.txt:\n  source_url: [oops\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"hkg-manifest\.yaml:\d+: bad YAML in manifest"):
        load_manifest(tmp_path)


def test_bad_manifest_makes_its_documents_fail_with_its_message(tmp_path):
    (tmp_path / "manifest.yaml").write_text("- just a string\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Cardiology has 5 beds.", encoding="utf-8")
    with pytest.raises(InputError, match=r"manifest\.yaml: manifest entry 1 has no 'file' key"):
        read(tmp_path / "a.txt", max_bytes=LIMIT)
