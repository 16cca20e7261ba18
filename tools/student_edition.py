"""Write the student edition of the course: what students may see, and nothing an instructor keeps.

    python tools/student_edition.py DEST      (or: make student-edition DEST=...)

This repository is the instructor's: it holds the assignments' sources with their
solutions and hidden tests, nbgrader's configuration and gradebook, the grading
sandbox, the tests and the maintainers' tools.  The student edition is the runtime
package, the data, the seed essay, the course notebooks, the released assignments,
the Binder set-up and a student README.  Publish it as its own public git repository
(see the README, "Two editions"); the launch badges and nbgitpuller links point
at it.  An earlier edition in DEST is replaced, except its `.git` folder, so an update is one commit
there; a DEST that holds anything else is refused and left as it is.
"""

import argparse
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from launch_links import REPOSITORY, binder_url, nbgitpuller_url  # noqa: E402

# Everything students get; anything not listed stays in the instructor's repository.
INCLUDED = ("helpers", "data", "seeds", "notebooks", "binder", "pyproject.toml", "constraints.txt", "conftest.py")
# Never copied, wherever found: caches, a student's own answers, snapshots handed in, the instructor's class view.
LEFT_OUT = shutil.ignore_patterns(
    "instructor",
    "class_answers.py",
    "class_view.py",
    "__pycache__",
    ".ipynb_checkpoints",
    "answers",
    "what-putin-is-really-after-answers",
    "workbench_answers.json",
    "*.egg-info",
)

README = """# What Putin is really after: a close reading

Notebooks for reading Emmanuel Karagiannis, "What Putin is really after" (Al Jazeera,
1 December 2015) closely: why Russia intervened in Syria and how it answered Turkey's
shooting down of its bomber, read as great-power politics (realism) and as domestic
politics. This is the students' edition of the course.

[![Launch on Binder](https://mybinder.org/badge_logo.svg)]({binder})

## Open the course

- **Binder**, nothing to install: the badge above, or the badge at the top of each notebook.
- **Your course's JupyterHub**: the link your instructor gives you.
- **Colab**: the Colab badge at the top of each notebook.
- **Your own computer** (Python 3.10 to 3.13):

  ```
  python3 -m venv .venv && .venv/bin/pip install -c constraints.txt -e . && .venv/bin/jupyter lab notebooks/00_start_here.ipynb
  ```

Start with `notebooks/00_start_here.ipynb`, the course map. The assignments are in
`notebooks/assignments/`.

## Your answers

The workbench (notebook 05) and the coding bench (notebook 05b) save every choice as you
make it, in the folder `what-putin-is-really-after-answers` in your home folder, whichever
notebook you work in. Assignment 2's hand-in cell ("Your workbench answers") copies them
into `workbench_answers.json` beside the assignment, to hand in with it: run it again if
you change your answers.

On Binder and Colab nothing is kept after the session ends. Before you close the tab,
download your answers file (`what-putin-is-really-after-answers/<your name>.json` in your
home folder) and any notebook you changed, or work on your course's JupyterHub or your
own computer, where they stay.

## When the course is updated (on a JupyterHub)

Your instructor's link brings the course's updates into your copy each time you click it,
and never loses your work:

- Edit the notebooks as you like: where you and the course changed the same lines, your
  version is kept; the course's other changes are merged in.
- To start a notebook over, delete it and click the link again.
- Keep your own new files outside this folder (for example in `~/my-work/`): a file of yours
  here whose name the course later uses is renamed with a timestamp.
- Do not run git commands in this folder.
- Your answers are saved outside this folder, so updates never touch them.

## Check that everything runs

```
.venv/bin/pip install -c constraints.txt -e ".[check]" && .venv/bin/python -m pytest --nbval notebooks
```

re-runs every notebook and compares each output with the one stored in it.
"""


EDITION_HEADING = README.splitlines()[0]  # how an earlier edition's README.md begins


def _refuse_unsafe(destination):
    """Stop before deleting anything unless `destination` is empty, holds only .git, or holds an earlier edition."""
    if destination == ROOT or ROOT in destination.parents or destination in ROOT.parents:
        raise SystemExit(f"{destination}: the student edition needs a folder of its own, outside the instructor's repository")
    if not destination.is_dir():
        return
    others = sorted(p.name for p in destination.iterdir() if p.name != ".git")
    readme = destination / "README.md"
    earlier = readme.is_file() and readme.read_text(encoding="utf-8", errors="replace").startswith(EDITION_HEADING)
    if others and not earlier:
        raise SystemExit(
            f"{destination}: holds {', '.join(others[:3])}{' ...' if len(others) > 3 else ''} but no earlier student edition "
            "(its README.md is not the edition's), so nothing was deleted; give an empty folder or the edition's own clone"
        )


def build(destination):
    """Write the student edition into `destination`, replacing an earlier edition but its .git; return the files written.

    Refuses, deleting nothing, a folder that is not empty and holds no earlier edition.
    """
    destination = Path(destination).resolve()
    _refuse_unsafe(destination)
    destination.mkdir(parents=True, exist_ok=True)
    for old in destination.iterdir():
        if old.name != ".git":
            shutil.rmtree(old) if old.is_dir() and not old.is_symlink() else old.unlink()
    for name in INCLUDED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=LEFT_OUT)
        else:
            shutil.copy2(source, destination / name)
    readme = README.format(binder=binder_url("notebooks/00_start_here.ipynb"))
    (destination / "README.md").write_text(readme, encoding="utf-8")
    (destination / ".gitignore").write_text(
        ".venv/\n__pycache__/\n*.egg-info/\n.ipynb_checkpoints/\nwhat-putin-is-really-after-answers/\nworkbench_answers.json\n",
        encoding="utf-8",
    )
    return sorted(p.relative_to(destination) for p in destination.rglob("*") if p.is_file() and ".git" not in p.parts)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("destination", help="folder for the student edition (a clone of its own repository)")
    args = parser.parse_args(argv)
    files = build(args.destination)
    print(f"student edition: {len(files)} files in {args.destination}, to publish as github.com/{REPOSITORY}")
    print(f"nbgitpuller link for a hub: {nbgitpuller_url('https://YOUR-HUB', 'notebooks/00_start_here.ipynb')}")


if __name__ == "__main__":
    main()
