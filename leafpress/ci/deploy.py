"""`leafpress deploy`: copy the output to the site's own static host with [ci] deploy_command."""

from __future__ import annotations

import os
import subprocess

from leafpress.config import SiteConfig
from leafpress.errors import ContentError, UsageError, display_path


def deploy(config: SiteConfig) -> None:
    """Run the deploy command in the project folder, with $LEAFPRESS_OUTPUT naming the output folder."""
    ci = config.ci
    if ci.deploy != "command":
        raise UsageError.at("[ci] deploy", 0, f"is '{ci.deploy}': 'leafpress deploy' runs [ci] deploy_command, "
                                              "which needs deploy = 'command' (with 'github-pages', the workflow "
                                              "deploys)")
    if not (config.output_dir / "index.html").is_file():
        raise ContentError.at(display_path(config.output_dir), 0, "has no catalogue (index.html): build first, "
                                                                  "so that nothing half-built is deployed")
    result = subprocess.run(ci.deploy_command, shell=True, cwd=config.root,
                            env={**os.environ, "LEAFPRESS_OUTPUT": str(config.output_dir)})
    if result.returncode != 0:
        raise ContentError.at(display_path(config.config_path), 0,
                              f"[ci] deploy_command failed with exit code {result.returncode}")
