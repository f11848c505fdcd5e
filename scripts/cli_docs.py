"""Write docs/cli.md from the `--help` of every hkg command (run after changing the CLI; a test checks it)."""

from __future__ import annotations

import sys
from pathlib import Path

from click.testing import CliRunner

from hkg.cli import main

COMMANDS = ["", "build", "validate", "query", "serve", "docs"]


def render() -> str:
    runner = CliRunner()
    header = "Generated from `--help` by `python scripts/cli_docs.py`; do not edit.\n"
    parts = ["# hkg command-line reference\n", header]
    for command in COMMANDS:
        args = ([command] if command else []) + ["--help"]
        result = runner.invoke(main, args, prog_name="hkg", terminal_width=100)
        title = f"hkg {command}".strip()
        parts.append(f"## `{title}`\n\n```\n{result.output.rstrip()}\n```\n")
    return "\n".join(parts)


if __name__ == "__main__":
    target = Path(__file__).resolve().parent.parent / "docs" / "cli.md"
    target.write_text(render(), encoding="utf-8")
    sys.stdout.write(f"wrote {target}\n")
