"""The spoken call: phrase, spelling, queue order, voice-off reasons, a real espeak-ng WAV."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
import wave
from pathlib import Path

import pytest

from servicehall.cli import main
from servicehall.config import sample_text
from servicehall.config.models import VoiceSettings
from servicehall.display.chime import RATE, write_chime
from servicehall.display.phrase import call_phrase, chinese_number, spell_label
from servicehall.display.voice import Announcement, Announcer, espeak_command, render_wav

from support.waiting import DEADLINE_S, wait_for

# A stand-in voice engine that really runs: it logs when it starts and ends speaking each text.
RECORDER = (
    "import sys, time; log = open(sys.argv[1], 'a', encoding='utf-8'); "
    "log.write(f'start {sys.argv[2]}\\n'); log.flush(); time.sleep(0.05); "
    "log.write(f'end {sys.argv[2]}\\n'); log.close()"
)


def recording_settings(log: Path, **changes: object) -> VoiceSettings:
    values: dict[str, object] = {
        "command": [sys.executable, "-c", RECORDER, str(log)],
        "phrase": "{ticket}@{window}",
        "repeat": 1,
        "chime": False,
    }
    values.update(changes)
    return VoiceSettings(**values)


def test_labels_are_spelt_one_by_one_and_windows_read_as_numbers() -> None:
    assert spell_label("A012") == "A 零 一 二"
    assert spell_label("z100") == "Z 一 零 零"
    assert [chinese_number(n) for n in (3, 10, 12, 20, 45, 100, 105, 112)] == [
        "三",
        "十",
        "十二",
        "二十",
        "四十五",
        "一百",
        "一百零五",
        "一百一十二",
    ]
    phrase = call_phrase("请 {label} 号 到 {window} 号窗口办理", "A012", 3)
    assert phrase == "请 A 零 一 二 号 到 三 号窗口办理"


def test_a_phrase_with_an_unknown_placeholder_falls_back_to_the_default() -> None:
    assert call_phrase("请 {number} 号", "B007", 12) == "请 B 零 零 七 号 到 十二 号窗口办理"
    assert call_phrase("{window_name}：{ticket}", "B007", 2, "社保医保") == "社保医保：B007"


def test_command_gets_the_words_appended_or_substituted() -> None:
    plain = Announcer(VoiceSettings(command=["espeak-ng", "-s", "140"]), check_output=False)
    assert plain.command("请") == ["espeak-ng", "-s", "140", "请"]
    placed = Announcer(VoiceSettings(command=["say", "--text={text}", "-q"]), check_output=False)
    assert placed.command("请") == ["say", "--text=请", "-q"]


def test_espeak_cmn_is_swapped_for_the_voice_that_reads_chinese() -> None:
    # a hall.toml written before the default changed still says "-v cmn"
    older = Announcer(
        VoiceSettings(command=["espeak-ng", "-v", "cmn", "-s", "140"]), check_output=False
    )
    assert older.command("请") == ["espeak-ng", "-v", "cmn-latn-pinyin", "-s", "140", "请"]
    default = Announcer(VoiceSettings(), check_output=False)  # already the right voice
    assert default.command("请") == ["espeak-ng", "-v", "cmn-latn-pinyin", "-s", "140", "请"]
    assert espeak_command(["/usr/bin/espeak-ng", "-vcmn"]) == [
        "/usr/bin/espeak-ng",
        "-vcmn-latn-pinyin",
    ]
    assert espeak_command(["mytts", "-v", "cmn"]) == ["mytts", "-v", "cmn"]  # not espeak: as is


def test_a_burst_is_spoken_in_order_never_overlapping(tmp_path: Path) -> None:
    log = tmp_path / "spoken.log"
    announcer = Announcer(recording_settings(log, repeat=2), check_output=False)
    labels = ["A001", "B002", "C003", "D004"]
    for number, label in enumerate(labels, start=1):
        assert announcer.announce(Announcement(label, number))
    assert announcer.pending() == len(labels)  # announce only queued: nothing was spoken yet
    thread = announcer.start()
    announcer.close()
    thread.join(DEADLINE_S)
    assert not thread.is_alive()
    lines = log.read_text(encoding="utf-8").splitlines()
    expected = []
    for number, label in enumerate(labels, start=1):
        expected += [
            f"start {label}@{chinese_number(number)}",
            f"end {label}@{chinese_number(number)}",
        ] * 2
    assert lines == expected  # each start is followed by its own end: no talking over


def test_announce_returns_while_speech_is_still_running(tmp_path: Path) -> None:
    log = tmp_path / "spoken.log"
    announcer = Announcer(recording_settings(log), check_output=False)
    stop = threading.Event()
    thread = threading.Thread(target=announcer.serve, args=(stop,), daemon=True)
    thread.start()
    for number in range(1, 4):
        announcer.announce(Announcement(f"A00{number}", number))
    spoken_so_far = log.read_text(encoding="utf-8") if log.exists() else ""
    assert "end A003" not in spoken_so_far
    wait_for(
        lambda: "end A003" in (log.read_text(encoding="utf-8") if log.exists() else ""),
        what="the queue spoken",
    )
    stop.set()
    thread.join(DEADLINE_S)


def test_voice_is_off_with_a_reason_when_it_cannot_speak(tmp_path: Path) -> None:
    missing = Announcer(VoiceSettings(command=["no-such-voice-engine"]), check_output=False)
    assert not missing.on and "no-such-voice-engine" in (missing.off_reason or "")
    assert not missing.announce(Announcement("A001", 1))
    disabled = Announcer(VoiceSettings(enabled=False), check_output=False)
    assert "voice.enabled" in (disabled.off_reason or "")


def test_a_failing_engine_turns_the_voice_off_once(tmp_path: Path) -> None:
    reasons: list[str] = []
    settings = VoiceSettings(command=[sys.executable, "-c", "import sys; sys.exit(3)"], chime=False)
    announcer = Announcer(settings, check_output=False, on_off=reasons.append)
    for number in range(1, 6):
        announcer.speak(Announcement(f"A00{number}", number))
    assert not announcer.on
    assert len(reasons) == 1 and "exit 3" in reasons[0]


def test_chime_is_a_short_valid_wav(tmp_path: Path) -> None:
    path = write_chime(tmp_path / "chime.wav")
    with wave.open(str(path)) as wav:
        seconds = wav.getnframes() / wav.getframerate()
        assert wav.getframerate() == RATE and wav.getnchannels() == 1
    assert 0.5 < seconds < 1.5


needs_espeak = pytest.mark.skipif(
    shutil.which("espeak-ng") is None, reason="needs espeak-ng: apt-get install -y espeak-ng"
)


@needs_espeak
def test_espeak_ng_renders_the_call_as_a_wav_of_plausible_length(tmp_path: Path) -> None:
    path = render_wav(VoiceSettings(), Announcement("A012", 3), tmp_path / "call.wav")
    with wave.open(str(path)) as wav:
        seconds = wav.getnframes() / wav.getframerate()
        frames = wav.readframes(wav.getnframes())
    # 14 syllables at 140 words a minute: a few seconds, and not silence
    assert 2.0 < seconds < 12.0
    assert any(frames[i] not in (0, 255) for i in range(0, len(frames), 97))


@needs_espeak
def test_espeak_reads_the_phrase_as_mandarin_not_as_english_pinyin() -> None:
    announcer = Announcer(VoiceSettings(), check_output=False)
    text = announcer.text(Announcement("A012", 3))
    command = announcer.command(text)
    phonemes = subprocess.run(
        [command[0], "-q", "-x", *command[1:]], capture_output=True, text=True, check=True
    ).stdout
    assert "(en)" not in phonemes  # "-v cmn" of espeak-ng 1.51 switches to English here
    assert "'ei" in phonemes  # the letter A is read by its name


@needs_espeak
def test_say_command_writes_a_wav(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "say.wav"
    assert main(["say", "K105", "12", "--wav", str(out)]) == 0
    assert "请 K 一 零 五 号 到 十二 号窗口办理" in capsys.readouterr().out
    with wave.open(str(out)) as wav:
        assert wav.getnframes() / wav.getframerate() > 2.0


def test_say_without_a_voice_engine_fails_with_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "hall.toml"
    config.write_text(
        sample_text().replace(
            'command = ["espeak-ng", "-v", "cmn-latn-pinyin", "-s", "140"]',
            'command = ["no-such-engine"]',
        ),
        encoding="utf-8",
    )
    assert main(["--config", str(config), "say", "A001", "1"]) == 1
    err = capsys.readouterr().err
    assert "语音播报已关闭" in err and "no-such-engine" in err
