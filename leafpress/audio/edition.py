"""A page's audio edition and its transcript, in the page's language."""

from __future__ import annotations

from leafpress.content.pronunciation import read_pronunciations
from leafpress.audio.script import chapters
from leafpress.audio.speech import synthesise
from leafpress.errors import Diagnostic, RenderError
from leafpress.html.linear import Block


def page_chapters(blocks: list[Block], config, lang: str):
    return chapters(blocks, lang, read_pronunciations(config.content_dir, lang))


def audio_file(blocks: list[Block], config, lang: str, shown: str) -> bytes:
    voice = config.audio.voice(lang)
    if voice is None:
        raise RenderError([Diagnostic(config.config_path.name, 0, f"[audio] voices has no espeak-ng voice for "
                                                                   f"'{lang}' (espeak-ng --voices lists them)")])
    found = page_chapters(blocks, config, lang)
    title = found[0].title if found else ""
    data, _ = synthesise(found, voice, config.audio.words_per_minute, config.audio.bitrate_kbps, title,
                         config.organisation.name, lang, shown)
    return data


def transcript_file(blocks: list[Block], config, lang: str) -> bytes:
    """Every word the audio says, in the leaflet's own words (before the pronunciation list), by chapter."""
    found = chapters(blocks, lang, read_pronunciations(config.content_dir, lang))
    lines = []
    for chapter in found:
        lines += [f"## {chapter.title}", "", *chapter.transcript, ""]
    return "\n".join(lines).encode("utf-8")
