"""Live preview: serve the output folder, rebuild on every change, reload open pages.

The server adds a small script to every HTML page it sends (never to the files
on disk). The script listens on /__leafpress/events and reloads the page after
a rebuild, or shows the build's `path:line: message` errors over the page.

It serves only regular files whose real path is inside the output folder (a symbolic link out of it
is 404), answers only requests for its own host name (127.0.0.1, localhost, [::1] or one given with
--allow-host, with its port: a page on another site cannot read the preview through DNS rebinding),
and answers a malformed or overlong request with a 4xx, never a traceback.
"""

from __future__ import annotations

import html
import json
import os
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from leafpress.config import SiteConfig, load_config
from leafpress.errors import LeafpressError
from leafpress.pipeline import BuildOptions, build
from leafpress.theme import LOCALE
from leafpress.translation.side_by_side import URL_PREFIX, page_path, safe_translator_page

EVENTS = "/__leafpress/events"
MAX_PATH = 1024  # characters of a request path: the output's own paths are far shorter
LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]")
LIVE_SCRIPT = """<script>
(function () {
  var shown = null;
  var source = new EventSource("/__leafpress/events");
  source.onmessage = function (event) {
    var state = JSON.parse(event.data);
    if (shown === null) { shown = state.version; return render(state); }
    if (state.version !== shown && !state.error) { location.reload(); return; }
    shown = state.version;
    render(state);
  };
  function box(id, role, colours, text) {
    var element = document.getElementById(id);
    if (!text) { if (element) element.remove(); return; }
    if (!element) {
      element = document.createElement("pre");
      element.id = id;
      element.setAttribute("role", role);
      element.style.cssText = "position:fixed;inset:auto 0 0 0;margin:0;padding:1em;max-height:50vh;" +
        "overflow:auto;font:14px/1.4 monospace;white-space:pre-wrap;z-index:2147483647;direction:ltr;" +
        "text-align:left;" + colours;
      document.body.appendChild(element);
    }
    element.textContent = text;
  }
  function render(state) {
    // Errors stop the build: they cover the page. Warnings (translation QA, readability...) sit below it.
    box("leafpress-errors", "alert", "background:#9b1c1c;color:#fff", state.error);
    box("leafpress-warnings", "status", "background:#fff4ce;color:#1b1f23;border-top:3px solid #8a6100",
        state.error ? "" : state.warnings);
  }
})();
</script>
"""


@dataclass
class PreviewState:
    """What the browsers are told: a version that changes on every rebuild, and the current errors."""

    version: int = 0
    error: str = ""
    warnings: str = ""
    changed: threading.Condition = field(default_factory=threading.Condition)

    def publish(self, error: str, warnings: str = "") -> None:
        with self.changed:
            self.version += 1
            self.error = error
            self.warnings = warnings
            self.changed.notify_all()

    def as_json(self) -> str:
        return json.dumps({"version": self.version, "error": self.error, "warnings": self.warnings})


def affected_languages(paths: list[Path], config: SiteConfig) -> tuple[str, ...] | None:
    """The languages a change touches, or None when everything must be rebuilt.

    A translation's content or catalog affects only its language; the source
    language, templates, stylesheets and configuration affect every language.
    """
    translated = set(config.languages.order) - {config.languages.source}
    locale_dirs = [folder / LOCALE for folder in config.theme.folders]
    languages = set()
    for path in paths:
        path = path.resolve()
        for root in (config.content_dir, *locale_dirs):
            parts = path.relative_to(root).parts if path.is_relative_to(root) else ()
            if len(parts) > 1 and parts[0] in translated:
                languages.add(parts[0])
                break
        else:
            return None
    return tuple(sorted(languages))


class Preview:
    """Builds the site for the preview and records the outcome for the browsers."""

    def __init__(self, config_path: Path, log=print):
        self.config_path = config_path
        self.config = load_config(config_path)
        self.state = PreviewState()
        self.log = log

    def rebuild(self, languages: tuple[str, ...] = ()) -> None:
        """HTML first (the browsers reload at once), then the PDFs."""
        started = time.perf_counter()
        what = ", ".join(languages) or "all languages"
        try:
            self.config = load_config(self.config_path)
            options = BuildOptions(langs=languages, pdf=False)
            report = build(self.config, options)
            self.state.publish("", "\n".join(str(warning) for warning in report.warnings))
            self.log(f"rebuilt HTML for {what} in {time.perf_counter() - started:.2f} s")
            report = build(self.config, BuildOptions(langs=languages))
            self.log(f"rebuilt PDFs for {what} in {time.perf_counter() - started:.2f} s "
                     f"({report.written} files changed)")
        except LeafpressError as error:
            self.state.publish(str(error))
            self.log(f"build failed:\n{error}")
        except Exception as error:  # noqa: BLE001 - the preview must outlive any one build
            # Most often a file changed or vanished while it was being read; the next save rebuilds.
            message = f"leafpress: the build stopped: {type(error).__name__}: {error}"
            self.state.publish(message)
            self.log(f"{message} (it runs again on the next change)")

    def watch(self, stop: threading.Event) -> None:
        import watchfiles

        roots = [self.config.content_dir, *self.config.theme.folders, self.config_path]
        for changes in watchfiles.watch(*roots, debounce=50, step=25, stop_event=stop,
                                        raise_interrupt=False):
            paths = [Path(path) for _, path in changes]
            self.rebuild(affected_languages(paths, self.config) or ())


def _handler(preview: Preview, extra_hosts: tuple[str, ...] = ()):
    root = Path(os.path.realpath(preview.config.output_dir))

    class PreviewHandler(SimpleHTTPRequestHandler):
        """Serves the output folder, adds the live-reload script to HTML, streams build events."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(preview.config.output_dir), **kwargs)

        def log_message(self, format, *args):  # quiet: the rebuild log is what matters
            pass

        def refused(self) -> HTTPStatus | None:
            """Why this request gets no answer but an error, or None."""
            if self.headers.get("Host", "").lower() not in allowed_host_headers(self.server.server_address[1],
                                                                                extra_hosts):
                return HTTPStatus.MISDIRECTED_REQUEST
            if len(self.path) > MAX_PATH:
                return HTTPStatus.REQUEST_URI_TOO_LONG
            decoded = urllib.parse.unquote(self.path.split("?")[0])
            if "\x00" in decoded or not decoded.startswith("/"):
                return HTTPStatus.BAD_REQUEST
            return None

        def served_file(self) -> Path | None:
            """The regular file inside the output folder this request names (a folder: its index.html)."""
            path = Path(os.path.realpath(self.translate_path(self.path)))
            if path.is_dir():
                path = Path(os.path.realpath(path / "index.html"))
            return path if path.is_relative_to(root) and path.is_file() else None

        def do_HEAD(self):
            status = self.refused()
            if status:
                return self.send_error(status)
            if self.served_file() is None:
                return self.send_error(HTTPStatus.NOT_FOUND)
            return super().do_HEAD()

        def do_GET(self):
            status = self.refused()
            if status:
                return self.send_error(status)
            url_path = self.path.split("?")[0]
            if url_path == EVENTS:
                return self.stream_events()
            if url_path.startswith(URL_PREFIX + "/"):
                return self.send_translator_page(url_path)
            path = self.served_file()
            if path is not None and path.suffix == ".html":
                return self.send_html(path.read_bytes(), _translator_link(url_path, preview.config))
            if path is None and preview.state.error:
                return self.send_html(b"<!DOCTYPE html><title>Build failed</title><body></body>")
            if path is None:
                return self.send_error(HTTPStatus.NOT_FOUND)
            return super().do_GET()

        def send_translator_page(self, url_path: str) -> None:
            parts = url_path[len(URL_PREFIX) + 1:].split("/")
            if len(parts) != 2 or not parts[1].endswith(".html"):
                return self.send_error(HTTPStatus.NOT_FOUND)
            status, page = safe_translator_page(preview.config, parts[0], parts[1][:-len(".html")])
            if status != 200:
                return self.send_error(status)
            self.send_html(page.encode("utf-8"))

        def send_html(self, body: bytes, extra: str = "") -> None:
            body = body.replace(b"</body>", (extra + LIVE_SCRIPT).encode() + b"</body>", 1)
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def stream_events(self) -> None:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            state, seen = preview.state, -1
            try:
                while True:
                    with state.changed:
                        state.changed.wait_for(lambda: state.version != seen, timeout=15)
                        seen, message = state.version, state.as_json()
                    self.wfile.write(f"data: {message}\n\n".encode())
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                return

    return PreviewHandler


def _translator_link(url_path: str, config: SiteConfig) -> str:
    """On a translated page in the preview: a link to its side-by-side view with the source."""
    parts = url_path.strip("/").split("/")
    translated = set(config.languages.order) - {config.languages.source}
    if len(parts) != 2 or parts[0] not in translated or not parts[1].endswith(".html"):
        return ""
    href = html.escape(urllib.parse.quote(page_path(parts[0], parts[1][:-len(".html")])), quote=True)
    return (f'<a id="leafpress-translator-link" href="{href}" lang="en" dir="ltr" style="position:fixed;top:0;'
            'right:0;padding:0.4em 0.8em;background:#0b5563;color:#fff;font:14px/1.4 sans-serif;'
            'z-index:2147483646">Side by side with the source</a>')


def allowed_host_headers(port: int, extra: tuple[str, ...] = ()) -> frozenset[str]:
    """The Host headers the preview answers: its local names and any --allow-host, with its port."""
    names = [*LOCAL_HOSTS, *(name.lower() for name in extra)]
    return frozenset([f"{name}:{port}" for name in names] + (names if port == 80 else []))


def serve(config: SiteConfig, host: str = "127.0.0.1", port: int = 8000, allow_hosts: tuple[str, ...] = ()) -> int:
    """Build, serve and watch until interrupted."""
    def log(message: str) -> None:
        print(f"leafpress: {message}", file=sys.stderr, flush=True)

    preview = Preview(config.config_path, log)
    preview.config.output_dir.mkdir(parents=True, exist_ok=True)
    server = ThreadingHTTPServer((host, port), _handler(preview, allow_hosts))
    server.daemon_threads = True
    stop = threading.Event()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"leafpress: serving http://{host}:{server.server_address[1]}/ (Ctrl+C to stop)", flush=True)
    preview.rebuild()
    try:
        preview.watch(stop)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.shutdown()
    return 0
