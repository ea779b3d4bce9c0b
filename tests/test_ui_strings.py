"""UI catalogs: completeness checks, plurals per language, and updating from the templates."""

from __future__ import annotations

import tinyhtml5

PO = "templates/locale/ru/LC_MESSAGES/messages.po"



def line_of(text, needle):
    return text.splitlines().index(needle) + 1


def test_untranslated_string_is_an_error(built_copy, capsys):
    built_copy.own_templates()
    text = built_copy.read(PO).replace('msgstr "Этап"', 'msgstr ""')
    built_copy.write(PO, text)
    line = line_of(text, 'msgid "Stage"')
    assert built_copy.check_errors(capsys) == [f"{PO}:{line}: 'Stage' is not translated"]


def test_fuzzy_entry_is_an_error(built_copy, capsys):
    built_copy.own_templates()
    text = built_copy.read(PO).replace('msgid "Goal"', '#, fuzzy\nmsgid "Goal"')
    built_copy.write(PO, text)
    line = line_of(text, 'msgid "Goal"')
    assert built_copy.check_errors(capsys) == [
        f"{PO}:{line}: fuzzy (unchecked) translation of 'Goal': check it and remove the "
        "'fuzzy' flag"]


def test_string_missing_from_the_catalog_is_an_error(built_copy, capsys):
    built_copy.own_templates()
    built_copy.write(PO, built_copy.read(PO).replace('msgid "Goal"\nmsgstr "Цель"\n', ""))
    # Named at the line where it belongs: catalogs are sorted, so before the next string, 'Grade ...'.
    line = line_of(built_copy.read(PO), 'msgid "Grade %(grade)s"')
    assert built_copy.check_errors(capsys) == [
        f"{PO}:{line}: missing string 'Goal'; run 'leafpress catalogs' and translate it"]


def test_catalogs_command_adds_new_template_strings_and_keeps_translations(built_copy, capsys):
    templates = built_copy.own_templates()
    partial = templates / "partials/stage-table.html"
    partial.write_text(partial.read_text().replace("<caption>", "<caption>{{ _('New words') }} "))
    line = line_of(built_copy.read(PO), 'msgid "Next review"')
    assert built_copy.check_errors(capsys) == [
        f"{PO}:{line}: missing string 'New words'; run 'leafpress catalogs' and translate it"]
    assert built_copy.run("catalogs") == 0
    text = built_copy.read(PO)
    assert 'msgid "New words"\nmsgstr ""' in text and 'msgid "Goal"\nmsgstr "Цель"' in text
    assert 'msgid "New words"' in built_copy.read("templates/locale/messages.pot")
    line = line_of(text, 'msgid "New words"')
    assert built_copy.check_errors(capsys) == [f"{PO}:{line}: 'New words' is not translated"]


def test_plurals_follow_each_language(built_multi):
    def switcher_label(lang):
        page = tinyhtml5.parse(built_multi.read(f"output/{lang}/sample.html"), namespace_html_elements=False)
        return page.find(".//nav[@class='languages']/p").text

    assert switcher_label("en") == "Available in 3 languages:"
    assert switcher_label("es") == "Disponible en 3 idiomas:"
    assert switcher_label("ar") == "متوفرة بـ 3 لغات:"  # Arabic "few" form (3–10)


def test_dates_and_language_names_come_from_babel(built_multi):
    es = tinyhtml5.parse(built_multi.read("output/es/sample.html"), namespace_html_elements=False)
    names = [a.text for a in es.findall(".//nav[@class='languages']//a")]
    assert names == ["English", "العربية"]
    assert es.find(".//nav//span[@aria-current='page']").text == "Español"
    review = es.find(".//dl[@class='governance']//time[@datetime='2027-01-15']").text
    assert review == "15 de enero de 2027"
