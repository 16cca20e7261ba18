"""Ways in: Binder (checked with repo2docker), nbgitpuller links for a course hub, Colab badges."""

import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import nbformat
import pytest
from launch_links import REPOSITORY, binder_url, colab_url, main, nbgitpuller_url

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def repo2docker_plan():
    """What Binder would build, printed by repo2docker without Docker."""
    command = Path(sys.executable).with_name("repo2docker")
    result = subprocess.run([str(command), "--no-build", "--debug", str(ROOT)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout + result.stderr


@pytest.mark.executes
def test_binder_builds_our_python_and_installs_our_package_from_the_lock(repo2docker_plan):
    runtime = (ROOT / "binder" / "runtime.txt").read_text().strip()
    assert runtime == "python-3.11"
    assert "python=3.11" in repo2docker_plan
    assert 'pip install --no-cache-dir -r "binder/requirements.txt"' in repo2docker_plan
    assert "./binder/postBuild" in repo2docker_plan
    requirements = (ROOT / "binder" / "requirements.txt").read_text().split()
    assert requirements == ["-c", "../constraints.txt", "."]
    assert (ROOT / "constraints.txt").read_text().count("==") > 50


def test_nbgitpuller_link_opens_the_notebook_inside_the_repo_folder():
    link = nbgitpuller_url("https://hub.example.edu/", "notebooks/05_two_readings_workbench.ipynb")
    parsed = urlparse(link)
    assert (parsed.scheme, parsed.netloc, parsed.path) == ("https", "hub.example.edu", "/hub/user-redirect/git-pull")
    query = parse_qs(parsed.query)
    folder = REPOSITORY.split("/")[1]
    assert query["repo"] == [f"https://github.com/{REPOSITORY}"]
    assert query["urlpath"] == [f"lab/tree/{folder}/notebooks/05_two_readings_workbench.ipynb"]
    assert query["branch"] == ["main"] and query["targetpath"] == [folder]
    local = parse_qs(urlparse(nbgitpuller_url("http://127.0.0.1:8000", "a.ipynb", "git://127.0.0.1:9418/course.git")).query)
    assert (local["repo"], local["targetpath"], local["urlpath"]) == (
        ["git://127.0.0.1:9418/course.git"],
        ["course"],
        ["lab/tree/course/a.ipynb"],
    )
    with pytest.raises(ValueError):
        nbgitpuller_url("hub.example.edu", "x.ipynb")


def test_the_command_prints_the_link(capsys):
    main(["--hub", "https://hub.example.edu", "notebooks/01_the_shoot_down_and_the_stakes.ipynb"])
    assert capsys.readouterr().out.strip() == nbgitpuller_url("https://hub.example.edu", "notebooks/01_the_shoot_down_and_the_stakes.ipynb")


def test_readme_and_every_notebook_carry_working_badges():
    readme = (ROOT / "README.md").read_text()
    assert binder_url("notebooks/00_start_here.ipynb") in readme
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        first = nbformat.read(path, as_version=4).cells[0].source
        relative = f"notebooks/{path.name}"
        assert binder_url(relative) in first and colab_url(relative) in first
        assert (ROOT / relative).exists()
        assert parse_qs(urlparse(binder_url(relative)).query)["urlpath"] == [f"lab/tree/{relative}"]


def test_setup_cells_install_the_package_when_it_is_missing():
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        setup = nbformat.read(path, as_version=4).cells[2].source
        assert "except ModuleNotFoundError:" in setup
        assert f"git+https://github.com/{REPOSITORY}" in setup


@pytest.mark.executes
@pytest.mark.skipif(not shutil.which("unshare"), reason="needs unshare for a network namespace")
def test_the_course_runs_with_no_network(tmp_path):
    """Every notebook passes strict nbval inside a network namespace that has only loopback."""
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True)
    if probe.returncode:
        pytest.skip("network namespaces are not allowed here")
    script = (
        "ip link set lo up && "
        f"{sys.executable} -c \"import socket; socket.create_connection(('1.1.1.1', 443), timeout=3)\" 2>/dev/null "
        "&& echo NETWORK-REACHABLE; "
        f"{sys.executable} -m pytest --nbval -q -p no:cacheprovider {ROOT / 'notebooks'}"
    )
    result = subprocess.run(
        ["unshare", "-n", "sh", "-c", script],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
        env={**__import__("os").environ, "COURSE_ANSWERS_DIR": str(tmp_path / "answers")},
    )
    assert "NETWORK-REACHABLE" not in result.stdout
    assert result.returncode == 0, result.stdout[-3000:]
    assert " passed" in result.stdout
