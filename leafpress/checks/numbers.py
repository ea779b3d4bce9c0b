"""Numbers with units, by the classic prescription-safety rules (ISMP, NHS medicines guidance).

- A number and its unit are separated by a space: '10 mg', not '10mg' (a glued 'l' or 'U'
  is misread as a digit).
- No dose without a leading zero: '0.5 mg', never '.5 mg' (read as 5 mg).
- No trailing zero: '5 mg', never '5.0 mg' (read as 50 mg).
- The decimal separator is the page language's (Babel's locale data): '1.5 mg' in English,
  '1,5 мг' in Russian and Spanish; the other one is ambiguous in that language.

Only numbers followed by a unit of dose, volume or mass are checked: other numbers
('version 1.0', 'every 6 months') are not doses.
"""

from __future__ import annotations

import re

from leafpress.checks.lines import Line
from leafpress.errors import Diagnostic
from leafpress.locales import decimal_symbol

UNITS = ("mg", "mcg", "µg", "μg", "g", "kg", "ml", "mL", "l", "L", "IU", "units", "mmol", "micrograms",
         "мг", "мкг", "г", "кг", "мл", "л", "ЕД", "ммоль",
         "ملغ", "مغ", "مل", "غ", "كغ")
_UNIT = "|".join(sorted(map(re.escape, UNITS), key=len, reverse=True))
DOSE = re.compile(rf"(?<![\w.,])(?P<number>\d*[.,]?\d+)(?P<space>\s?)(?P<unit>{_UNIT})(?!\w)")


def _problems(number: str, space: str, unit: str, lang: str) -> list[tuple[str, str]]:
    """(rule, message) for one dose as written."""
    problems = []
    decimal = decimal_symbol(lang)
    other = "," if decimal == "." else "."
    written = f"{number}{space}{unit}"
    if not space:
        problems.append(("unit-space", f"'{written}': put a space between the number and the unit: "
                                       f"'{number} {unit}'"))
    if number[0] in ".,":
        problems.append(("leading-zero", f"'{written}': write '0{number} {unit}'; without the leading zero "
                                         "a dose is misread as ten times larger"))
    if decimal in number:
        whole, _, fraction = number.rpartition(decimal)
    elif other in number:
        whole, _, fraction = number.rpartition(other)
        if other == "," and whole and len(fraction) == 3:  # '1,000 mg' in English: a thousands group
            return problems
        problems.append(("decimal-separator", f"'{written}': the decimal separator in this language is "
                                              f"'{decimal}': write '{number.replace(other, decimal)} {unit}'"))
    else:
        return problems
    if fraction and set(fraction) == {"0"}:
        problems.append(("trailing-zero", f"'{written}': write '{whole or '0'} {unit}'; a trailing zero is "
                                          "misread as ten times larger"))
    return problems


def dose_numbers(lines: tuple[Line, ...], lang: str) -> list[Diagnostic]:
    found = []
    for line in lines:
        if not any(char.isdigit() for char in line.text):
            continue
        for match in DOSE.finditer(line.text):
            for rule, message in _problems(match.group("number"), match.group("space"), match.group("unit"), lang):
                if not line.allows(rule):
                    found.append(Diagnostic(line.path, line.number, message, severity="warning"))
    return found
