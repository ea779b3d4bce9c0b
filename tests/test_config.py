"""site.toml: declared once, every problem reported with its line, unknown keys refused."""

from __future__ import annotations

import pytest

from leafpress.config import describe, load_config
from leafpress.errors import ConfigError

GOOD = """\
[organisation]
name = "Clinic"
phone = "1"
address = "Street"
web = "web"

[languages]
source = "en"
order = ["en", "ru"]
"""


def load(tmp_path, text):
    (tmp_path / "templates").mkdir(exist_ok=True)  # [paths] templates must exist (default: templates)
    path = tmp_path / "site.toml"
    path.write_text(text, encoding="utf-8")
    return load_config(path, display_root=tmp_path)


def messages(tmp_path, text):
    with pytest.raises(ConfigError) as caught:
        load(tmp_path, text)
    return [str(d) for d in caught.value.diagnostics]


def test_good_configuration_with_defaults(tmp_path):
    config = load(tmp_path, GOOD)
    assert config.organisation.name == "Clinic"
    assert config.languages.order == ("en", "ru")
    assert config.output_dir == (tmp_path / "output").resolve()
    assert config.theme.folders[0] == (tmp_path / "templates").resolve()


def test_unknown_key_and_section_and_missing_key_all_reported(tmp_path):
    text = GOOD.replace('phone = "1"\n', 'fone = "1"\n') + '\n[extras]\nx = 1\n'
    assert messages(tmp_path, text) == [
        "site.toml:1: [organisation] is missing required key 'phone'",
        "site.toml:3: unknown key 'fone' in [organisation]; keys must be one of ['address', 'feedback', 'name', 'phone', 'web']",
        "site.toml:11: unknown section [extras]; sections must be one of ['audio', 'braille', 'ci', 'editions', 'governance', 'languages', 'limits', 'online', 'organisation', 'paths', 'readability', 'theme']",
    ]


def test_wrong_types(tmp_path):
    text = GOOD.replace('name = "Clinic"', "name = 3").replace('order = ["en", "ru"]', 'order = "en"')
    assert messages(tmp_path, text) == [
        "site.toml:2: 'name' in [organisation] must be a non-empty string",
        "site.toml:9: 'order' in [languages] must be a list of strings",
    ]


def test_language_checks(tmp_path):
    text = GOOD.replace('source = "en"', 'source = "de"').replace('["en", "ru"]', '["en", "xx-nope", "en"]')
    assert messages(tmp_path, text) == [
        "site.toml:8: source language 'de' must also be listed in 'order'",
        "site.toml:9: 'xx-nope' is not a known language code",
        "site.toml:9: a language is listed twice in 'order'",
    ]


def test_broken_toml_names_its_line(tmp_path):
    assert messages(tmp_path, GOOD.replace('web = "web"', "web = ")) == [
        "site.toml:5: invalid TOML: Invalid value"]


def test_missing_file(tmp_path):
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path / "nope.toml", display_root=tmp_path)
    assert str(caught.value) == "nope.toml: configuration file not found"


def test_every_key_is_documented():
    text = describe()
    for key in ("name", "phone", "address", "web", "source", "order", "content", "templates", "output"):
        assert f"  {key}" in text
    assert "[organisation]" in text and "[languages]" in text and "[paths]" in text
