"""Mixed-script look-alikes: a Latin drug name with a Cyrillic 'а' inside it, or the reverse.

The word looks right on paper, but search, screen readers and pharmacists' systems
treat it as a different word. Script data and look-alike tables come from Unicode's
confusables data, through the `confusable_homoglyphs` package.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from confusable_homoglyphs import categories, confusables

from leafpress.checks.invisible import describe
from leafpress.checks.lines import Line
from leafpress.errors import Diagnostic

RULE = "mixed-script"
WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def _script(char: str) -> str:
    return categories.alias(char)


@lru_cache(maxsize=65536)  # a site repeats its words in every file: look each one up once
def word_problem(word: str) -> str | None:
    """Why a word mixes scripts, naming the intruding letters and what they look like; or None."""
    if word.isascii() or not confusables.is_mixed_script(word):
        return None
    counts = Counter(_script(c) for c in word if c.isalpha())
    main = max(sorted(counts), key=counts.__getitem__)
    intruders = []
    for char in dict.fromkeys(c for c in word if c.isalpha() and _script(c) != main):
        looks = confusables.is_confusable(char, preferred_aliases=[main.lower()]) or []
        homoglyphs = [g["c"] for entry in looks for g in entry["homoglyphs"] if _script(g["c"]) == main]
        like = f", which looks like {main.title()} '{homoglyphs[0]}'" if homoglyphs else ""
        intruders.append(f"'{char}' ({describe(char)}{like})")
    scripts = " and ".join(s.title() for s in sorted(counts, key=lambda s: (s != main, s)))
    return f"'{word}' mixes {scripts} letters: {', '.join(intruders)}; retype the word in one alphabet"


def mixed_scripts(lines: tuple[Line, ...]) -> list[Diagnostic]:
    found = []
    for line in lines:
        if line.text.isascii() or line.allows(RULE):
            continue
        for match in WORD.finditer(line.text):
            problem = word_problem(match.group())
            if problem:
                found.append(Diagnostic(line.path, line.number, problem, severity="warning"))
    return found
