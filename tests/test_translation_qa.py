"""Translation QA: numbers, do-not-translate terms, glossaries, links and phones, by translation and source line."""

from __future__ import annotations

import unicodedata
from decimal import Decimal

from babel.numbers import format_decimal
from hypothesis import given
from hypothesis import strategies as st

from leafpress.checks.translation_qa import normalise, numbers
from test_bad_input import fails_cleanly

EN, ES, AR = "content/en/sample.md", "content/es/sample.md", "content/ar/sample.md"


def qa_warnings(site, capsys, only: str | None = None) -> list[str]:
    """The QA findings of `check`, of one file if given (a source edit also makes translations stale)."""
    capsys.readouterr()
    assert site.run("check") == 0
    return [line for line in capsys.readouterr().err.splitlines()
            if ": warning: " in line and "stale translation" not in line and "review due" not in line
            and (only is None or line.startswith(f"{only}:"))]


def both(site, source: tuple[str, str], spanish: tuple[str, str]) -> None:
    site.replace(EN, *source)
    site.replace(ES, *spanish)


def test_a_clean_translation_has_no_findings(multi, capsys):
    assert qa_warnings(multi, capsys) == []


def test_a_changed_dose_is_reported_with_both_lines(multi, capsys):
    multi.replace(ES, "Baclofeno 10 mg", "Baclofeno 20 mg")
    assert qa_warnings(multi, capsys) == [
        f"{ES}:16: warning: number 10 is in stage 2 of the source ({EN}:16) but not in the translation",
        f"{ES}:16: warning: number 20 is not in stage 2 of the source ({EN}:16)"]


def test_numbers_match_up_to_the_languages_formatting(multi, capsys):
    both(multi, ("Some text about it.", "Take 1.5 mg, up to 1,000 mg a week."),
         ("Un texto sobre ello.", "Tome 1,5 mg, hasta 1000 mg por semana."))
    ar = multi.read(AR).replace("## ", "نص ١٫٥ ملغ و1000 ملغ.\n\n## ", 2)
    multi.write(AR, ar.replace("نص ١٫٥ ملغ و1000 ملغ.\n\n## ", "## ", 1))  # into 'what-is-it' only
    warnings = qa_warnings(multi, capsys)
    assert [w for w in warnings if w.startswith(ES)] == []
    assert [w for w in warnings if "number" in w and w.startswith(AR)] == []


def test_a_section_with_a_missing_number_names_where_the_source_has_it(multi, capsys):
    both(multi, ("Some text about it.", "Some text about it.\nCall within 24 hours."),
         ("Un texto sobre ello.", "Un texto sobre ello. Llame pronto."))
    assert qa_warnings(multi, capsys)[0] == (
        f"{ES}:31: warning: number 24 is in section 'what-is-it' of the source ({EN}:27) but not in the "
        "translation")


def test_do_not_translate_terms_stay_as_the_source_writes_them(multi, capsys):
    multi.write("content/do-not-translate.txt", "# brand names\nMydocalm\n")
    both(multi, ("Some text about it.", "Ask about Mydocalm."), ("Un texto sobre ello.", "Pregunte por Midocalmo."))
    assert qa_warnings(multi, capsys, ES) == [
        f"{ES}:31: warning: 'Mydocalm' is in section 'what-is-it' of the source ({EN}:26) but not in the "
        "translation; it is not translated (content/do-not-translate.txt:2)"]
    multi.replace(ES, "Midocalmo", "Mydocalm")
    assert qa_warnings(multi, capsys, ES) == []


def test_the_glossary_gives_the_agreed_term_and_overrides_do_not_translate(multi, capsys):
    multi.write("content/do-not-translate.txt", "Baclofen\n")
    multi.write("content/es/glossary.csv", "source,target,note\nBaclofen,baclofeno,nombre genérico\n")
    assert qa_warnings(multi, capsys) == []  # 'Baclofeno 10 mg': the agreed term, capitalised
    multi.replace(ES, "Baclofeno 10 mg", "Lioresal 10 mg")
    assert qa_warnings(multi, capsys) == [
        f"{ES}:16: warning: stage 2 of the source ({EN}:16) uses 'baclofen': the agreed translation is "
        "'baclofeno' (content/es/glossary.csv:2)"]
    assert "do-not-translate" not in " ".join(qa_warnings(multi, capsys))


def test_links_e_mail_addresses_and_phone_numbers_match(multi, capsys):
    both(multi, ("Take medicines as prescribed.",
                 "Take medicines as prescribed. See [NHS](https://www.nhs.uk/), write to help@clinic.example "
                 "or call 0300 123 4567."),
         ("Tome los medicamentos como se le han recetado.",
          "Tome los medicamentos como se le han recetado. Vea [NHS](https://www.nhs.uk/es/) o llame al "
          "0300 123 4567."))
    assert qa_warnings(multi, capsys, ES) == [
        f"{ES}:39: warning: 'help@clinic.example' is in section 'safety' of the source ({EN}:34) but not in the "
        "translation; links, e-mail addresses and phone numbers stay the same",
        f"{ES}:39: warning: 'https://www.nhs.uk/' is in section 'safety' of the source ({EN}:34) but not in the "
        "translation; links, e-mail addresses and phone numbers stay the same"]


def test_one_check_can_be_silenced_for_a_part_on_purpose(multi, capsys):
    multi.replace(ES, "Baclofeno 10 mg", "Baclofeno 10 mg  # leafpress: allow numbers")
    multi.replace(ES, "Baclofeno 10 mg", "Baclofeno diez mg")
    assert qa_warnings(multi, capsys) == []


def test_a_broken_glossary_is_an_error_with_its_line_and_nothing_is_written(multi, capsys):
    assert multi.run("build") == 0
    multi.write("content/es/glossary.csv", "source,target\nBaclofen,\n")
    fails_cleanly(multi, capsys, "content/es/glossary.csv:2: each line needs a source term and its target term")
    multi.write("content/es/glossary.csv", "term;translation\n")
    fails_cleanly(multi, capsys, "content/es/glossary.csv:1: the first line must be the header 'source,target' "
                                 "(a third column, 'note', is optional)")
    multi.write("content/es/glossary.csv", 'source,target\nBaclofen,"baclofeno\n')
    fails_cleanly(multi, capsys, "content/es/glossary.csv:2: not a valid CSV line: unexpected end of data")


def test_terminology_files_are_not_published(multi):
    multi.write("content/es/glossary.csv", "source,target\nBaclofen,baclofeno\n")
    multi.write("content/do-not-translate.txt", "Mydocalm\n")
    assert multi.run("build", "--lang", "es") == 0
    assert not multi.path("output/es/glossary.csv").exists()
    assert not multi.path("output/do-not-translate.txt").exists()


LOCALES = ["en", "ru", "es", "ar", "de", "fr", "hi", "de_CH", "fa"]


def arabic_indic(text: str) -> str:
    return "".join(chr(0x0660 + int(c)) if c.isdigit() else c for c in text)


@given(st.decimals(min_value=0, max_value=10**7, places=3, allow_nan=False, allow_infinity=False),
       st.sampled_from(LOCALES), st.sampled_from(LOCALES), st.booleans())
def test_the_same_number_matches_across_locales(value, source_lang, target_lang, indic_digits):
    canonical = format(value.normalize(), "f")
    written = {lang: format_decimal(value, locale=lang, decimal_quantization=False) for lang in
               (source_lang, target_lang)}
    target = written[target_lang]
    if indic_digits and target_lang == "ar":
        target = arabic_indic(target).replace(".", "\u066b").replace(",", "\u066c")
    assert numbers(f"x {written[source_lang]} y", source_lang) == numbers(f"x {target} y", target_lang) == {
        canonical: 1}


@given(st.integers(min_value=0, max_value=999), st.integers(min_value=0, max_value=999))
def test_different_numbers_never_match(first, second):
    if first != second:
        assert normalise(str(first), "en") != normalise(str(second), "ru")
    assert unicodedata.digit("٣") == 3 and normalise("٣٫٥", "ar") == str(Decimal("3.5"))
