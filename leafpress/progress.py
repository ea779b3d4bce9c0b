"""Progress for long builds: a bar that redraws itself on a terminal, plain lines elsewhere (CI)."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """Counts finished outputs; `line` for messages that must stay visible."""

    def __init__(self, stream: TextIO | None = None, interactive: bool | None = None, quiet: bool = False):
        self.stream = stream or sys.stderr
        self.interactive = self.stream.isatty() if interactive is None else interactive
        self.quiet = quiet
        self.total = 0
        self.done = 0
        self.started = time.perf_counter()
        self._bar_shown = False

    def start(self, total: int) -> None:
        self.total, self.done, self.started = total, 0, time.perf_counter()

    def advance(self, label: str) -> None:
        self.done += 1
        if self.quiet:
            return
        if self.interactive:
            width = 30
            filled = int(width * self.done / max(self.total, 1))
            elapsed = time.perf_counter() - self.started
            bar = "#" * filled + "-" * (width - filled)
            self.stream.write(f"\r[{bar}] {self.done}/{self.total} {elapsed:5.1f} s {label[:40]:<40}")
            self._bar_shown = True
            if self.done == self.total:
                self.stream.write("\n")
                self._bar_shown = False
        else:
            self.stream.write(f"[{self.done}/{self.total}] {label}\n")
        self.stream.flush()

    def line(self, message: str) -> None:
        if self._bar_shown:
            self.stream.write("\n")
            self._bar_shown = False
        self.stream.write(message + "\n")
        self.stream.flush()
