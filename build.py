#!/usr/bin/env python3
"""Build every leaflet: `python3 build.py` (see `python3 build.py --help`).

On first run this sets up a private virtual environment in `.venv/` from the
pinned `requirements.lock`, so a fresh machine needs nothing but Python 3.11+.
It only uses the standard library until that environment is ready.
"""

from __future__ import annotations

import ctypes.util
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
LOCK = ROOT / "requirements.lock"
STAMP = VENV / ".leafpress-lock.sha256"
# The shared libraries WeasyPrint loads, as Debian names them. libharfbuzz-subset0
# is optional for WeasyPrint but makes font subsetting about twice as fast.
DEBIAN_LIBRARIES = ["libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0"]


def say(message: str) -> None:
    print(f"build.py: {message}", file=sys.stderr, flush=True)


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def running_in_project_venv() -> bool:
    return Path(sys.prefix).resolve() == VENV.resolve()


def lock_digest() -> str:
    return hashlib.sha256(LOCK.read_bytes() + (ROOT / "pyproject.toml").read_bytes()).hexdigest()


def run(command: list[str], **kwargs) -> None:
    subprocess.run(command, check=True, **kwargs)


def can_use_apt() -> bool:
    return Path("/etc/debian_version").exists() and shutil.which("apt-get") is not None


def apt_install(packages: list[str]) -> bool:
    """Install Debian packages when we may (root, or sudo without a password)."""
    if not can_use_apt():
        return False
    prefix = [] if os.geteuid() == 0 else ["sudo", "-n"]
    if prefix and shutil.which("sudo") is None:
        return False
    say(f"installing Debian packages: {' '.join(packages)}")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    try:
        run([*prefix, "apt-get", "update", "-qq"], env=env)
        run([*prefix, "apt-get", "install", "-y", "-qq", *packages], env=env)
    except (subprocess.CalledProcessError, OSError):
        return False
    return True


def create_venv() -> None:
    say("creating .venv (first run only)")
    if VENV.exists():
        shutil.rmtree(VENV)
    try:
        run([sys.executable, "-m", "venv", str(VENV)])
    except subprocess.CalledProcessError:
        # Debian ships venv's pip bootstrap separately (python3.X-venv).
        shutil.rmtree(VENV, ignore_errors=True)
        version = f"python3.{sys.version_info.minor}-venv"
        if not apt_install([version]):
            raise SystemExit(f"build.py: could not create .venv; install {version} and retry")
        run([sys.executable, "-m", "venv", str(VENV)])


def install_dependencies() -> None:
    python = str(venv_python())
    say("installing pinned dependencies from requirements.lock")
    quiet = ["--quiet", "--disable-pip-version-check"]
    run([python, "-m", "pip", "install", *quiet, "--require-hashes", "-r", str(LOCK)])
    run([python, "-m", "pip", "install", *quiet, "--no-deps", "-e", str(ROOT)])


def ensure_system_libraries() -> None:
    probe = [str(venv_python()), "-c", "import weasyprint"]
    if subprocess.run(probe, capture_output=True).returncode == 0:
        if can_use_apt() and ctypes.util.find_library("harfbuzz-subset") is None:
            apt_install(DEBIAN_LIBRARIES[2:])
        return
    if apt_install(DEBIAN_LIBRARIES) and subprocess.run(probe, capture_output=True).returncode == 0:
        return
    raise SystemExit(
        "build.py: WeasyPrint cannot load its system libraries (Pango, HarfBuzz).\n"
        f"  Debian/Ubuntu: apt-get install {' '.join(DEBIAN_LIBRARIES)}\n"
        "  Fedora: dnf install pango harfbuzz\n"
        "  macOS: brew install pango\n"
        "  Windows: install MSYS2 and 'pacman -S mingw-w64-x86_64-pango'\n"
        "then run this command again."
    )


# The braille and audio editions' tools, by the command (or file) each package gives.
MEDIA_TOOLS = [("lou_translate", "liblouis-bin"), ("/usr/share/liblouis/tables/en-GB-g2.ctb", "liblouis-data"),
               ("espeak-ng", "espeak-ng"), ("opusenc", "opus-tools")]


def ensure_media_tools() -> None:
    """liblouis for the braille edition, espeak-ng and opusenc for the audio edition: installed on Debian as the
    WeasyPrint libraries are; elsewhere, a build that needs one names it."""
    missing = [package for command, package in MEDIA_TOOLS if shutil.which(command) is None
               and not Path(command).is_file()]
    if missing and can_use_apt():
        apt_install(missing)


# The outside checkers and second readers the tests run, by the command (or file) each package gives.
XLIFF_SCHEMA = "/usr/share/php/Symfony/Component/Translation/Resources/schemas/xliff-core-1.2-strict.xsd"
TEST_TOOLS = [("chromium", "chromium"), ("msgfmt", "gettext"), ("java", "default-jre-headless"),
              ("mutool", "mupdf-tools"), ("gs", "ghostscript"), ("pdftotext", "poppler-utils"),
              ("xmllint", "libxml2-utils"), ("omegat", "omegat"), (XLIFF_SCHEMA, "php-symfony-translation"),
              ("ssh-keygen", "openssh-client")]
NPM_TOOLS = ROOT / "tests" / "tools"  # package.json and package-lock.json: the Nu Html Checker and pa11y


def ensure_test_tools() -> None:
    """The tests drive Debian's Chromium, read PDFs with MuPDF, Ghostscript and poppler, check PO files with
    msgfmt and XLIFF with xmllint (OASIS's schema, packaged by Debian), translate with OmegaT, and check HTML
    with the Nu Html Checker (Java) and pa11y; install them once."""
    missing = [package for command, package in TEST_TOOLS if shutil.which(command) is None
               and not Path(command).is_file()]
    if missing and can_use_apt():
        apt_install(missing)
    if shutil.which("npm") is None and can_use_apt():
        apt_install(["npm"])
    stamp = NPM_TOOLS / "node_modules" / ".leafpress-lock.sha256"
    digest = hashlib.sha256((NPM_TOOLS / "package-lock.json").read_bytes()).hexdigest()
    if shutil.which("npm") and not (stamp.exists() and stamp.read_text().strip() == digest):
        say("installing the test tools in tests/tools from package-lock.json (npm ci)")
        # Install scripts stay off: puppeteer's would download a browser; the tests use Debian's Chromium.
        env = {**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1"}
        try:
            run(["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"], cwd=NPM_TOOLS, env=env)
            stamp.write_text(digest + "\n")
        except (subprocess.CalledProcessError, OSError):
            say("could not install the test tools: the tests that need them are skipped and say why")


def bootstrap() -> None:
    """Make .venv match requirements.lock, then re-run this script inside it."""
    if not (STAMP.exists() and STAMP.read_text().strip() == lock_digest()):
        create_venv()
        install_dependencies()
        ensure_system_libraries()
        STAMP.write_text(lock_digest() + "\n")
    ensure_media_tools()
    if sys.argv[1:2] == ["test"]:
        ensure_test_tools()
    python = str(venv_python())
    os.execv(python, [python, str(Path(__file__).resolve()), *sys.argv[1:]])


def main() -> int:
    if not running_in_project_venv() and not os.environ.get("LEAFPRESS_NO_BOOTSTRAP"):
        bootstrap()
    sys.path.insert(0, str(ROOT))
    from leafpress.cli import main as leafpress_main

    return leafpress_main(sys.argv[1:], project_root=ROOT)


if __name__ == "__main__":
    raise SystemExit(main())
