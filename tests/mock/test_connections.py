"""The mock's HTTP/1.1 connections, byte for byte: keep-alive, pipelining, chunked
bodies, ``Expect: 100-continue``, HEAD, malformed input, head caps and the three
connection clocks (idle, slow head, slow body).

Timeouts are shortened per server (0.3 s); each wait below is a bound on a socket
read that returns as soon as the server acts, never a sleep that a test times.
"""

from __future__ import annotations

import json
import socket

import pytest

from ezrouter_mock.mock.http.settings import MockSettings

BODY = json.dumps(
    {
        "model": "claude-sonnet-4-6",
        "max_tokens": 50,
        "messages": [{"role": "user", "content": "Hi"}],
    }
).encode()


def _post(mock, body: bytes = BODY, extra: str = "") -> bytes:
    return (
        f"POST /anthropic/v1/messages HTTP/1.1\r\nhost: x\r\nx-api-key: {mock.key}\r\n"
        f"content-type: application/json\r\ncontent-length: {len(body)}\r\n{extra}\r\n"
    ).encode() + body


def _connect(mock) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", mock.port), timeout=5)
    return sock


def _read_all(sock: socket.socket) -> bytes:
    """Everything until the server closes the connection."""
    out = b""
    while chunk := sock.recv(65536):
        out += chunk
    return out


def _read_responses(sock: socket.socket, count: int) -> list[tuple[int, bytes]]:
    """``count`` responses with a content-length: (status, body) each."""
    buf, out = b"", []
    while len(out) < count:
        while b"\r\n\r\n" not in buf:
            buf += sock.recv(65536)
        head, _, buf = buf.partition(b"\r\n\r\n")
        lines = head.decode().split("\r\n")
        headers = dict(line.lower().split(": ", 1) for line in lines[1:])
        size = int(headers["content-length"])
        while len(buf) < size:
            buf += sock.recv(65536)
        assert "x-oneapi-request-id" in headers
        out.append((int(lines[0].split()[1]), buf[:size]))
        buf = buf[size:]
    return out


@pytest.fixture
def quick(ezrouter_mock_factory):
    """A mock whose connection clocks run out after 0.3 s."""
    return ezrouter_mock_factory(
        settings=MockSettings(idle_timeout=0.3, head_timeout=0.3, body_timeout=0.3)
    )


def test_pipelined_requests_are_answered_in_order(ezrouter_mock):
    with _connect(ezrouter_mock) as sock:
        get = b"GET /v1/models/nope HTTP/1.1\r\nhost: x\r\n\r\n"
        sock.sendall(_post(ezrouter_mock) + get + _post(ezrouter_mock))
        answers = _read_responses(sock, 3)
    assert [status for status, _ in answers] == [200, 401, 200]
    assert json.loads(answers[0][1])["type"] == "message"


def test_chunked_body_and_expect_continue(ezrouter_mock):
    with _connect(ezrouter_mock) as sock:
        head = _post(ezrouter_mock, b"", "expect: 100-continue\r\n")
        head = head.replace(b"content-length: 0", b"transfer-encoding: chunked")
        sock.sendall(head)
        assert sock.recv(100) == b"HTTP/1.1 100 Continue\r\n\r\n"
        half = len(BODY) // 2
        for part in (BODY[:half], BODY[half:]):
            sock.sendall(b"%x\r\n%s\r\n" % (len(part), part))
        sock.sendall(b"0\r\n\r\n")
        [(status, body)] = _read_responses(sock, 1)
    assert status == 200 and json.loads(body)["role"] == "assistant"


def test_head_has_a_length_and_no_body(ezrouter_mock):
    with _connect(ezrouter_mock) as sock:
        sock.sendall(b"HEAD / HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n")
        answer = _read_all(sock)
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200 ") and b"content-length: " in head
    assert body == b""


def test_malformed_http_is_a_400_and_the_connection_closes(ezrouter_mock):
    with _connect(ezrouter_mock) as sock:
        sock.sendall(b"NOT HTTP AT ALL\r\n\r\n")
        answer = _read_all(sock)
    assert answer.startswith(b"HTTP/1.1 400 ")
    error = json.loads(answer.partition(b"\r\n\r\n")[2])["error"]
    assert "malformed HTTP request" in error["message"]


def test_a_declared_oversized_body_is_refused_before_it_is_sent(ezrouter_mock):
    size = ezrouter_mock.settings.max_body_bytes + 1
    with _connect(ezrouter_mock) as sock:
        sock.sendall(
            _post(ezrouter_mock, b"").replace(b"length: 0", b"length: %d" % size)
        )
        answer = _read_all(sock)  # the server answers and closes without the body
    assert answer.startswith(b"HTTP/1.1 413 ") and b"connection: close" in answer


@pytest.mark.parametrize(
    "headers",
    [
        "".join(f"x-h{i}: v\r\n" for i in range(101)),
        "x-big: " + "v" * (64 * 1024 + 1) + "\r\n",
    ],
    ids=["too many headers", "head too large"],
)
def test_head_caps_are_a_431(ezrouter_mock, headers):
    with _connect(ezrouter_mock) as sock:
        sock.sendall(f"GET / HTTP/1.1\r\nhost: x\r\n{headers}\r\n".encode())
        answer = _read_all(sock)
    assert answer.startswith(b"HTTP/1.1 431 ")


def test_an_idle_connection_is_closed(quick):
    with _connect(quick) as sock:
        sock.sendall(_post(quick))
        assert _read_responses(sock, 1)[0][0] == 200
        assert sock.recv(100) == b""  # closed by the server, within the timeout


@pytest.mark.parametrize(
    ("sent", "what"),
    [
        (b"POST /anthropic/v1/messages HTTP/1.1\r\nhost: x\r\n", "request head"),
        (b"POST / HTTP/1.1\r\nhost: x\r\ncontent-length: 10\r\n\r\n{", "request body"),
    ],
    ids=["slow head", "slow body"],
)
def test_a_slow_request_gets_a_408_and_is_closed(quick, sent, what):
    with _connect(quick) as sock:
        sock.sendall(sent)
        answer = _read_all(sock)
    assert answer.startswith(b"HTTP/1.1 408 ")
    assert f"the {what} did not arrive in time" in answer.decode()
    assert len(quick.journal) == 0  # not a request: nothing recorded


def test_many_idle_connections_do_not_stop_a_request(ezrouter_mock_factory):
    mock = ezrouter_mock_factory(settings=MockSettings(idle_timeout=30))
    idle = [_connect(mock) for _ in range(200)]
    try:
        with _connect(mock) as sock:
            sock.sendall(_post(mock))
            assert _read_responses(sock, 1)[0][0] == 200
    finally:
        for sock in idle:
            sock.close()
