"""The two-note chime (叮—咚) played before a spoken call, written as a WAV with the stdlib."""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 16_000
NOTES = ((659.25, 0.35), (523.25, 0.55))  # E5 then C5, the familiar hall "ding-dong"


def chime_samples(volume: float = 0.5) -> bytes:
    """16-bit mono PCM of the chime: each note a sine with a soft attack and a decaying tail."""
    frames = bytearray()
    for frequency, seconds in NOTES:
        count = int(RATE * seconds)
        for i in range(count):
            t = i / RATE
            envelope = min(1.0, t / 0.01) * math.exp(-3.0 * t / seconds)
            sample = volume * envelope * math.sin(2 * math.pi * frequency * t)
            frames += struct.pack("<h", int(sample * 32767))
    return bytes(frames)


def write_chime(path: Path) -> Path:
    """Write the chime WAV to ``path`` (once; it is reused) and return the path."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".tmp")
        with wave.open(str(partial), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(RATE)
            out.writeframes(chime_samples())
        partial.replace(path)
    return path
