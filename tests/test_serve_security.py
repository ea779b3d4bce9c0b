"""The preview server as a hostile page or user would try it: links out of output/, foreign Host headers,
overlong and NUL paths, and values written into its HTML."""

from __future__ import annotations

import http.client
import os
from urllib.parse import urlsplit

import pytest

from leafpress.config import load_config
from leafpress.serve import _translator_link, allowed_host_headers
from test_serve import server  # noqa: F401 - the running preview


def request(url: str, path: str, host: str | None = None, method: str = "GET") -> tuple[int, bytes]:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=20)
    connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
    connection.putheader("Host", host if host is not None else f"{parts.hostname}:{parts.port}")
    connection.endheaders()
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, body


def test_the_preview_serves_its_own_files(server):
    status, body = request(server, "/es/sample.html")
    assert status == 200 and b"leafpress-translator-link" in body
    port = urlsplit(server).port
    assert request(server, "/es/sample.html", f"localhost:{port}")[0] == 200
    assert request(server, "/es/sample.html", f"[::1]:{port}")[0] == 200


@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "127.0.0.1.evil.example:{port}", "",
                                  "localhost:1"])
def test_a_foreign_host_is_refused(server, host):
    """DNS rebinding: a page on another site that resolves its name to 127.0.0.1 must not read the preview."""
    port = urlsplit(server).port
    status, _ = request(server, "/es/sample.html", host.format(port=port))
    assert status == 421
    assert request(server, "/__leafpress/events", host.format(port=port))[0] == 421


def test_a_symbolic_link_out_of_the_output_folder_is_not_followed(server, multi, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("do not serve me")
    output = load_config(multi.config).output_dir
    os.symlink(secret, output / "secret.txt")
    os.symlink("/etc", output / "etc")
    os.symlink("/", output / "es" / "root")
    for path in ("/secret.txt", "/etc/passwd", "/es/root/etc/passwd", "/etc/", "/es/root/"):
        status, body = request(server, path)
        assert status == 404, path
        assert b"do not serve me" not in body and b"root:" not in body
    assert request(server, "/secret.txt", method="HEAD")[0] == 404


@pytest.mark.parametrize("path, expected", [
    ("/" + "a" * 5000, 414),
    ("/es/sample.html%00.png", 400),
    ("/%00", 400),
    ("/es/..%2f..%2fsite.toml", 404),
    ("/../site.toml", 404),
])
def test_malformed_or_overlong_paths_get_a_4xx_and_the_server_goes_on(server, path, expected):
    assert request(server, path)[0] == expected
    assert request(server, "/es/sample.html")[0] == 200


def test_a_folder_without_an_index_is_not_listed(server, multi):
    (load_config(multi.config).output_dir / "empty-folder").mkdir()
    assert request(server, "/empty-folder/")[0] == 404


def test_the_translator_link_escapes_what_the_path_holds(multi):
    config = load_config(multi.config)
    link = _translator_link('/ar/x" onmouseover="alert(1)"><img src=x onerror=alert(1)>.html', config)
    assert "<img" not in link and '" onmouseover' not in link
    assert 'href="/__leafpress/translate/ar/x%22%20onmouseover%3D%22alert%281%29%22%3E%3Cimg%20src%3Dx%20onerror%3D' \
           'alert%281%29%3E.html"' in link


def test_allowed_hosts_carry_the_port():
    assert allowed_host_headers(8000) == {"127.0.0.1:8000", "localhost:8000", "[::1]:8000"}
    assert "preview.lan:8000" in allowed_host_headers(8000, ("Preview.lan",))
