"""The command line: arguments, progress, exit codes and `path:line: message` output."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import traceback
from datetime import date
from pathlib import Path

from leafpress import __version__
from leafpress.ci import commands as ci_commands
from leafpress.config import CONFIG_NAME, describe, load_config
from leafpress.errors import FileSystemError, IncompleteBuild, LeafpressError, UsageError
from leafpress.progress import Progress

EXIT_OK, EXIT_ERRORS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
COMMANDS = ("build", "check", "test", "config", "new", "status", "mark-translated", "new-language", "catalogs",
            "merge", "serve", "export", "import", "approve", "review", "plan", "pack", "deploy")


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
                           help="treat warnings (stale or missing translations, overdue reviews, renderer "
                                "notes) as errors")
    selection.add_argument("--jobs", type=_jobs, default=os.cpu_count() or 1, metavar="N",
                           help="render PDFs in N worker processes, a whole number from 1, or 'auto' for the "
                                "number of cores (the default)")
    selection.add_argument("--force", action="store_true",
                           help="ignore the build cache and rebuild every output")
    selection.add_argument("--keep-going", action=argparse.BooleanOptionalAction,
                           default=bool(os.environ.get("CI")),
                           help="after a failed output, build the others and publish them; still exit 1 "
                                "(default: on when $CI is set)")
    selection.add_argument("--shard", type=_shard, default=None, metavar="K/N",
                           help="build only the K-th of N deterministic parts (for parallel CI jobs); "
                                "then run 'leafpress merge N' on the combined output")
    selection.add_argument("--fit", action=argparse.BooleanOptionalAction, default=True,
                           help="copyfit: try a few layouts that change only spacing and page breaks and keep the "
                                "one on the fewest sheets (default: on, as [editions] fit says; --no-fit for this "
                                "build)")
    selection.add_argument("--today", type=_iso_date, default=os.environ.get("LEAFPRESS_TODAY"),
                           metavar="YYYY-MM-DD", help="check review dates as if today were this date "
                                                      "(default: $LEAFPRESS_TODAY, or today)")

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
    tests.add_argument("--fuzz", type=_positive, default=None, metavar="N",
                       help="run only the fuzz tests, with N generated cases per input kind (reproducible: the same "
                            "N gives the same cases)")
    tests.add_argument("pytest_args", nargs=argparse.REMAINDER, help="arguments passed on to pytest")
    commands.add_parser(
        "config", parents=[common], help="list every site.toml key, and every check, with its documentation",
        description="Print every section and key site.toml accepts, with a one-line doc each, then every check "
                    "with the rule names an allowance comment may use.")
    new_site = commands.add_parser(
        "new", parents=[common], help="start a new site in a new folder: configuration, an example leaflet, CI",
        description="Write site.toml, an example leaflet in content/en/, a theme folder for your own styles, "
                    ".gitignore, a CI workflow and a README into DIR. Then 'cd DIR && leafpress build'.")
    new_site.add_argument("directory", type=Path, metavar="DIR", help="the folder to create (new, or empty)")
    new_site.add_argument("--name", default="Example Clinic", metavar="NAME",
                          help="the organisation's name, printed on every leaflet (default: Example Clinic)")
    status = commands.add_parser(
        "status", parents=[common], help="show which translations are up to date, stale or missing",
        description="For every leaflet and language: up to date, stale (naming the sections whose source "
                    "changed since translation) or missing. Exit code 1 under --strict if any is not up to date.")
    status.add_argument("--json", action="store_true", help="print the same as JSON (for CI)")
    status.add_argument("--diff", action="store_true",
                        help="for every stale part, show the source words removed and added since the translation "
                             "was made (colour on a terminal, [-removed-]{+added+} elsewhere)")
    status.add_argument("--strict", action="store_true", help="exit 1 if a translation is stale or missing")
    mark = commands.add_parser(
        "mark-translated", parents=[common], help="record that a language's translations match the source now",
        description="After updating a translation, record the current source hashes in its front matter "
                    "(translated_from), so 'status' shows it as up to date. Never edit the hashes by hand.")
    mark.add_argument("lang", metavar="LANG", help="the translated language, e.g. ru")
    mark.add_argument("--leaflet", action="append", default=[], metavar="SLUG",
                      help="only this leaflet (repeat for several); default: every leaflet in LANG")
    export = commands.add_parser(
        "export", parents=[common], help="write a language's translations as XLIFF or PO files for a CAT tool",
        description="Write one file per leaflet, <slug>.<lang>.xlf (XLIFF 1.2) or <slug>.<lang>.po, with a unit "
                    "per title, summary, stage field, heading, paragraph, list item, table cell, caption and alt "
                    "text, the English as source. Each unit's state says whether it is new, translated or stale; "
                    "stale units carry the source they were translated from. --format omegat writes an OmegaT "
                    "project folder instead (OmegaT's XLIFF filter would show a translation as the source).")
    export.add_argument("lang", metavar="LANG", help="the translated language, e.g. ru")
    export.add_argument("--leaflet", action="append", default=[], metavar="SLUG",
                        help="only this leaflet (repeat for several); default: every leaflet")
    export.add_argument("--format", choices=["xliff", "po", "omegat"], default="xliff",
                        help="xliff (XLIFF 1.2, the default), po (gettext) or omegat (a project folder "
                             "<lang>-omegat/ for OmegaT)")
    export.add_argument("-o", "--output", type=Path, default=Path("."), metavar="DIR",
                        help="folder to write the files into (default: the current folder)")
    imported = commands.add_parser(
        "import", parents=[common], help="write the translations in XLIFF or PO files back into the Markdown",
        description="Read files written by 'leafpress export' and translated in a CAT tool; write each changed "
                    "target into content/<lang>/<slug>.md, keeping everything else. Reads each unit's state: new or "
                    "identical to the English is untranslated, needs-review is not done yet. Refuses (and writes "
                    "nothing) if a unit id, source text or placeholder does not match the current source, if a "
                    "target still holds an English sentence, or if the file's languages are not the site's.")
    imported.add_argument("files", nargs="+", type=Path, metavar="FILE", help="<slug>.<lang>.xlf or .po files")
    approve = commands.add_parser(
        "approve", parents=[common], help="record the approval of a leaflet's text (source or one translation)",
        description="Write who approved the text and when into the front matter (approved_by, approved_on), with "
                    "the hashes of the approved text (approved_text), set 'status: approved', and for the source add "
                    "a history entry. Refuses a text with warnings under --strict, and a changed text whose version "
                    "is not higher than the last approved one.")
    approve.add_argument("slug", metavar="SLUG", help="the leaflet, by file name without .md")
    approve.add_argument("--by", required=True, metavar="'NAME, ROLE'", help="who approves it, e.g. 'Dr A. Patel, "
                                                                              "consultant'")
    approve.add_argument("--date", type=_iso_date, default=None, metavar="YYYY-MM-DD",
                         help="the day of the approval (default: today)")
    approve.add_argument("--key", type=Path, default=None, metavar="PATH",
                         help="sign the approval with this SSH private key (ssh-keygen -Y sign); the site's "
                              "allowed_signers file must list its public key")
    approve.add_argument("--lang", default=None, metavar="CODE",
                         help="approve this translation (default: the source language)")
    approve.add_argument("--summary", default="", metavar="TEXT",
                         help="one line for the history: what changed in this version")
    review = commands.add_parser(
        "review", parents=[common], help="write the approver's review pack for a leaflet (HTML and PDF)",
        description="Write <slug>.review.html and <slug>.review.pdf: the current source text with the changes "
                    "since the last approved version marked, the readability figures and an approval box. "
                    "Never into the published output folder.")
    review.add_argument("slug", metavar="SLUG", help="the leaflet, by file name without .md")
    review.add_argument("-o", "--output", type=Path, default=Path("."), metavar="DIR",
                        help="folder to write the pack into (default: the current folder)")
    new = commands.add_parser(
        "new-language", parents=[common], help="scaffold a new language: content, catalog and configuration",
        description="Copy the source-language content into content/CODE/ marked as not yet translated, "
                    "create templates/locale/CODE/LC_MESSAGES/messages.po and add CODE to site.toml.")
    new.add_argument("code", metavar="CODE", help="language code, e.g. de or pt-BR")
    commands.add_parser(
        "catalogs", parents=[common], help="extract the templates' UI strings and update every catalog",
        description="Extract every translatable string from the templates (Babel) into "
                    "templates/locale/messages.pot and merge it into each language's messages.po.")
    ci_commands.add_parsers(commands, common, _iso_date, _positive)
    serve = commands.add_parser(
        "serve", parents=[common], help="preview: build, serve output/ and rebuild on every change",
        description="Build, serve the output folder on localhost, watch content, templates and "
                    "configuration, and rebuild what changed; open pages reload by themselves.")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                       help="also answer requests for this host name (repeat for several); by default only "
                            "127.0.0.1, localhost and [::1], so that no other web page can read the preview")
    return parser


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number from 1")
    return int(text)


def _jobs(text: str) -> int:
    if text == "auto":
        return os.cpu_count() or 1
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of processes: use a whole number from 1, "
                                         "or 'auto'")
    return int(text)


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-11-23") from None


def _shard(text: str) -> tuple[int, int]:
    try:
        number, count = (int(part) for part in text.split("/"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not K/N, like 1/4") from None
    if not 1 <= number <= count:
        raise argparse.ArgumentTypeError(f"'{text}': K must be between 1 and N")
    return number, count


def _print_diagnostics(error: LeafpressError) -> None:
    for diagnostic in error.diagnostics:
        print(diagnostic, file=sys.stderr)
    count = error.total
    errors = f"{count} error{'s' if count != 1 else ''}"
    if isinstance(error, FileSystemError):  # its message says what was changed
        print(f"leafpress: {errors}", file=sys.stderr)
    elif isinstance(error, IncompleteBuild):  # --keep-going published what did build
        print(f"leafpress: {errors}; the other outputs were published ({error.written} files written), and each "
              "failed output keeps its previous file", file=sys.stderr)
    else:
        print(f"leafpress: {errors}; nothing was written", file=sys.stderr)


def _run(args: argparse.Namespace, project_root: Path | None) -> int:
    if args.command == "config":
        from leafpress.checks.registry import describe as describe_checks

        print(describe())
        print()
        print(describe_checks())
        return EXIT_OK
    if args.command == "new":
        from leafpress.scaffold import new_site

        written = new_site(args.directory, args.name, date.today())
        for path in written:
            print(f"wrote {path}")
        print(f"leafpress: a new site in {args.directory}; now run: cd {args.directory} && leafpress build")
        return EXIT_OK
    if args.command == "test":
        root = project_root or Path(__file__).resolve().parent.parent
        command = [sys.executable, "-m", "pytest", *args.pytest_args]
        env = {**os.environ, "PYTHONPATH": str(root)}
        if args.fuzz:
            command.append("tests/test_fuzz.py")
            env["LEAFPRESS_FUZZ_CASES"] = str(args.fuzz)
        return subprocess.run(command, cwd=root, env=env).returncode

    if args.command == "build" and not args.force:
        finished = _nothing_to_do(args)
        if finished is not None:
            return finished
    if args.command == "build" and args.jobs > 1:
        from leafpress.pdf.pool import start_fork_server

        start_fork_server()  # first, so that WeasyPrint's import overlaps everything before rendering

    from leafpress.pipeline import BuildOptions, build, load_site

    config = load_config(args.config)
    if args.command == "status":
        from leafpress.translation.status import status

        return status(config, args.diff, args.json, args.strict)
    if args.command == "mark-translated":
        from leafpress.translation.mark_translated import mark_translated

        changed = mark_translated(config, args.lang, tuple(args.leaflet))
        for path in changed:
            print(f"recorded {path}")
        print(f"leafpress: {len(changed)} translation files updated")
        return EXIT_OK
    if args.command == "approve":
        from leafpress.governance.approve import approve

        for path in approve(config, args.slug, args.by, args.date or date.today(), args.lang, args.summary,
                            key=args.key):
            print(f"wrote {path}")
        print(f"leafpress: {args.slug} ({args.lang or config.languages.source}) approved by {args.by}")
        return EXIT_OK
    if args.command == "review":
        from leafpress.governance.review_pack import review_pack

        for path in review_pack(config, args.slug, args.output, date.today()):
            print(path)
        return EXIT_OK
    if args.command == "export":
        from leafpress.translation.exchange import export

        for path in export(config, args.lang, tuple(args.leaflet), args.format, args.output):
            print(f"wrote {path}")
        return EXIT_OK
    if args.command == "import":
        from leafpress.translation.exchange_import import import_files

        changed, warnings = import_files(config, args.files)
        for warning in warnings:
            print(warning, file=sys.stderr)
        for path in changed:
            print(f"updated {path}")
        print(f"leafpress: {len(changed)} files changed, {len(warnings)} warnings")
        return EXIT_OK
    if args.command == "new-language":
        from leafpress.translation.new_language import new_language

        for path in new_language(config, args.code):
            print(f"wrote {path}")
        print(f"leafpress: added '{args.code}'; translate content/{args.code}/ and its catalog, then run "
              f"'leafpress mark-translated {args.code}'")
        return EXIT_OK
    if args.command == "catalogs":
        from leafpress.errors import display_path
        from leafpress.translation.ui_catalogs import update

        written = update(config.theme, config.languages.order, config.languages.source,
                         display_path(config.config_path))
        for path in written:
            print(f"wrote {path}")
        print(f"leafpress: {len(written)} catalog files changed")
        return EXIT_OK
    if args.command in ci_commands.COMMANDS:
        return ci_commands.run(args, config)
    if args.command == "serve":
        from leafpress.serve import serve

        return serve(config, host=args.host, port=args.port, allow_hosts=tuple(args.allow_host))
    options = BuildOptions(langs=tuple(args.lang), slugs=tuple(args.leaflet), strict=args.strict,
                           jobs=args.jobs, force=args.force, keep_going=args.keep_going, fit=args.fit,
                           shard=args.shard, **({"today": args.today} if args.today else {}))
    if args.command == "check":
        site, warnings = load_site(config, options)
        for warning in warnings:
            print(warning, file=sys.stderr)
        count = len(site.all())
        print(f"leafpress: {count} leaflet files checked, {len(warnings)} warnings, no errors")
        return EXIT_OK
    report = build(config, options, Progress())
    for warning in report.warnings:
        print(warning, file=sys.stderr)
    for line in report.fits:
        print(f"leafpress: copyfit: {line}", file=sys.stderr)
    print(f"leafpress: {report.built} outputs built ({report.pages} pages), {report.skipped} unchanged, "
          f"0 failed in {report.seconds:.1f} s; {report.written} files written, {len(report.removed)} "
          f"removed, {len(report.warnings)} warnings; output in {config.output_dir}")
    return EXIT_OK


def _nothing_to_do(args: argparse.Namespace) -> int | None:
    """The no-op fast path: if no input or output changed since the last identical build, say so."""
    from leafpress.plan import snapshot

    options = snapshot.options_key(args.lang, args.leaflet, args.strict, True, args.today or date.today(),
                                   args.shard, args.fit)
    state = snapshot.unchanged(args.config.resolve(), options)
    if state is None:
        return None
    for warning in state["warnings"]:
        print(warning, file=sys.stderr)
    summary = state["summary"]
    print(f"leafpress: 0 outputs built, {summary.get('outputs', 0)} unchanged ({summary.get('pages', 0)} pages), "
          f"0 failed: nothing changed since the last build; {len(state['warnings'])} warnings")
    return EXIT_OK


def main(argv: list[str] | None = None, project_root: Path | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help", "--version")):
        argv.insert(0, "build")
    parser = _parser(project_root)
    args, unknown = parser.parse_known_args(argv)
    if args.command == "test":
        args.pytest_args = unknown + args.pytest_args
    elif unknown:
        parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    try:
        return _run(args, project_root)
    except UsageError as error:
        for diagnostic in error.diagnostics:
            print(f"leafpress {args.command}: error: argument {diagnostic.path}: {diagnostic.message}",
                  file=sys.stderr)
        return EXIT_USAGE
    except LeafpressError as error:
        if args.debug:
            traceback.print_exc()
        _print_diagnostics(error)
        return EXIT_ERRORS
    except KeyboardInterrupt:
        print("leafpress: interrupted; earlier output is unchanged", file=sys.stderr)
        return 130
    except OSError as error:  # the file system, not Leafpress: read-only, full, not a folder, no permission
        if args.debug:
            traceback.print_exc()
        _print_diagnostics(FileSystemError.from_os_error(error))
        return EXIT_ERRORS
    except Exception as error:  # a bug in Leafpress, not in the user's files
        if args.debug:
            traceback.print_exc()
        print(f"leafpress: internal error: {type(error).__name__}: {error} "
              "(run again with --debug for the traceback)", file=sys.stderr)
        return EXIT_INTERNAL
