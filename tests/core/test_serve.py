"""`buurtbaan serve` refuses oversized requests before Django reads them."""

import socket
import threading
import time

import pytest

from buurtbaan import cli


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.django_db
def test_the_server_refuses_a_request_body_over_the_limit(monkeypatch):
    monkeypatch.setattr(cli, "MAX_REQUEST_BYTES", 1000)
    port = free_port()
    server = threading.Thread(target=cli._serve, args=("127.0.0.1", port, 1), daemon=True)
    server.start()
    for _ in range(50):
        try:
            connection = socket.create_connection(("127.0.0.1", port), timeout=5)
            break
        except OSError:
            time.sleep(0.1)
    with connection:
        body = b"x" * 5000
        connection.sendall(
            b"POST /aanmelden/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\n"
            + f"Content-Length: {len(body)}\r\n\r\n".encode()
            + body
        )
        answer = connection.recv(200).decode()
    assert answer.startswith("HTTP/1.1 413")
