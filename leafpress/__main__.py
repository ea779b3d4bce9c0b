"""`python -m leafpress`: the same as the `leafpress` command."""

from leafpress.cli import main

raise SystemExit(main())
