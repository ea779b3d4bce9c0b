"""The command line: arguments, progress, exit codes and `path:line: message` output."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import traceback
from pathlib import Path

from leafpress import __version__
from leafpress.config import CONFIG_NAME, describe, load_config
from leafpress.errors import LeafpressError

EXIT_OK, EXIT_ERRORS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
COMMANDS = ("build", "check", "test")


def _parser(project_root: Path | None) -> argparse.ArgumentParser:
    default_config = (project_root or Path.cwd()) / CONFIG_NAME
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", type=Path, default=default_config, metavar="PATH",
                        help=f"site configuration file (default: {CONFIG_NAME} in the project)")
    common.add_argument("--debug", action="store_true", help="show Python tracebacks for errors")

    selection = argparse.ArgumentParser(add_help=False)
    selection.add_argument("--lang", action="append", default=[], metavar="CODE",
                           help="only this language (repeat for several)")
    selection.add_argument("--leaflet", action="append", default=[], metavar="SLUG",
                           help="only this leaflet, by file name without .md (repeat for several)")
    selection.add_argument("--strict", action="store_true",
                           help="treat warnings (missing translations, glyphs, renderer notes) as errors")

    parser = argparse.ArgumentParser(
        prog="leafpress",
        description="Turn Markdown leaflets into multilingual HTML and print-ready PDF.",
        epilog="Run 'leafpress COMMAND --help' for a command's options. With no command, 'build' runs.",
    )
    parser.add_argument("--version", action="version", version=f"leafpress {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser(
        "build", parents=[common, selection], help="build HTML and PDF for every leaflet (the default)",
        description="Build output/<lang>/<slug>.html and .pdf for every leaflet, and output/index.html. "
                    "Nothing is written unless the whole build succeeds.")
    commands.add_parser(
        "check", parents=[common, selection], help="validate configuration and content without rendering",
        description="Load and validate the configuration and every content file; print every problem "
                    "as path:line: message. Writes nothing.")
    tests = commands.add_parser(
        "test", parents=[common], help="run the test suite (from a source checkout)",
        description="Run pytest on the project's tests/ folder; extra arguments go to pytest.")
    tests.add_argument("pytest_args", nargs=argparse.REMAINDER, help="arguments passed on to pytest")
    commands.add_parser(
        "config", parents=[common], help="list every site.toml key with its documentation",
        description="Print every section and key site.toml accepts, with a one-line doc each.")
    return parser


def _print_diagnostics(error: LeafpressError) -> None:
    for diagnostic in error.diagnostics:
        print(diagnostic, file=sys.stderr)
    count = sum(1 for d in error.diagnostics if d.severity == "error") or len(error.diagnostics)
    print(f"leafpress: {count} error{'s' if count != 1 else ''}; nothing was written", file=sys.stderr)


def _run(args: argparse.Namespace, project_root: Path | None) -> int:
    if args.command == "config":
        print(describe())
        return EXIT_OK
    if args.command == "test":
        root = project_root or Path(__file__).resolve().parent.parent
        command = [sys.executable, "-m", "pytest", *args.pytest_args]
        return subprocess.run(command, cwd=root, env={**os.environ, "PYTHONPATH": str(root)}).returncode

    from leafpress.pipeline import BuildOptions, build, load_site

    config = load_config(args.config)
    options = BuildOptions(langs=tuple(args.lang), slugs=tuple(args.leaflet), strict=args.strict)
    if args.command == "check":
        site, warnings = load_site(config, options)
        for warning in warnings:
            print(warning, file=sys.stderr)
        count = sum(len(versions) for versions in site.leaflets.values())
        print(f"leafpress: {count} leaflet files checked, {len(warnings)} warnings, no errors")
        return EXIT_OK
    report = build(config, options, progress=lambda line: print(line, file=sys.stderr, flush=True))
    for warning in report.warnings:
        print(warning, file=sys.stderr)
    leaflets = sum(1 for o in report.outputs if o.relative_path.endswith(".pdf"))
    print(f"leafpress: built {leaflets} PDFs ({report.pages} pages) and their HTML in "
          f"{report.seconds:.1f} s; {report.written} files changed, {len(report.removed)} removed, "
          f"{len(report.warnings)} warnings; output in {config.output_dir}")
    return EXIT_OK


def main(argv: list[str] | None = None, project_root: Path | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in COMMANDS + ("config",) and argv[0] not in ("-h", "--help", "--version")):
        argv.insert(0, "build")
    parser = _parser(project_root)
    args, unknown = parser.parse_known_args(argv)
    if args.command == "test":
        args.pytest_args = unknown + args.pytest_args
    elif unknown:
        parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    try:
        return _run(args, project_root)
    except LeafpressError as error:
        if args.debug:
            traceback.print_exc()
        _print_diagnostics(error)
        return EXIT_ERRORS
    except KeyboardInterrupt:
        print("leafpress: interrupted; earlier output is unchanged", file=sys.stderr)
        return 130
    except Exception as error:  # a bug in Leafpress, not in the user's files
        if args.debug:
            traceback.print_exc()
        print(f"leafpress: internal error: {type(error).__name__}: {error} "
              "(run again with --debug for the traceback)", file=sys.stderr)
        return EXIT_INTERNAL
