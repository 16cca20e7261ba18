"""nbgrader, as this course grades: a sandbox for submissions' kernels, and a quiet check of untouched test cells.

nbgrader_config.py sets both.  The sandbox:

nbgrader runs each submitted notebook in a kernel with the grader's own rights, so a
submission could read the hidden tests, read or change other students' work, or write
to the gradebook.  `SandboxedKernelManager` (set in nbgrader_config.py as the execute
preprocessor's kernel manager) starts that kernel inside bubblewrap (Debian's `bwrap`):

- as an unprivileged user with no capabilities, in its own process namespace;
- the whole file system read-only; the course folders, the grader's Jupyter folders (other
  kernels' connection files, tokens) and the grader's own answers hidden, except the
  course's runtime package, data and virtual environment, read-only;
- its own submission folder the one place it can write (plus an empty /tmp and home
  that vanish with it).

It refuses to start without bwrap rather than grade unsandboxed.

`UntouchedTestCells` removes a false alarm at its cause.  nbgrader stores each test
cell's checksum with its hidden tests, and releases the cell without them; so when it
autogrades an untouched submission, every cell with hidden tests looks edited and it
warns "Attribute 'checksum' ... has changed!" (jupyter/nbgrader#1961).  A cell that is
exactly the released cell gets its hidden tests back before nbgrader's check, so only a
cell the student really changed is reported.
"""

import importlib.util
import os
import shutil
import sys
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from nbformat import NotebookNode
from nbgrader import utils
from nbgrader.api import MissingEntry
from nbgrader.preprocessors import ClearHiddenTests, OverwriteCells

COURSE = Path(__file__).resolve().parents[1]  # the course folder this configuration grades
RUNTIME = ("helpers", "data", "seeds")  # what a submission's kernel may read of the course repository


class SandboxUnavailable(RuntimeError):
    pass


def sandbox_command(command, workdir, hidden, readable, connection_file):
    """bwrap's arguments around `command`: `workdir` writable, `hidden` folders emptied, `readable` shown read-only."""
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        raise SandboxUnavailable("bwrap is not installed: `apt-get install bubblewrap` (the README's test command does this)")
    workdir = Path(workdir).resolve()
    arguments = [bwrap, "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp"]
    for folder in sorted({Path(h).resolve() for h in hidden}, key=lambda p: len(p.parts)):  # outer folders first
        arguments += ["--tmpfs", str(folder)]
    for path in readable:
        if Path(path).exists():
            arguments += ["--ro-bind", str(Path(path).resolve()), str(Path(path).resolve())]
    connection_file = str(Path(connection_file).resolve())  # this kernel's own, not the folder of every kernel's keys
    arguments += ["--ro-bind", connection_file, connection_file]
    arguments += ["--bind", str(workdir), str(workdir), "--chdir", str(workdir), "--setenv", "HOME", "/tmp"]
    arguments += ["--unsetenv", "COURSE_ANSWERS_DIR", "--unsetenv", "COURSE_GRADING_ROOT"]
    # The parent's pid means nothing in the new pid namespace: 1 tells ipykernel not to watch it (--die-with-parent does).
    arguments += ["--setenv", "JPY_PARENT_PID", "1"]
    arguments += ["--unshare-user", "--uid", "65534", "--gid", "65534", "--unshare-pid", "--unshare-ipc", "--unshare-uts"]
    arguments += ["--cap-drop", "ALL", "--new-session", "--die-with-parent", "--"]
    return arguments + list(command)


class SandboxedKernelManager(AsyncKernelManager):
    """A kernel manager whose kernels run in `sandbox_command`'s sandbox, in the notebook's own folder."""

    async def start_kernel(self, **kw):
        self._workdir = kw.get("cwd") or os.getcwd()
        return await super().start_kernel(**kw)

    def format_kernel_cmd(self, extra_arguments=None):
        command = super().format_kernel_cmd(extra_arguments)
        grading_root = Path(os.environ.get("COURSE_GRADING_ROOT", COURSE))
        repository = Path(importlib.util.find_spec("helpers").origin).parents[1]  # where the course package is installed from
        home = Path.home()
        private = [home / ".jupyter", home / ".local" / "share" / "jupyter", home / "what-putin-is-really-after-answers"]
        hidden = [grading_root, *(folder for folder in private if folder.is_dir())]
        if (repository / "assignments").is_dir():  # an instructor's repository: hide it all but the runtime
            hidden.append(repository)
        readable = [repository / name for name in RUNTIME] + [Path(sys.prefix)]
        quiet = ["--IPKernelApp.log_level=ERROR"]  # not the kernel's start-up chatter in the grader's log
        return sandbox_command(command + quiet, self._workdir, hidden, readable, self.connection_file)


class UntouchedTestCells(OverwriteCells):
    """nbgrader's OverwriteCells, with an untouched released test cell given back its hidden tests first."""

    def preprocess_cell(self, cell, resources, index):
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id and utils.is_locked(cell):
            try:
                source = self.gradebook.find_source_cell(grade_id, self.notebook_id, self.assignment_id)
            except MissingEntry:
                source = None
            if source is not None and cell.source == _as_released(source):
                cell.source = source.source
        return super().preprocess_cell(cell, resources, index)


def _as_released(source_cell):
    """A source cell's text as the release shows it: nbgrader's own ClearHiddenTests applied to a copy."""
    nbgrader = {"grade": True, "solution": False, "locked": True}  # a test cell, which is where hidden tests live
    copy = NotebookNode(cell_type="code", source=source_cell.source, metadata={"nbgrader": nbgrader}, outputs=[], execution_count=None)
    cleared, _ = ClearHiddenTests().preprocess_cell(copy, {}, 0)
    return cleared.source
