"""The course on a real JupyterHub: an nbgitpuller link clicked by a student, an update over their edits,
and an assignment moved through nbgrader's exchange between separate users.

Runs as root (the README's test command does): it creates an instructor and two students as
throwaway system users with passwords, serves the student edition from the instructor's git
remote with `git daemon` on loopback, and starts JupyterHub on 127.0.0.1 with PAM login and the
local process spawner (see hub_driver.py).  Users, processes, ports, ACL entries and files are
removed afterwards, even when a test fails.  The README's "On a JupyterHub" describes this set-up.
"""

import csv
import hashlib
import http.cookiejar
import json
import os
import re
import shutil
import subprocess
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest
from assignment_answers import WRONG, answered, solutions
from hub_driver import (
    HUB_CONFIG,
    PROXY,
    GitDaemon,
    Hub,
    add_user,
    as_user,
    close_the_way,
    course_environment,
    leftovers,
    open_the_way,
    readable_by,
    remove_users,
)
from lab_driver import CHROMIUM, ROOT, launch_browser, run_notebook
from launch_links import nbgitpuller_url
from student_edition import build

pytestmark = [
    pytest.mark.hub,
    pytest.mark.skipif(os.geteuid() != 0, reason="creates system users: run as root (the README's test command is)"),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed"),
]
INSTRUCTOR, ADA, BO = "cvhub-teacher", "cvhub-ada", "cvhub-bo"
EDITION = "what-putin-is-really-after-student"
COURSE_ID = "what-putin-is-really-after"
NOTEBOOK = "notebooks/01_the_shoot_down_and_the_stakes.ipynb"
UNTOUCHED = "notebooks/02_the_puzzle_of_russian_involvement.ipynb"
ANSWERS = "what-putin-is-really-after-answers"
SHOTS = ROOT / "test-artifacts" / "screenshots"


def _git(*args, cwd):
    return as_user(INSTRUCTOR, ["git", "-c", "user.name=Instructor", "-c", "user.email=instructor@example.edu", *args], cwd=cwd)


def _chown(path, name):
    shutil.chown(path, name, name)
    for inside in Path(path).rglob("*"):
        shutil.chown(inside, name, name)


def _digest(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def course_hub():
    environment = course_environment()
    close_the_way(environment)  # what a crashed run may have left
    remove_users()
    work = Path(tempfile.mkdtemp(prefix="course-hub-"))
    work.chmod(0o755)
    hub = daemon = None
    try:
        homes = work / "home"
        homes.mkdir(mode=0o755)
        users = {name: add_user(name, homes) for name in (INSTRUCTOR, ADA, BO)}
        for name in users:
            (homes / name).chmod(0o700)  # a home is its owner's alone
        open_the_way(environment)
        # The instructor publishes the student edition to their own git remote, as the README says.
        edition, remote = homes / INSTRUCTOR / EDITION, work / "remote"
        build(edition)
        remote.mkdir(mode=0o755)
        _chown(edition, INSTRUCTOR)
        _chown(remote, INSTRUCTOR)
        _git("init", "-q", "-b", "main", cwd=edition)
        _git("add", "-A", cwd=edition)
        _git("commit", "-qm", "The student edition", cwd=edition)
        _git("clone", "-q", "--bare", str(edition), str(remote / EDITION), cwd=edition)
        daemon = GitDaemon(remote, INSTRUCTOR, work / "git-daemon.log")
        hub = Hub(work, users, environment[0], admin=INSTRUCTOR)
        # log_tail: conftest.py adds the hub's own log to the report of a failed test
        yield SimpleNamespace(hub=hub, work=work, homes=homes, edition=edition, repository=daemon.url(EDITION), log_tail=hub.log_tail)
    finally:
        if hub:
            hub.stop()
        if daemon:
            daemon.stop()
        close_the_way(environment)
        remove_users()
        shutil.rmtree(work, ignore_errors=True)
    assert leftovers(environment) == [], "the hub test cleans up after itself"


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_browser(playwright)
        yield chromium
        chromium.close()


class _AsSeenBy:
    """lab_driver's view of a JupyterLab, for one user's server behind the hub."""

    def __init__(self, hub, name):
        self.hub, self.name = hub, name

    def notebook_url(self, relative_path):
        return self.hub.notebook_url(self.name, relative_path)

    def log_tail(self):
        return self.hub.log_tail()


def _follow(page, link, folder):
    """Click the nbgitpuller link and wait until JupyterLab shows the notebook it names, open."""
    page.goto(link)
    page.wait_for_url(f"**/lab/tree/{folder}/**", timeout=120_000)
    page.wait_for_function(
        "path => window.jupyterapp?.shell.currentWidget?.context?.path === path", arg=f"{folder}/{NOTEBOOK}", timeout=120_000
    )


def test_a_student_follows_the_link_and_an_update_keeps_their_edits(course_hub, browser):
    hub, home = course_hub.hub, course_hub.homes / ADA
    link = nbgitpuller_url(hub.url, NOTEBOOK, course_hub.repository)
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    hub.log_in(page, ADA)
    _follow(page, link, EDITION)
    SHOTS.mkdir(parents=True, exist_ok=True)
    report = run_notebook(page, _AsSeenBy(hub, ADA), f"{EDITION}/{NOTEBOOK}", screenshot=SHOTS / "hub-student-notebook-01.png")
    assert not report.problems(), report.problems()
    assert report.figures_drawn == report.figures > 0
    pulled = home / EDITION
    assert (pulled / NOTEBOOK).stat().st_uid == (home.stat().st_uid)  # cloned by the student's own server, as the student

    # The student works: edits notebook 01, leaves 02 alone, and saves answers as the workbench does.
    note = "My own reading: the sanctions were aimed at Russian voters as much as at Ankara."
    edit = (
        "import nbformat, sys; path = sys.argv[1]; nb = nbformat.read(path, 4); "
        "nb.cells.append(nbformat.v4.new_markdown_cell(sys.argv[2])); nbformat.write(nb, path)"
    )
    python = str(course_hub.hub.environment / "bin" / "python")
    as_user(ADA, [python, "-c", edit, str(pulled / NOTEBOOK), note])
    as_user(ADA, [python, "-c", "from helpers.answers import AnswerStore; AnswerStore().set('evidence', 'su24-shootdown-2015', 2)"])
    answers = home / ANSWERS / f"{ADA}.json"
    assert json.loads(answers.read_text())["answers"]["evidence"] == {"su24-shootdown-2015": 2}
    kept = _digest(answers)
    # A control: a file kept inside the pulled folder, where the update brings a file of the same name.
    planted = pulled / "notebooks" / "reading_notes.md"
    as_user(ADA, ["sh", "-c", f"echo 'my notes, not the course' > '{planted}'"])
    planted_digest = _digest(planted)

    # The instructor changes notebook 01 (which the student edited) and 02, and adds a file.
    edition = course_hub.edition
    change = (
        "import nbformat, sys; path = sys.argv[1]; nb = nbformat.read(path, 4); nb.cells[0].source += sys.argv[2]; nbformat.write(nb, path)"
    )
    as_user(INSTRUCTOR, [python, "-c", change, str(edition / NOTEBOOK), "\n\n*Updated for this term.*"])
    as_user(INSTRUCTOR, [python, "-c", change, str(edition / UNTOUCHED), "\n\n*Updated for this term.*"])
    as_user(INSTRUCTOR, ["sh", "-c", f"echo '# Reading notes for week 3' > '{edition / 'notebooks' / 'reading_notes.md'}'"])
    _git("add", "-A", cwd=edition)
    _git("commit", "-qm", "Updates for this term", cwd=edition)
    _git("push", "-q", str(course_hub.work / "remote" / EDITION), "main", cwd=edition)

    page.context.close()  # the student goes home; another day, another browser session
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    hub.log_in(page, ADA)
    _follow(page, link, EDITION)  # and clicks the same link again
    shown = page.evaluate(
        """async () => { await window.jupyterapp.shell.currentWidget.context.ready;
                   const notebook = window.jupyterapp.shell.currentWidget.content;
                   notebook.activeCellIndex = notebook.widgets.length - 1;
                   return notebook.widgets.map(cell => cell.model.sharedModel.getSource()); }"""
    )
    page.wait_for_timeout(500)
    page.screenshot(path=SHOTS / "hub-after-update.png")
    assert shown[-1] == note and shown[0].endswith("*Updated for this term.*"), "the student sees both in JupyterLab"
    mine = nbformat.read(pulled / NOTEBOOK, 4)
    assert mine.cells[-1].source == note, "the student's edit survived the update"
    assert nbformat.read(pulled / UNTOUCHED, 4).cells[0].source.endswith("*Updated for this term.*"), "the untouched notebook was updated"
    assert (pulled / "notebooks" / "reading_notes.md").read_text() == "# Reading notes for week 3\n", "the new file arrived"
    assert _digest(answers) == kept, "the answers file, outside the pulled folder, is untouched"
    # The control shows the check can fail: a student's file inside the pulled folder did not survive in place.
    assert _digest(planted) != planted_digest
    page.context.close()


def _nbgrader(name, *args, cwd):
    environment = course_environment()[0]
    command = [str(environment / "bin" / "nbgrader"), *args]
    return as_user(name, command, cwd=cwd, env={"PATH": f"{environment / 'bin'}:/usr/bin:/bin"})


def test_an_assignment_goes_through_the_exchange_between_real_users(course_hub):
    homes, work = course_hub.homes, course_hub.work
    exchange = work / "exchange"
    exchange.mkdir()
    exchange.chmod(0o1777)  # as the README says: anyone may add, no one may remove another's
    flags = [f"--Exchange.root={exchange}", f"--CourseDirectory.course_id={COURSE_ID}"]
    # The instructor's course folder: the assignments' sources, nbgrader's configuration and the sandbox.
    course = homes / INSTRUCTOR / "course"
    shutil.copytree(
        ROOT / "assignments", course / "assignments", ignore=shutil.ignore_patterns("submitted", "autograded", "feedback", "*.db", "*.csv")
    )
    _chown(course, INSTRUCTOR)
    assignment = "a1_timeline"
    source = ROOT / "assignments" / "source" / assignment / f"{assignment}.ipynb"
    _nbgrader(INSTRUCTOR, "generate_assignment", assignment, "--force", cwd=course / "assignments")
    _nbgrader(INSTRUCTOR, "release_assignment", assignment, *flags, cwd=course / "assignments")

    for student, answers in ((ADA, solutions(source)), (BO, WRONG[assignment])):
        _nbgrader(student, "fetch_assignment", assignment, *flags, cwd=homes / student)
        fetched = homes / student / assignment / f"{assignment}.ipynb"
        nbformat.write(answered(fetched, answers), fetched)
        shutil.chown(fetched, student, student)
        _nbgrader(student, "submit", assignment, *flags, cwd=homes / student)

    _nbgrader(INSTRUCTOR, "collect", assignment, *flags, cwd=course / "assignments")
    _nbgrader(INSTRUCTOR, "autograde", assignment, cwd=course / "assignments")
    _nbgrader(INSTRUCTOR, "export", "--to", "grades.csv", cwd=course / "assignments")
    rows = {r["student_id"]: r for r in csv.DictReader((course / "assignments" / "grades.csv").open())}
    points = sum(
        c.metadata["nbgrader"].get("points", 0)
        for c in nbformat.read(source, 4).cells
        if c.metadata.get("nbgrader", {}).get("grade") and not c.metadata["nbgrader"].get("solution")
    )
    assert (float(rows[ADA]["score"]), float(rows[BO]["score"])) == (points, 0.0)

    # What a student cannot reach: the other's submission, the instructor's sources and the gradebook.
    inbound = exchange / COURSE_ID / "inbound"
    [ada_submission] = [p for p in inbound.iterdir() if p.name.startswith(f"{ADA}+")]
    assert not readable_by(BO, inbound), "students cannot list the inbound folder"
    # nbgrader leaves each submission's files world-readable and relies on its folder's name, which a
    # student cannot list and ends in a random part, to keep it from the others (the README says so).
    student, name, stamp, random_part = ada_submission.name.split("+")
    assert (student, name) == (ADA, assignment) and len(random_part) >= 8
    assert not readable_by(BO, inbound / f"{ADA}+{assignment}+{stamp}" / f"{assignment}.ipynb"), "the name cannot be guessed"
    assert not readable_by(BO, course / "assignments" / "source" / assignment / f"{assignment}.ipynb")
    assert not readable_by(BO, course / "assignments" / "gradebook.db")
    assert readable_by(BO, exchange / COURSE_ID / "outbound" / assignment / f"{assignment}.ipynb"), "the release is for everyone"
    # The control shows the check can fail: a submission left world-readable in a listable folder.
    exposed = work / "exposed"
    shutil.copytree(ada_submission, exposed)
    subprocess.run(["chmod", "-R", "a+rX", str(exposed)], check=True)
    assert readable_by(BO, exposed / f"{assignment}.ipynb")


def test_the_hub_listens_on_loopback_only_and_needs_each_users_password(course_hub):
    config = (course_hub.work / "jupyterhub_config.py").read_text()
    assert 'c.JupyterHub.ip = "127.0.0.1"' in config and 'c.JupyterHub.authenticator_class = "pam"' in config and PROXY.exists()
    login = f"{course_hub.hub.url}/hub/login"
    cookies = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies))
    opener.open(login)
    xsrf = next(c.value for c in cookies if c.name == "_xsrf")
    for password, expected in (("not-" + course_hub.hub.users[ADA], 403), (course_hub.hub.users[ADA], 200)):
        form = urllib.parse.urlencode({"username": ADA, "password": password, "_xsrf": xsrf}).encode()
        try:
            status = opener.open(urllib.request.Request(login, data=form)).status
        except urllib.error.HTTPError as error:
            status = error.code
        assert status == expected, (password == course_hub.hub.users[ADA], status)


README = (ROOT / "README.md").read_text(encoding="utf-8")
HUB_SECTION = README.split("## On a JupyterHub (for hub admins)", 1)[1].split("\n## ", 1)[0]


def _block(language, after):
    return HUB_SECTION.split(after, 1)[1].split(f"```{language}\n", 1)[1].split("```", 1)[0]


def test_the_readme_shows_the_hubs_own_settings():
    """Every setting the test's hub is given is in the README's example, and nothing else."""
    settings = re.compile(r"^(c\.\w+\.\w+) = ", re.M)
    shown = settings.findall(_block("python", "### The hub the tests start"))
    assert shown == settings.findall(HUB_CONFIG)


def test_the_zero_to_jupyterhub_sketch_mounts_the_exchange_where_nbgrader_looks():
    import yaml

    values = yaml.safe_load(_block("yaml", "### Zero to JupyterHub"))["singleuser"]
    [mount] = values["storage"]["extraVolumeMounts"]
    [volume] = values["storage"]["extraVolumes"]
    config = values["extraFiles"]["nbgrader-config"]
    assert mount["name"] == volume["name"] and config["mountPath"] == "/etc/jupyter/nbgrader_config.py"
    assert f'c.Exchange.root = "{mount["mountPath"]}"' in config["stringData"]
    assert f'c.Exchange.root = "{mount["mountPath"]}"' in _block("python", "### The nbgrader exchange and its permissions")
