"""Documentation stays true: the CLI reference matches `--help`, and the README names every command and setting."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from hkg.config import SETTINGS

ROOT = Path(__file__).resolve().parent.parent


def _cli_docs():
    spec = importlib.util.spec_from_file_location("cli_docs", ROOT / "scripts" / "cli_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cli_reference_is_generated_from_help():
    current = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert current == _cli_docs().render(), "docs/cli.md is stale: run `python scripts/cli_docs.py`"


def test_readme_names_every_command_and_setting():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in ("hkg build", "hkg validate", "hkg query", "hkg serve", "hkg docs"):
        assert command in readme
    for setting in SETTINGS:
        assert "HKG_" + setting.name.upper() in readme, f"README does not document HKG_{setting.name.upper()}"


def test_readme_quick_start_has_exactly_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Quick start", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    commands = [line for line in block.strip().splitlines() if line.strip()]
    assert len(commands) == 2
    assert (ROOT / ".ci" / "run").read_text().strip().endswith(commands[1].split("#")[0].strip())
