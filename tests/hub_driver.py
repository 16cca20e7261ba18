"""A real JupyterHub for the tests: throwaway system users, the course's single-user environment, and cleanup.

The hub (JupyterHub from the lock, with configurable-http-proxy from npm) listens on 127.0.0.1
only, logs users in through PAM with their passwords, and starts each user's JupyterLab as that
user, in that user's home, with LocalProcessSpawner.  The single-user environment is built as a
hub image would be: a virtual environment with the course package, nbgitpuller and nbgrader,
installed from the lock (not the repository's editable one, which another user may not be able
to read).  Everything lives in one work folder; `Hub.stop` and `remove_users` undo it all, and
users left by an earlier run that crashed are removed first.
"""

import grp
import os
import pwd
import secrets
import shutil
import signal
import socket
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from lab_driver import ROOT, free_port

PREFIX = "cvhub-"  # every throwaway user's name starts with this, so a crashed run's users can be found
GROUP = "cvhub-users"  # their group: the one allowed into the folders that lead to the course's environment
PROXY = ROOT / "node_modules" / ".bin" / "configurable-http-proxy"


# The hub's configuration; the README's "The hub the tests start" shows the same settings.
HUB_CONFIG = """\
c.JupyterHub.ip = "127.0.0.1"  # loopback only
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.command = ["{proxy}"]  # configurable-http-proxy, from the npm lock
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{api_port}"
c.ConfigurableHTTPProxy.pid_file = "{work}/proxy.pid"
c.JupyterHub.authenticator_class = "pam"  # system users log in with their passwords
c.Authenticator.allowed_users = set({users})
c.Authenticator.admin_users = {{"{admin}"}}
c.JupyterHub.spawner_class = "localprocess"  # each user's server runs as that user, in their home
c.Spawner.cmd = ["{environment}/bin/jupyterhub-singleuser"]  # the course's environment
c.Spawner.default_url = "/lab"
c.Spawner.environment = {{"PATH": "{environment}/bin:/usr/bin:/bin", "LANG": "C.UTF-8"}}
c.Spawner.args = ["--LabApp.expose_app_in_browser=True"]  # for the tests' browser only
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.JupyterHub.db_url = "sqlite:///{work}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{work}/cookie_secret"
c.JupyterHub.cleanup_servers = True  # stopping the hub stops every user's server
"""


def leftovers(environment_paths):
    """What a hub run may leave behind: throwaway users, their group, processes and ACL entries (empty when clean)."""
    found = [f"user {e.pw_name}" for e in pwd.getpwall() if e.pw_name.startswith(PREFIX)]
    found += [f"group {g.gr_name}" for g in grp.getgrall() if g.gr_name.startswith(PREFIX)]
    for folder in _closed_ancestors(environment_paths):
        acl = subprocess.run(["getfacl", "--omit-header", str(folder)], capture_output=True, text=True).stdout
        found += [f"ACL entry on {folder}" for line in acl.splitlines() if line.startswith(f"group:{GROUP}")]
    processes = subprocess.run(["pgrep", "-f", "jupyterhub|configurable-http-proxy|git daemon"], capture_output=True, text=True).stdout
    found += [f"process {pid}" for pid in processes.split() if int(pid) != os.getpid()]
    return found


def remove_users(prefix=PREFIX):
    """Stop every process of the throwaway users and delete them with their homes."""
    for entry in pwd.getpwall():
        if entry.pw_name.startswith(prefix):
            subprocess.run(["pkill", "-KILL", "-u", entry.pw_name], check=False)
            subprocess.run(["userdel", "--remove", "--force", entry.pw_name], check=False, capture_output=True)
    for group in grp.getgrall():
        if group.gr_name.startswith(prefix):
            subprocess.run(["groupdel", group.gr_name], check=False, capture_output=True)


def add_user(name, homes):
    """A system user with a home under `homes` and a random password; returns the password."""
    password = secrets.token_urlsafe(12)
    if GROUP not in {g.gr_name for g in grp.getgrall()}:
        subprocess.run(["groupadd", GROUP], check=True)
    subprocess.run(
        ["useradd", "--create-home", "--home-dir", str(homes / name), "--shell", "/bin/bash", "--groups", GROUP, name], check=True
    )
    subprocess.run(["chpasswd"], input=f"{name}:{password}", text=True, check=True)
    return password


def course_environment():
    """The course's own environment (.venv: the course package, nbgitpuller, nbgrader, jupyterhub-singleuser) and its python."""
    return Path(sys.prefix), Path(os.path.realpath(sys.executable)).parents[1]


def _closed_ancestors(paths):
    """The folders on the way to `paths` that other users cannot enter (root's home, typically)."""
    found = []
    for path in paths:
        for folder in [Path(path), *Path(path).parents]:
            if not folder.stat().st_mode & stat.S_IXOTH and folder not in found:
                found.append(folder)
    return found


def open_the_way(paths, group=GROUP):
    """Let the throwaway users' group, and no one else, enter the folders on the way to `paths` (an ACL entry each)."""
    folders = _closed_ancestors(paths)
    for folder in folders:
        subprocess.run(["setfacl", "-m", f"g:{group}:x", str(folder)], check=True)
    return folders


def close_the_way(paths, group=GROUP):
    """Remove the ACL entries `open_the_way` added (and any a crashed run left)."""
    for folder in _closed_ancestors(paths):
        subprocess.run(["setfacl", "-x", f"g:{group}", str(folder)], check=False, capture_output=True)


def as_user(name, command, cwd=None, env=None, check=True, **kwargs):
    """Run a command as a throwaway user, in their home unless told otherwise, with the single-user PATH."""
    home = Path(pwd.getpwnam(name).pw_dir)
    environment = {"HOME": str(home), "USER": name, "LANG": "C.UTF-8", "PATH": os.environ.get("HUB_USER_PATH", "/usr/bin:/bin")}
    environment.update(env or {})
    result = subprocess.run(
        command, cwd=cwd or home, env=environment, user=name, group=name, extra_groups=[GROUP], capture_output=True, text=True, **kwargs
    )
    if check and result.returncode:
        raise AssertionError(
            f"{' '.join(map(str, command))} as {name} failed ({result.returncode}):\n{result.stdout[-2000:]}{result.stderr[-3000:]}"
        )
    return result


class Hub:
    """JupyterHub on 127.0.0.1 with PAM login and LocalProcessSpawner, run from `work`."""

    def __init__(self, work, users, environment, admin):
        self.work, self.users, self.environment = Path(work), users, Path(environment)
        self.port, hub_port, api_port = free_port(), free_port(), free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = self.work / "jupyterhub_config.py"
        config.write_text(
            HUB_CONFIG.format(
                port=self.port,
                hub_port=hub_port,
                api_port=api_port,
                proxy=PROXY,
                work=self.work,
                users=sorted(users),
                admin=admin,
                environment=self.environment,
            )
        )
        self.log_path = self.work / "jupyterhub.log"
        self.log = open(self.log_path, "w")
        jupyterhub = Path(sys.executable).with_name("jupyterhub")
        self.process = subprocess.Popen(
            [str(jupyterhub), "-f", str(config)], cwd=self.work, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )
        deadline = time.monotonic() + 60
        while True:
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the hub did not start:\n{self.log_tail()}")
            try:
                urllib.request.urlopen(f"{self.url}/hub/api", timeout=2)
                return
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.3)

    def log_tail(self, characters=4000):
        """The end of the hub's own log (conftest.py adds it to the report of a failed test)."""
        self.log.flush()
        return f"{self.log_path}:\n{self.log_path.read_text(errors='replace')[-characters:]}"

    def log_in(self, page, name):
        """Log in through the hub's login page, as a student types it, and wait for the user's JupyterLab."""
        page.goto(f"{self.url}/hub/login")
        page.fill("#username_input", name)
        page.fill("#password_input", self.users[name])
        page.click("#login_submit")
        page.wait_for_url(f"**/user/{name}/lab**", timeout=150_000)

    def notebook_url(self, name, relative_path):
        return f"{self.url}/user/{name}/lab/tree/{relative_path}?reset"

    def stop(self):
        """Stop the hub; it stops the proxy and every user's server (cleanup_servers), and anything left is killed."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
        pid_file = self.work / "proxy.pid"
        if pid_file.exists():
            subprocess.run(["kill", "-KILL", pid_file.read_text().strip()], check=False, capture_output=True)
        self.log.close()


class GitDaemon:
    """`git daemon` serving the bare repositories under `base` on loopback, run as their owner (the instructor).

    Serving through git's own daemon, as a course's git host would, rather than a file:// URL, also
    keeps git's ownership check happy: each student's git never opens the instructor's files itself.
    """

    def __init__(self, base, owner, log_path):
        self.port = free_port()
        self.log = open(log_path, "w")
        self.process = subprocess.Popen(
            ["git", "daemon", "--reuseaddr", "--export-all", "--listen=127.0.0.1", f"--port={self.port}", f"--base-path={base}", str(base)],
            user=owner,
            group=owner,
            extra_groups=[],
            env={"HOME": pwd.getpwnam(owner).pw_dir, "PATH": "/usr/bin:/bin"},
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise RuntimeError(f"git daemon did not start: {Path(log_path).read_text()[-2000:]}") from None
                time.sleep(0.2)

    def url(self, name):
        return f"git://127.0.0.1:{self.port}/{name}"

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=10)
        self.log.close()


def readable_by(name, path):
    """True if the user can read the file or list the folder at `path`."""
    command = ["ls", str(path)] if Path(path).is_dir() else ["head", "-c", "1", str(path)]
    return as_user(name, command, check=False).returncode == 0


def clean_work_folder(work):
    shutil.rmtree(work, ignore_errors=True)
