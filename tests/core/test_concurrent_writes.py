"""Parallel writes on the embedded SQLite database: a real `buurtbaan serve` on a file database
takes parallel proposals, round confirmations and answers without a server error, and what it
stores adds up.

Before WAL, `BEGIN IMMEDIATE` and a busy timeout, most of these requests failed with "database is
locked": a transaction that had read first could not upgrade to a write lock while another one
held it, and SQLite refuses that at once instead of waiting.
"""

import http.client
import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.core.concurrent_scenario import ACCEPTS, CONFIRMS, PROPOSALS

PROJECT_DIR = Path(__file__).resolve().parents[2]
CSRF = "a" * 32  # an unmasked CSRF secret: Django accepts it as cookie and form value alike


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """Data folder, scenario and a served installation on SQLite, for this module's tests."""
    data_dir = tmp_path_factory.mktemp("concurrent")
    env = {
        **os.environ,
        "BUURTBAAN_DATA_DIR": str(data_dir),
        "SECRET_KEY": "concurrent-writes-test-key",
        "DEBUG": "true",
        "HTTPS": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "AXES_ENABLED": "false",
        "LOG_LEVEL": "WARNING",
        # The code next to these tests, whichever checkout the virtualenv was made for.
        "PYTHONPATH": os.pathsep.join([str(PROJECT_DIR / "src"), str(PROJECT_DIR)]),
    }
    env.pop("DATABASE_URL", None)  # the embedded default: SQLite in the data folder

    def scenario(command):
        done = subprocess.run(
            [sys.executable, "-m", "tests.core.concurrent_scenario", command],
            cwd=PROJECT_DIR,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        return json.loads(done.stdout.strip().splitlines()[-1])

    ids = scenario("setup")
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "buurtbaan", "serve", "--port", str(port), "--no-collectstatic"],
        cwd=PROJECT_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        yield ids, port, scenario
    finally:
        process.terminate()
        process.wait(timeout=10)


def post_all(port, requests):
    """POST every (path, session, fields) at the same moment; the status of each, in order."""
    start = threading.Barrier(len(requests))
    statuses = [None] * len(requests)

    def send(index, path, session, fields):
        body = urlencode({**fields, "csrfmiddlewaretoken": CSRF})
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        start.wait()
        connection.request(
            "POST",
            path,
            body=body,
            headers={
                "Host": "127.0.0.1",
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"sessionid={session}; csrftoken={CSRF}",
            },
        )
        try:
            statuses[index] = connection.getresponse().status
        except OSError as error:  # no answer within the timeout: the server hung on a lock
            statuses[index] = repr(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=send, args=(index, *request))
        for index, request in enumerate(requests)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def test_parallel_writes_on_sqlite_give_no_server_error_and_keep_the_data_whole(server):
    ids, port, scenario = server
    before = scenario("report")
    bureau, session = ids["bureau"], ids["coordinator_session"]

    proposals = [
        (
            f"/b/{bureau}/koppelen/klussen/{piece}/voorstellen/",
            session,
            {"resident": resident, "return_to": "piece"},
        )
        for resident, piece in ids["by_hand"]
    ]
    confirms = [
        (
            f"/b/{ids['other_bureau']}/koppelen/rondes/{ids['round']}/bevestigen/",
            ids["other_coordinator_session"],
            {"decision": "confirm", "version": ids["round_version"]},
        )
    ] * CONFIRMS
    accepts = [
        (
            f"/b/{bureau}/mijn-voorstellen/{answer['match']}/",
            answer["session"],
            {"answer": "accept"},
        )
        for answer in ids["answers"]
    ]
    # All at the same moment: more requests than the server has threads.
    statuses = post_all(port, proposals + confirms + accepts)
    after = scenario("report")

    assert {
        "proposals": statuses[:PROPOSALS],
        "confirms": statuses[PROPOSALS : PROPOSALS + CONFIRMS],
        "accepts": statuses[PROPOSALS + CONFIRMS :],
    } == {"proposals": [302] * PROPOSALS, "confirms": [302] * CONFIRMS, "accepts": [302] * ACCEPTS}
    # Every proposal stored once, the round's exactly once, every answer once.
    made = PROPOSALS + ids["round_assignments"]
    assert ids["round_assignments"] > 0
    assert after["matches"] == before["matches"] + made == after["pairs"]
    assert after["proposed_events"] == before["proposed_events"] + made
    assert after["most_on_one_piece"] == 1
    assert after["round_matches"] == ids["round_assignments"]
    assert after["rounds"] == ["confirmed"]
    assert after["accepted"] == after["accepted_events"] == ACCEPTS
    # One audit entry per proposal and answer, one for the confirmed round.
    assert after["audit_entries"] == before["audit_entries"] + PROPOSALS + 1 + ACCEPTS
