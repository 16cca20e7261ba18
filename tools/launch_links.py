"""Launch links: Binder and Colab badges for each notebook, and nbgitpuller links for a course hub.

``python tools/launch_links.py`` rewrites the badges under every notebook's title (a
test checks they match); ``python tools/launch_links.py --hub URL NOTEBOOK`` prints
the nbgitpuller link that opens NOTEBOOK on that JupyterHub.
"""

import argparse
import re
from pathlib import Path
from urllib.parse import quote, urlencode

import nbformat

# The public student edition (`make student-edition`), where Binder, Colab and nbgitpuller find the
# course; this instructor's repository, with the solutions, stays private.
REPOSITORY = "ir-teaching/what-putin-is-really-after-student"
BRANCH = "main"
BADGE_PREFIX = "[![Launch on Binder]"
ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"


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


def student_path(notebook_path):
    """Where students find a notebook, relative to the repo; an assignment's source maps to its release."""
    relative = Path(notebook_path).resolve().relative_to(ROOT).as_posix()
    return relative.replace("assignments/source/", "notebooks/assignments/", 1) if relative.startswith("assignments/source/") else relative


INSTALL = re.compile(r"git\+https://github\.com/[\w.-]+/[\w.-]+")  # the setup cell's install line (Colab)


def write_badges(notebook_path):
    """Put the generated badge line under the title, and the repository in the setup cell's install line; True if changed."""
    nb = nbformat.read(notebook_path, as_version=4)
    before = [cell.source for cell in nb.cells]
    badges = badges_markdown(student_path(notebook_path))
    lines = nb.cells[0].source.split("\n")
    old = next((n for n, line in enumerate(lines) if line.startswith(BADGE_PREFIX)), None)
    if old is None:
        lines[1:1] = ["", badges]
    else:
        lines[old] = badges
    nb.cells[0].source = "\n".join(lines)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.source = INSTALL.sub(f"git+https://github.com/{REPOSITORY}", cell.source)
    if [cell.source for cell in nb.cells] == before:
        return False
    nbformat.write(nb, notebook_path)
    return True


def nbgitpuller_url(hub, notebook, repository=REPOSITORY, branch=BRANCH):
    """Link that makes a JupyterHub pull the course (first time: clone; later: merge) and open `notebook` in JupyterLab.

    `repository` is a GitHub "owner/name" or any git address a hub can clone (https://, file://).
    nbgitpuller clones into the folder named after the repository (given as `targetpath`),
    so the path opened is ``REPO-FOLDER/NOTEBOOK``.
    """
    hub = hub.rstrip("/")
    if not hub.startswith(("https://", "http://")):
        raise ValueError(f"hub must be an http(s) address, got {hub!r}")
    folder = repository.rstrip("/").split("/")[-1].removesuffix(".git")
    query = urlencode(
        {
            "repo": repository if "://" in repository else f"https://github.com/{repository}",
            "urlpath": f"lab/tree/{folder}/{notebook}",
            "branch": branch,
            "targetpath": folder,  # said outright: nbgitpuller's own default keeps a ".git" suffix
        }
    )
    return f"{hub}/hub/user-redirect/git-pull?{query}"


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python tools/launch_links.py", description=__doc__.splitlines()[0])
    parser.add_argument("--hub", help="print the nbgitpuller link for this JupyterHub instead of writing badges")
    parser.add_argument("--repo", default=REPOSITORY, help="the student edition's git address, if not on GitHub as REPOSITORY")
    parser.add_argument("notebooks", nargs="*", help="notebook paths (default: every notebook)")
    args = parser.parse_args(argv)
    if args.hub:
        for notebook in args.notebooks or ["notebooks/00_start_here.ipynb"]:
            print(nbgitpuller_url(args.hub, Path(notebook).as_posix(), args.repo))
        return
    everything = sorted(NOTEBOOKS.glob("*.ipynb")) + sorted((ROOT / "assignments" / "source").glob("*/*.ipynb"))
    for path in [Path(p) for p in args.notebooks] or everything:
        if write_badges(path):
            print(f"badges updated: {path}")


if __name__ == "__main__":
    main()
