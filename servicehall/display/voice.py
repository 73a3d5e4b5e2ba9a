"""Spoken calls: a queue of announcements spoken one after another, never over each other.

Each announcement is a chime, then ``voice.phrase`` (label spelt out) ``voice.repeat`` times,
through ``voice.command`` (espeak-ng ``-v cmn`` by default; ``{text}`` in the command is replaced
by the words, otherwise they are appended). ``announce`` only enqueues, so the display never waits
for speech; one consumer (``serve``, run in a thread) speaks in order. With no speech program or
no sound output the announcer is off and says why, once, in ``off_reason``.
"""

from __future__ import annotations

import logging
import queue
import shutil
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from servicehall.config.models import VoiceSettings
from servicehall.display.audio import sound_output, wav_player
from servicehall.display.chime import write_chime
from servicehall.display.phrase import call_phrase
from servicehall.i18n import t

log = logging.getLogger(__name__)

REPEAT_GAP_S = 0.4
FAILURES_BEFORE_OFF = 3
# espeak-ng 1.51 (Debian 12, Ubuntu 22.04/24.04): "-v cmn" reads each character's pinyin with
# English rules ("号" -> "hao four"); its sibling "cmn-latn-pinyin" is the same Mandarin voice
# without the bug, and still reads single letters as letter names ("A" -> "ei").
ESPEAK_MANDARIN = "cmn-latn-pinyin"


def espeak_command(command: list[str]) -> list[str]:
    """``command`` with espeak's ``-v cmn`` replaced by the voice that reads Chinese correctly."""
    if not command or not Path(command[0]).name.startswith("espeak"):
        return list(command)
    fixed = list(command)
    for index, part in enumerate(fixed):
        if part in ("-v", "--voice") and index + 1 < len(fixed) and fixed[index + 1] == "cmn":
            fixed[index + 1] = ESPEAK_MANDARIN
        elif part in ("-vcmn", "--voice=cmn"):
            fixed[index] = part.replace("cmn", ESPEAK_MANDARIN)
    return fixed


@dataclass(frozen=True)
class Announcement:
    label: str
    window: int
    window_name: str = ""


class Announcer:
    """Speaks announcements in the order given, one at a time, off the caller's thread."""

    def __init__(
        self,
        settings: VoiceSettings,
        *,
        chime_file: Path | None = None,
        check_output: bool = True,
        timeout_s: float = 30.0,
        on_off: Callable[[str], None] | None = None,
    ) -> None:
        self.settings = settings
        self.timeout_s = timeout_s
        self.on_off = on_off
        self._queue: queue.Queue[Announcement | None] = queue.Queue()
        self._failures = 0
        self.off_reason = self._probe(check_output)
        self.player = wav_player()
        self.chime_file = chime_file if settings.chime and self.player else None

    def _probe(self, check_output: bool) -> str | None:
        command = self.settings.command
        if not self.settings.enabled:
            return t("voice_disabled")
        if not command:
            return t("voice_no_command")
        if shutil.which(command[0]) is None:
            return t("voice_missing", command=command[0])
        if check_output and sound_output() is None:
            return t("voice_no_sound")
        return None

    @property
    def on(self) -> bool:
        return self.off_reason is None

    # ------------------------------------------------------------------ words and commands

    def text(self, item: Announcement) -> str:
        return call_phrase(self.settings.phrase, item.label, item.window, item.window_name)

    def command(self, text: str) -> list[str]:
        parts = espeak_command(self.settings.command)
        if any("{text}" in part for part in parts):
            return [part.replace("{text}", text) for part in parts]
        return [*parts, text]

    # ------------------------------------------------------------------ the queue

    def announce(self, item: Announcement) -> bool:
        """Queue an announcement; returns at once. False when voice is off."""
        if not self.on:
            return False
        self._queue.put(item)
        return True

    def pending(self) -> int:
        return self._queue.qsize()

    def serve(self, stop: threading.Event | None = None) -> None:
        """Speak queued announcements until ``close()`` (or ``stop`` is set)."""
        while stop is None or not stop.is_set():
            try:
                item = self._queue.get(timeout=0.25)
            except queue.Empty:
                continue
            if item is None:
                return
            if self.on:
                self.speak(item)

    def start(self) -> threading.Thread:
        """Run ``serve`` in a daemon thread (for use outside a Textual app)."""
        thread = threading.Thread(target=self.serve, name="announcer", daemon=True)
        thread.start()
        return thread

    def close(self) -> None:
        self._queue.put(None)

    # ------------------------------------------------------------------ speaking

    def speak(self, item: Announcement) -> bool:
        """Chime, then the phrase ``voice.repeat`` times; blocks until spoken. False on failure."""
        if self.chime_file is not None and self.player is not None:
            self._run([*self.player, str(write_chime(self.chime_file))], "chime")
        words = self.text(item)
        for index in range(self.settings.repeat):
            if index:
                time.sleep(REPEAT_GAP_S)
            if not self._run(self.command(words), "speech"):
                return False
        return True

    def _run(self, command: list[str], what: str) -> bool:
        try:
            result = subprocess.run(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                timeout=self.timeout_s,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            return self._failed(what, str(exc))
        if result.returncode != 0:
            detail = result.stderr.decode(errors="replace").strip().splitlines()
            return self._failed(what, f"exit {result.returncode}: {detail[-1] if detail else ''}")
        self._failures = 0
        return True

    def _failed(self, what: str, detail: str) -> bool:
        self._failures += 1
        log.warning("%s failed (%d in a row): %s", what, self._failures, detail)
        if self._failures >= FAILURES_BEFORE_OFF and self.on:
            self.off_reason = t("voice_failing", detail=detail[:60])
            if self.on_off is not None:
                self.on_off(self.off_reason)
        return False


def render_wav(settings: VoiceSettings, item: Announcement, path: Path) -> Path:
    """Write the spoken phrase to a WAV file with an espeak-family engine (``-w``)."""
    command = espeak_command(settings.command)
    if not command or not Path(command[0]).name.startswith("espeak"):
        raise ValueError(t("voice_wav_espeak_only"))
    text = call_phrase(settings.phrase, item.label, item.window, item.window_name)
    words = [part.replace("{text}", text) for part in command[1:]]
    if not any("{text}" in part for part in command):
        words.append(text)
    subprocess.run(
        [command[0], "-w", str(path), *words],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        timeout=60,
        check=True,
    )
    return path
