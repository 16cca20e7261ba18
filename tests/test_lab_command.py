"""The README's lab command serves on 127.0.0.1 only and refuses requests without the token."""

import json
import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _status(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def lab(free_port):
    port = free_port()
    log = ROOT / "test-artifacts" / "lab-command.log"
    log.parent.mkdir(exist_ok=True)
    env = {**os.environ, "JUPYTER_TOKEN": ""}
    env.pop("JUPYTER_TOKEN")
    with open(log, "w") as out:
        proc = subprocess.Popen(
            ["make", "--no-print-directory", "lab", f"LAB_ARGS=--no-browser --ServerApp.port={port}"],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )
    token = None
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        found = re.search(rf"http://127\.0\.0\.1:{port}/lab\S*\?token=(\w+)", log.read_text())
        if found:
            token = found.group(1)
            break
        time.sleep(0.2)
    # Jupyter Server prints its URL before the event loop binds the port: wait until it accepts a connection.
    while token and time.monotonic() < deadline and proc.poll() is None:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    try:
        assert token, f"lab did not start; see {log}:\n{log.read_text()[-2000:]}"
        yield port, token
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def test_lab_listens_on_loopback_only(lab):
    port, _ = lab
    listening = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        rows = [line.split() for line in Path(table).read_text().splitlines()[1:]]
        listening += [row[1] for row in rows if row[3] == "0A" and int(row[1].split(":")[1], 16) == port]
    assert listening == ["0100007F:" + f"{port:04X}"]


def test_lab_refuses_requests_without_the_token(lab):
    port, token = lab
    assert _status(f"http://127.0.0.1:{port}/api/contents/notebooks") == 403
    assert _status(f"http://127.0.0.1:{port}/api/contents/notebooks?token=wrong") == 403
    assert _status(f"http://127.0.0.1:{port}/api/contents/notebooks?token={token}") == 200


def test_lab_shows_the_course_as_students_see_it_without_nbgrader(lab):
    port, token = lab
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/lab?token={token}", timeout=10) as response:
        page = response.read().decode()
    config = json.loads(re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', page, re.S).group(1))
    assert "@jupyter/nbgrader" in config["disabledExtensions"]  # no Nbgrader menu, no Create Assignment panel
    assert _status(f"http://127.0.0.1:{port}/formgrader?token={token}") == 404
