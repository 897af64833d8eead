"""The README's configuration table, generated from ``Settings``.

``python -m jobscraper.docs_table --write README.md`` rewrites the block
between the markers; ``tests/test_readme.py`` fails when README and Settings
disagree, so the documentation cannot drift from the code.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from jobscraper.config import settings_table

START = "<!-- settings-table:start -->"
END = "<!-- settings-table:end -->"


def markdown_table() -> str:
    lines = ["| Variable | Default | Meaning |", "| --- | --- | --- |"]
    for variable, default, meaning in settings_table():
        cell, text = default.replace("|", "\\|"), meaning.replace("|", "\\|")
        lines.append(f"| `{variable}` | {cell} | {text} |")
    return "\n".join(lines)


def replace_block(text: str) -> str:
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    return f"{head}{START}\n{markdown_table()}\n{END}{tail}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", type=Path, help="README to update in place")
    args = parser.parse_args()
    if args.write:
        args.write.write_text(replace_block(args.write.read_text()))
    else:
        print(markdown_table())


if __name__ == "__main__":
    main()
