"""`buurtbaan demo` and `buurtbaan serve` in a real process: links in e-mails follow --host and
--port (SITE_URL), and the demo runs without DEBUG, so that it shows the site's own error pages,
while still serving the static files from the source folders."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from buurtbaan import cli

# Runs a command of the `buurtbaan` script, without migrating or loading the demo (slow, and not
# what these tests are about) nor background threads; prints the settings it serves with.
SCRIPT = """
import sys
import django.core.management
from buurtbaan import cli

django.core.management.call_command = lambda *args, **kwargs: None
cli._start_background_work = lambda: None
serve = cli._serve

def print_settings_and_serve(host, port, threads):
    from django.conf import settings
    print("SITE_URL", settings.SITE_URL, flush=True)
    print("DEBUG", settings.DEBUG, flush=True)
    serve(host, port, threads)

cli._serve = print_settings_and_serve
cli.main(sys.argv[1:])
"""

#: What the tests' own environment may hold and the commands must decide for themselves.
DECIDED_BY_THE_COMMAND = (
    "DEBUG",
    "SITE_URL",
    "ALLOWED_HOSTS",
    "HTTPS",
    "EMAIL_BACKEND",
    "STATIC_FROM_SOURCE",
    "DATABASE_URL",
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def run(tmp_path):
    processes = []

    def _run(*arguments, **environment):
        env = {k: v for k, v in os.environ.items() if k not in DECIDED_BY_THE_COMMAND}
        env.update(BUURTBAAN_DATA_DIR=str(tmp_path), LOG_LEVEL="WARNING", **environment)
        process = subprocess.Popen(
            [sys.executable, "-c", SCRIPT, *arguments],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        processes.append(process)
        printed = {}
        while len(printed) < 2:
            line = process.stdout.readline()
            assert line, f"the process stopped: {process.wait()}"
            name, _, value = line.strip().partition(" ")
            if name in ("SITE_URL", "DEBUG"):
                printed[name] = value
        return printed

    def _console():
        """What the last process printed after its settings, once it has stopped."""
        process = processes[-1]
        process.terminate()
        return process.communicate(timeout=30)[0]

    _run.console = _console

    yield _run
    for process in processes:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=30)
        process.stdout.close()


def get(url: str) -> tuple[int, str]:
    for _ in range(100):
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()
        except OSError:
            time.sleep(0.1)  # not listening yet
    raise AssertionError(f"no answer from {url}")


def test_the_demo_links_to_its_own_port_and_shows_the_real_error_pages(run):
    port = free_port()
    printed = run("demo", "--port", str(port))
    assert printed == {"SITE_URL": f"http://127.0.0.1:{port}", "DEBUG": "False"}

    status, css = get(f"http://127.0.0.1:{port}/static/css/buurtbaan.css")
    assert status == 200
    assert ".skip-link" in css
    status, html = get(f"http://127.0.0.1:{port}/bestaat-niet/nergens/hier/")
    assert status == 404
    assert "<h1>Pagina niet gevonden</h1>" in html
    assert "/static/css/buurtbaan.css" in html  # in the site's layout, with its styles
    assert "URLconf" not in html
    assert "Warning" not in run.console()  # e.g. whitenoise's "No directory at" STATIC_ROOT


def test_debug_true_keeps_the_debug_pages_in_the_demo(run):
    port = free_port()
    printed = run("demo", "--port", str(port), DEBUG="true")
    assert printed["DEBUG"] == "True"
    status, html = get(f"http://127.0.0.1:{port}/bestaat-niet/nergens/hier/")
    assert status == 404
    assert "URLconf" in html  # Django's technical 404 page


def test_serve_links_to_its_own_host_and_port(run):
    port = free_port()
    printed = run("serve", "--no-collectstatic", "--host", "localhost", "--port", str(port))
    assert printed["SITE_URL"] == f"http://localhost:{port}"


def test_a_site_url_from_the_environment_wins(run):
    port = free_port()
    printed = run(
        "serve", "--no-collectstatic", "--port", str(port), SITE_URL="https://buurt.example.org"
    )
    assert printed["SITE_URL"] == "https://buurt.example.org"


@pytest.mark.parametrize(
    ("host", "url"),
    [
        ("127.0.0.1", "http://127.0.0.1:8080"),
        ("0.0.0.0", "http://127.0.0.1:8080"),  # every address: this machine's own works
        ("::1", "http://[::1]:8080"),
        ("buurtbaan.local", "http://buurtbaan.local:8080"),
    ],
)
def test_the_site_url_follows_the_address_the_server_listens_on(host, url):
    assert cli._site_url(host, 8080) == url
