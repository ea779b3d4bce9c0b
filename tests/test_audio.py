"""The audio edition: a chapter per section, a plausible length, a complete transcript, the same bytes each time."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import lxml.html
import pytest

from conftest import copy_site
from page_checks import page_words
from leafpress.audio import speech
from leafpress.audio.script import chapters
from leafpress.content.pronunciation import Pronunciations
from leafpress.html.linear import reading_order

WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def opus_info(path: Path) -> tuple[float, list[tuple[float, str]]]:
    """(duration in seconds, [(chapter start, chapter name)]) as opusinfo (opus-tools) reads the file."""
    out = subprocess.run(["opusinfo", str(path)], capture_output=True, text=True, check=True).stdout
    minutes, seconds = re.search(r"Playback length: (\d+)m:([\d.]+)s", out).groups()
    starts = dict(re.findall(r"CHAPTER(\d{3})=(\S+)", out))
    names = dict(re.findall(r"CHAPTER(\d{3})NAME=(.*)", out))
    def seconds_of(stamp):
        h, m, s = stamp.split(":")
        return int(h) * 3600 + int(m) * 60 + float(s)
    return int(minutes) * 60 + float(seconds), [(seconds_of(starts[k]), names[k].strip()) for k in sorted(starts)]


def sections_of(html: str) -> list[str]:
    """The page's title, its level-2 sections (not the call-outs' titles) and its contact section, by lxml."""
    root = lxml.html.fromstring(html)
    title = root.xpath("//main//h1")[0].text_content().strip()
    headings = [" ".join(h.text_content().split()) for h in root.xpath("//main//h2|//footer[@class='colophon']//h2")
                if "callout-title" not in (h.get("class") or "")]
    return [title, *headings]


def prose_words(html: str) -> set[str]:
    return {word.casefold() for word in page_words(html)}


def audio_pages(site):
    return sorted(site.output.glob("*/*.opus"))


def test_every_leaflet_in_every_language_is_spoken_with_a_chapter_per_section(built_clinic):
    pages = sorted(built_clinic.output.glob("*/*.html"))
    assert [p.with_suffix("").name for p in audio_pages(built_clinic)] == [p.with_suffix("").name for p in pages]
    assert {p.parent.name for p in audio_pages(built_clinic)} == {"en", "es", "ar"}
    for page in pages:
        duration, found = opus_info(page.with_suffix(".opus"))
        assert [name for _, name in found] == sections_of(page.read_text(encoding="utf-8")), page
        starts = [start for start, _ in found]
        assert starts[0] == 0 and starts == sorted(starts) and len(set(starts)) == len(starts)
        assert starts[-1] < duration


def test_durations_are_plausible_for_the_words_spoken(built_clinic):
    for audio in audio_pages(built_clinic):
        duration, _ = opus_info(audio)
        words = len(WORD.findall(audio.with_suffix(".transcript.txt").read_text(encoding="utf-8")))
        rate = words / (duration / 60)
        # A 150-words-a-minute voice, with pauses between blocks and numbers read out in full.
        assert 80 <= rate <= 200, (audio, words, duration, rate)


def test_the_transcript_holds_every_word_of_the_page(built_clinic):
    for page in sorted(built_clinic.output.glob("*/*.html")):
        transcript = page.with_suffix(".transcript.txt").read_text(encoding="utf-8")
        said = {word.casefold() for word in WORD.findall(transcript)}
        assert prose_words(page.read_text(encoding="utf-8")) - said == set(), page
        assert transcript.startswith("## ")


def test_an_introduction_names_the_leaflet_and_its_version(built_clinic):
    transcript = (built_clinic.output / "en" / "mri-scan.transcript.txt").read_text(encoding="utf-8")
    intro = transcript.split("\n\n## ")[0].splitlines()
    assert intro[:3] == ["## Your MRI scan", "", "Your MRI scan"]
    assert intro[3].startswith("Leaflet ID: ") and intro[4].startswith("Version: ")
    arabic = (built_clinic.output / "ar" / "mri-scan.transcript.txt").read_text(encoding="utf-8")
    assert "الإصدار" in arabic.split("\n\n## ")[0] or "النسخة" in arabic.split("\n\n## ")[0]


def test_the_stage_table_and_lists_are_read_in_order_with_pauses(built_clinic):
    html = (built_clinic.output / "en" / "back-exercises.html").read_text(encoding="utf-8")
    found = chapters(reading_order(html), "en", Pronunciations())
    plan = next(chapter for chapter in found if chapter.title == "Your plan")
    lines = list(plan.transcript)
    level = lines.index("Level: Level 1: first week.")
    assert lines[level + 1] == "Aim: Get moving again without making the pain worse."
    assert lines[level + 2].startswith("Exercises: Exercises 1 to 4")
    assert plan.speech.count("<break time=") == len(lines)
    exercises = next(chapter for chapter in found if chapter.title == "The exercises")
    assert "1. Lie on your back with both legs straight." in exercises.transcript


def test_the_same_text_gives_the_same_audio_bytes(tmp_path):
    first, second = copy_site("multi", tmp_path / "one"), copy_site("multi", tmp_path / "two")
    for site in (first, second):
        site.config.write_text(site.config.read_text() + '\n[editions]\nbuild = ["audio", "transcript"]\n')
        assert site.run("build") == 0
    for audio in audio_pages(first):
        assert audio.read_bytes() == (second.output / audio.relative_to(first.output)).read_bytes()


def test_a_long_arabic_leaflet_is_spoken_the_same_each_time():
    """espeak-ng's Arabic voice on its own gave 5 different waves for 6 runs of this leaflet (speech.py)."""
    import html as html_text

    from conftest import PROJECT
    from leafpress.audio.script import Chapter

    text = (PROJECT / "content" / "ar" / "sciatica.md").read_text(encoding="utf-8").split("\n---\n", 1)[1]
    spoken = [Chapter("", html_text.escape(" ".join(text.split())), ())]
    first, _ = speech.synthesise(spoken, "ar", 150, 24, "t", "a", "ar", "content/ar/sciatica.md")
    for _ in range(3):
        assert speech.synthesise(spoken, "ar", 150, 24, "t", "a", "ar", "content/ar/sciatica.md")[0] == first


def test_the_pronunciation_list_changes_the_speech_not_the_transcript(tmp_path, capsys):
    site = copy_site("multi", tmp_path / "site")
    site.config.write_text(site.config.read_text() + '\n[editions]\nbuild = ["audio", "transcript"]\n')
    assert site.run("build") == 0
    before = (site.output / "en" / "sample.opus").read_bytes()
    words = sorted(WORD.findall((site.output / "en" / "sample.transcript.txt").read_text()), key=len)
    word = words[-1]
    (site.root / "content" / "en" / "pronunciation.txt").write_text(f"# how to say it\n{word} = zed zed zed\n")
    assert site.run("build") == 0
    assert (site.output / "en" / "sample.opus").read_bytes() != before
    assert word in (site.output / "en" / "sample.transcript.txt").read_text()
    assert not (site.output / "en" / "pronunciation.txt").exists()  # not published
    html = (site.output / "en" / "sample.html").read_text()
    spoken = chapters(reading_order(html), "en", Pronunciations(((word, "zed zed zed"),)))
    assert any("zed zed zed" in chapter.speech for chapter in spoken)
    assert not any("zed" in line for chapter in spoken for line in chapter.transcript)


def test_a_bad_pronunciation_line_is_an_error_with_its_line(multi, capsys):
    (multi.root / "content" / "en" / "pronunciation.txt").write_text("ibuprofen = eye-byoo-PROH-fen\nNSAID\n"
                                                                     "Ibuprofen = again\n")
    assert multi.run("check") == 1
    err = capsys.readouterr().err
    assert "content/en/pronunciation.txt:2: expected 'written = spoken', like 'ibuprofen = eye-byoo-PROH-fen', " \
           "not 'NSAID'" in err
    assert "content/en/pronunciation.txt:3: 'Ibuprofen' is already given on line 1" in err


def test_a_missing_speech_tool_names_its_debian_package(multi, capsys, monkeypatch):
    multi.config.write_text(multi.config.read_text() + '\n[editions]\nbuild = ["audio"]\n')
    real = speech.shutil.which
    monkeypatch.setattr(speech.shutil, "which", lambda name: None if name == "espeak-ng" else real(name))
    assert multi.run("build") == 1
    err = capsys.readouterr().err
    assert "audio: the audio edition needs espeak-ng, which was not found (Debian: sudo apt-get install espeak-ng)" \
           in err and "Traceback" not in err
    assert not multi.output.exists()


def test_an_unchanged_rebuild_renders_no_braille_or_audio_again(tmp_path, capsys):
    site = copy_site("multi", tmp_path / "site")
    site.config.write_text(site.config.read_text() + '\n[editions]\nbuild = ["braille", "audio", "transcript"]\n')
    assert site.run("build") == 0
    (site.root / ".leafpress-cache" / "last-build.json").unlink()  # past the no-op fast path: the cache decides
    capsys.readouterr()
    assert site.run("build") == 0
    assert re.search(r"leafpress: 0 outputs built .*?, 12 unchanged", capsys.readouterr().out)
    manifest = (site.output / "manifest.json").read_text()
    assert all(f'"{lang}/sample.{kind}"' in manifest for lang in ("en", "es", "ar")
               for kind in ("brf", "opus", "transcript.txt"))


@pytest.mark.parametrize("key, value, message", [
    ("words_per_minute", "500", "[audio] words_per_minute must be between 80 and 260"),
    ("bitrate_kbps", "1", "[audio] bitrate_kbps must be between 6 and 256"),
])
def test_audio_settings_are_checked(multi, capsys, key, value, message):
    multi.config.write_text(multi.config.read_text() + f"\n[audio]\n{key} = {value}\n")
    assert multi.run("check") == 1
    assert message in capsys.readouterr().err
