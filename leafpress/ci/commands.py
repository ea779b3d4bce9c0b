"""The CI commands: plan, merge, pack and deploy (their arguments, and what each prints)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path

EXIT_OK = 0
COMMANDS = ("plan", "merge", "pack", "deploy")


def add_parsers(commands, common: argparse.ArgumentParser, iso_date, positive) -> None:
    plan = commands.add_parser(
        "plan", parents=[common], help="print how many parallel CI build jobs the site needs, and their matrix",
        description="Count the site's outputs and estimate the rendering time from [ci] output_cpu_ms, "
                    "runner_cores and shard_minutes; print the number of shards and a job matrix for "
                    "'build --shard K/N'. Checks the content's structure, renders nothing.")
    plan.add_argument("--shards", default="auto", metavar="auto|N",
                      help="'auto' (the default): as many as the site needs, up to [ci] max_shards; or a number")
    plan.add_argument("--json", action="store_true",
                      help="print one line of JSON (shards, matrix, languages, deploy, base_url) for a workflow")
    merge = commands.add_parser(
        "merge", parents=[common], help="after a sharded build: check every shard, write manifest.json and the "
                                        "catalogue",
        description="Check that the shard manifests of 'build --shard K/N' (copied into one output folder) are "
                    "all there, from a build in N shards of this commit and these inputs, with every file they "
                    "list; then write manifest.json, outputs.json (the outputs by language), the HTML pages and "
                    "the catalogue.")
    merge.add_argument("shards", type=positive, metavar="N", help="the number of shards")
    merge.add_argument("--today", type=iso_date, default=os.environ.get("LEAFPRESS_TODAY"), metavar="YYYY-MM-DD",
                       help="review states as if today were this date, as for build (default: $LEAFPRESS_TODAY, "
                            "or today)")
    pack = commands.add_parser(
        "pack", parents=[common], help="write each language's print pack: its A4 and large-print PDFs, braille and "
                                       "audio, and a catalogue",
        description="From the built output (its outputs.json), write print-pack-<lang>/ folders: the PDFs of the "
                    "editions [ci] print_pack names, in that language, and an index.html listing them. Never "
                    "into the output or content folder.")
    pack.add_argument("--to", type=Path, default=Path("print-packs"), metavar="DIR",
                      help="folder to write the packs into (default: print-packs)")
    pack.add_argument("--lang", action="append", default=[], metavar="CODE",
                      help="only this language (repeat for several; default: every language)")
    pack.add_argument("--today", type=iso_date, default=os.environ.get("LEAFPRESS_TODAY"), metavar="YYYY-MM-DD",
                      help="review states as if today were this date, as for build")
    commands.add_parser(
        "deploy", parents=[common], help="copy the built output to the site's host with [ci] deploy_command",
        description="Run [ci] deploy_command in the project folder, with $LEAFPRESS_OUTPUT set to the output "
                    "folder (for a static host other than GitHub Pages, which the workflow deploys itself).")


def run(args: argparse.Namespace, config, display_root=None) -> int:
    from leafpress.pipeline import BuildOptions, build
    from leafpress.progress import Progress

    today = args.today if getattr(args, "today", None) else date.today()
    if args.command == "plan":
        from leafpress.checks.crossfile import validate
        from leafpress.ci.shards import describe, shard_plan
        from leafpress.content.load import load_all
        from leafpress.errors import UsageError

        if args.shards != "auto" and not (args.shards.isdigit() and 1 <= int(args.shards) <= 256):
            raise UsageError.at("--shards", 0, f"'{args.shards}' is not 'auto' or a number of shards from 1 to 256")
        site, _ = validate(load_all(config, display_root), config)
        plan, warnings = shard_plan(config, site, None if args.shards == "auto" else int(args.shards))
        for warning in warnings:
            print(f"leafpress: warning: {warning}", file=sys.stderr)
        print(json.dumps(plan, separators=(",", ":")) if args.json else describe(plan))
        return EXIT_OK
    if args.command == "merge":
        from leafpress.files import write_atomic
        from leafpress.pipeline import load_site
        from leafpress.plan.cache import site_inputs
        from leafpress.publish.manifest import LANGUAGE_INDEX, MANIFEST, language_index, merge_shards, source_commit

        options = BuildOptions(pdf=False, today=today)
        site, _ = load_site(config, options)
        commit = source_commit(config.root)
        merged, entries = merge_shards(config.output_dir, args.shards, site_inputs(config, site), commit,
                                       display_root)
        report = build(config, options, Progress(quiet=True))
        write_atomic(config.output_dir / LANGUAGE_INDEX,
                     language_index(entries, list(config.languages.order), config.ci.print_pack, commit))
        write_atomic(config.output_dir / MANIFEST, merged)  # last: a complete manifest means a complete site
        print(f"leafpress: merged {args.shards} shards ({len(entries)} outputs) into "
              f"{config.output_dir / MANIFEST}; catalogue and HTML up to date ({report.written} files written)")
        return EXIT_OK
    if args.command == "pack":
        from leafpress.ci.packs import write_packs
        from leafpress.pipeline import load_site

        site, _ = load_site(config, BuildOptions(pdf=False, today=today))
        for folder, count in write_packs(config, site, list(args.lang), args.to, today, display_root):
            print(f"wrote {folder} ({count} files)")
        return EXIT_OK
    from leafpress.ci.deploy import deploy

    deploy(config)
    print(f"leafpress: deployed {config.output_dir} with [ci] deploy_command")
    return EXIT_OK
