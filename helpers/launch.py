"""Launch links: Binder and Colab badges for each notebook, written under its title.

Run ``python -m helpers.launch`` after adding or renaming a notebook; a test
checks that every notebook's badge cell matches what this module generates.
"""

import sys
from pathlib import Path
from urllib.parse import quote

import nbformat

REPOSITORY = "ir-teaching/what-putin-is-really-after"  # GitHub owner/name the course is published at
BRANCH = "main"
BADGE_PREFIX = "[![Launch on Binder]"
NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


def binder_url(notebook):
    """Binder link that opens `notebook` (a path relative to the repo root) in JupyterLab."""
    return f"https://mybinder.org/v2/gh/{REPOSITORY}/{BRANCH}?urlpath={quote('lab/tree/' + notebook, safe='')}"


def colab_url(notebook):
    """Colab link that opens `notebook` straight from GitHub."""
    return f"https://colab.research.google.com/github/{REPOSITORY}/blob/{BRANCH}/{quote(notebook)}"


def badges_markdown(notebook):
    """The badge line for one notebook."""
    return (
        f"{BADGE_PREFIX}(https://mybinder.org/badge_logo.svg)]({binder_url(notebook)}) "
        f"[![Open in Colab](https://colab.research.google.com/assets/colab-badge.svg)]({colab_url(notebook)})"
    )


def write_badges(notebook_path):
    """Put the generated badge line under the title in the first cell; return True if it changed."""
    nb = nbformat.read(notebook_path, as_version=4)
    badges = badges_markdown(f"notebooks/{Path(notebook_path).name}")
    lines = nb.cells[0].source.split("\n")
    old = next((n for n, line in enumerate(lines) if line.startswith(BADGE_PREFIX)), None)
    if old is None:
        lines[1:1] = ["", badges]
    elif lines[old] == badges:
        return False
    else:
        lines[old] = badges
    nb.cells[0].source = "\n".join(lines)
    nbformat.write(nb, notebook_path)
    return True


def main(paths=None):
    paths = paths or sorted(NOTEBOOKS.glob("*.ipynb"))
    for path in paths:
        if write_badges(path):
            print(f"badges updated: {path}")


if __name__ == "__main__":
    main([Path(p) for p in sys.argv[1:]])
