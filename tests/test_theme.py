"""Theme folders: a site's own files override the default theme's one by one, and nothing else is copied."""

from __future__ import annotations

import io

import pikepdf
import pytest

from conftest import TEMPLATES
from leafpress.config import load_config
from leafpress.theme import Theme, default_theme_dir


def test_the_default_theme_is_this_repositorys_templates_folder():
    assert default_theme_dir() == TEMPLATES.resolve()


def test_each_file_comes_from_the_first_folder_that_has_it(tmp_path):
    own, base = tmp_path / "own", tmp_path / "base"
    (own / "assets").mkdir(parents=True)
    (base / "assets").mkdir(parents=True)
    (own / "assets" / "leaflet.css").write_text("own")
    (base / "assets" / "leaflet.css").write_text("base")
    (base / "assets" / "fonts.css").write_text("base fonts")
    (base / "assets" / ".hidden").write_text("never")
    theme = Theme((own, base))
    assert theme.find("assets/leaflet.css") == own / "assets" / "leaflet.css"
    assert theme.find("assets/fonts.css") == base / "assets" / "fonts.css"
    assert theme.find("assets/missing.css") is None
    assert theme.find("../own/assets/leaflet.css") is None
    assert theme.files("assets") == {"assets/fonts.css": base / "assets" / "fonts.css",
                                     "assets/leaflet.css": own / "assets" / "leaflet.css"}


def use_custom_dir(site, folder: str = "theme") -> None:
    site.replace("site.toml", "[paths]", f'[theme]\ncustom_dir = "{folder}"\n\n[paths]')


def test_one_override_stylesheet_changes_the_pdfs_and_nothing_else_is_copied(built_copy):
    """A clinic restyles its headings with one file: theme/assets/custom.css."""
    before = built_copy.snapshot()
    use_custom_dir(built_copy)
    built_copy.write("theme/assets/custom.css", "h2 { color: #ff00ff; }\n")
    assert built_copy.run("build") == 0
    after = built_copy.snapshot()
    assert sorted(p.name for p in built_copy.path("theme").rglob("*") if p.is_file()) == ["custom.css"]
    assert after["assets/custom.css"][0] == b"h2 { color: #ff00ff; }\n"
    assert '<link rel="stylesheet" href="../assets/custom.css">' in built_copy.read("output/en/sample.html")
    for pdf in ("en/sample.pdf", "ru/sample.pdf"):
        assert after[pdf][0] != before[pdf][0]
        with pikepdf.open(io.BytesIO(after[pdf][0])) as document:
            content = b"".join(page.Contents.read_bytes() if not isinstance(page.Contents, pikepdf.Array)
                               else b"".join(part.read_bytes() for part in page.Contents)
                               for page in document.pages)
        assert b"1 0 1 rg" in content  # #ff00ff as the fill colour of the headings
    # Everything the site does not override still comes from the default theme.
    assert after["assets/leaflet.css"] == before["assets/leaflet.css"]


def test_without_custom_css_the_page_links_none(built_basic):
    assert "custom.css" not in built_basic.read("output/en/sample.html")


def test_a_template_override_replaces_one_layout(built_copy):
    use_custom_dir(built_copy)
    partial = (TEMPLATES / "partials" / "stage-table.html").read_text(encoding="utf-8")
    built_copy.write("theme/partials/stage-table.html",
                     partial.replace('<table class="stages">', '<table class="stages clinic-stages">'))
    assert built_copy.run("build") == 0
    assert '<table class="stages clinic-stages">' in built_copy.read("output/en/sample.html")
    assert "<header class=\"masthead\">" in built_copy.read("output/en/sample.html")  # leaflet.html: the default


def test_a_missing_custom_dir_is_a_configuration_error(basic, capsys):
    use_custom_dir(basic, "nowhere")
    assert basic.run("check") == 1
    assert "site.toml:13: [theme] custom_dir: the folder 'nowhere' does not exist" in capsys.readouterr().err


def test_a_site_without_a_templates_folder_uses_the_default_theme(tmp_path):
    (tmp_path / "site.toml").write_text('[organisation]\nname = "C"\nphone = "1"\naddress = "A"\nweb = "w"\n'
                                        '[languages]\nsource = "en"\norder = ["en"]\n', encoding="utf-8")
    config = load_config(tmp_path / "site.toml")
    assert config.theme.folders == (TEMPLATES.resolve(),)
    assert config.theme.own is None


@pytest.mark.parametrize("setting", ['templates = "missing"'])
def test_an_explicit_templates_folder_must_exist(tmp_path, setting):
    (tmp_path / "site.toml").write_text('[organisation]\nname = "C"\nphone = "1"\naddress = "A"\nweb = "w"\n'
                                        '[languages]\nsource = "en"\norder = ["en"]\n'
                                        f'[paths]\n{setting}\n', encoding="utf-8")
    with pytest.raises(Exception) as caught:
        load_config(tmp_path / "site.toml")
    assert "[paths] templates: the folder 'missing' does not exist" in str(caught.value)


def test_a_font_added_by_the_site_joins_the_default_fonts(built_copy):
    """A site adds a font file; the renderer sees it beside the default theme's fonts (a folder of links)."""
    use_custom_dir(built_copy)
    extra = built_copy.write("theme/assets/fonts/Extra-Regular.ttf",
                             (TEMPLATES / "assets/fonts/NotoSans-Regular.ttf").read_bytes())
    theme = load_config(built_copy.config).theme
    names = sorted(path.name for path in theme.font_files())
    assert "Extra-Regular.ttf" in names and "NotoSans-Regular.ttf" in names
    folder = theme.fonts_folder()
    assert sorted(path.name for path in folder.iterdir() if path.suffix == ".ttf") == \
        sorted(name for name in names if name.endswith(".ttf"))
    assert (folder / "Extra-Regular.ttf").resolve() == extra.resolve()
