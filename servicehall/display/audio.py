"""Is there anywhere to send sound? Find a sound output and a WAV player on this PC."""

from __future__ import annotations

import glob
import os
import shutil
import sys
from pathlib import Path

PLAYERS = (["paplay"], ["pw-play"], ["aplay", "-q"], ["play", "-q"])


def sound_output() -> str | None:
    """A short description of the sound output found, or None when there is none (Linux)."""
    if not sys.platform.startswith("linux"):
        return "system"
    if os.environ.get("PULSE_SERVER"):
        return "pulse"
    runtime = Path(os.environ.get("XDG_RUNTIME_DIR") or f"/run/user/{os.getuid()}")
    for name in ("pulse/native", "pipewire-0"):
        if (runtime / name).exists():
            return name.split("/")[0]
    if glob.glob("/dev/snd/pcmC*D*p"):
        return "alsa"
    return None


def wav_player() -> list[str] | None:
    """The first WAV player installed (PulseAudio, PipeWire, ALSA, SoX), or None."""
    for command in PLAYERS:
        if shutil.which(command[0]):
            return list(command)
    return None
