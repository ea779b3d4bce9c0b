"""Speech to one Opus file: espeak-ng per chapter, joined, encoded by opusenc with Ogg chapter comments.

The same text gives the same bytes. espeak-ng 1.51 (Debian 12) is not deterministic for every
voice on its own: its Arabic voice gave 5 different waves for 6 runs of one leaflet, because what it
makes depends on where its memory lands. It is run with address randomisation off for its process
(`setarch -R`, util-linux), which made 6 of 6 the same, whatever the environment; where setarch
cannot do that, it runs as it is. opusenc is given the Ogg stream's serial number (a hash of the
text) instead of a random one.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import tempfile
import wave
from functools import lru_cache
from pathlib import Path

from leafpress.audio.script import Chapter
from leafpress.errors import Diagnostic, RenderError

TOOLS = {"espeak-ng": "espeak-ng", "opusenc": "opus-tools"}
# Speech and encoding run below the PDF workers' priority: the print files staff wait for come first,
# and the audio takes the processor time they leave.
BELOW_THE_PDFS = ["nice", "-n", "19"] if shutil.which("nice") else []


@lru_cache(maxsize=1)
def fixed_addresses() -> list[str]:
    """The command prefix that turns address randomisation off for espeak-ng, if this system allows it."""
    setarch = shutil.which("setarch")
    if setarch and subprocess.run([setarch, "-R", "true"], capture_output=True).returncode == 0:
        return [setarch, "-R"]
    return []


def tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise RenderError([Diagnostic("audio", 0, f"the audio edition needs {name}, which was not found (Debian: "
                                                  f"sudo apt-get install {TOOLS[name]})")])
    return found


def timestamp(seconds: float) -> str:
    milliseconds = round(seconds * 1000)
    hours, rest = divmod(milliseconds, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02}:{minutes:02}:{rest // 1000:02}.{rest % 1000:03}"


def synthesise(chapters: list[Chapter], voice: str, words_per_minute: int, bitrate_kbps: int, title: str,
               artist: str, lang: str, shown: str) -> tuple[bytes, list[float]]:
    """The Opus file and each chapter's start in seconds."""
    espeak, opusenc = tool("espeak-ng"), tool("opusenc")
    with tempfile.TemporaryDirectory(prefix="leafpress-audio-") as scratch:
        folder = Path(scratch)
        frames, params, starts, position = [], None, [], 0
        for number, chapter in enumerate(chapters):
            path = folder / f"{number:03}.wav"
            result = subprocess.run([*BELOW_THE_PDFS, *fixed_addresses(), espeak, "-m", "-v", voice, "-s", str(words_per_minute),
                                     "-w", str(path), "--stdin"], input=chapter.speech.encode("utf-8"),
                                    capture_output=True)
            if result.returncode != 0 or not path.exists():
                raise RenderError([Diagnostic(shown, 0, f"espeak-ng could not speak it with voice '{voice}': "
                                                        f"{result.stderr.decode(errors='replace').strip()}")])
            with wave.open(str(path), "rb") as part:
                params = params or part.getparams()
                data = part.readframes(part.getnframes())
            starts.append(position / params.framerate)
            position += len(data) // (params.sampwidth * params.nchannels)
            frames.append(data)
        joined = folder / "all.wav"
        with wave.open(str(joined), "wb") as out:
            out.setparams(params)
            out.writeframes(b"".join(frames))
        serial = int(hashlib.sha256("".join(c.speech for c in chapters).encode()).hexdigest()[:7], 16)
        comments = []
        for number, (chapter, start) in enumerate(zip(chapters, starts), start=1):
            comments += ["--comment", f"CHAPTER{number:03}={timestamp(start)}",
                         "--comment", f"CHAPTER{number:03}NAME={chapter.title}"]
        target = folder / "out.opus"
        # Complexity 0 and 60 ms frames: a quarter of the default's processor time, and clear for speech.
        result = subprocess.run([*BELOW_THE_PDFS, opusenc, "--quiet", "--bitrate", str(bitrate_kbps), "--comp", "0",
                                 "--framesize", "60", "--serial", str(serial), "--title", title, "--artist", artist,
                                 "--comment", f"LANGUAGE={lang}", *comments, str(joined), str(target)],
                                capture_output=True)
        if result.returncode != 0:
            raise RenderError([Diagnostic(shown, 0, f"opusenc failed: {result.stderr.decode(errors='replace')}")])
        return target.read_bytes(), starts


def transcript(title: str, chapters: list[Chapter], starts: list[float]) -> str:
    lines = [title, ""]
    for chapter, start in zip(chapters, starts):
        lines += [f"[{timestamp(start)}] {chapter.title}", *chapter.transcript, ""]
    return "\n".join(lines)
