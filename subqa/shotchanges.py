"""Shot-change lists: the times at which the picture cuts, read from the files people have.

Formats (told apart by their content, whatever the file is called):

- Subtitle Edit's list: one time per line in seconds (``12.345``; a decimal comma is read too).
  Lists of whole numbers are frames or milliseconds (Subtitle Edit imports both): a list whose
  median step is at least ``MS_MEDIAN_STEP`` (1000) is milliseconds, else frames: read the other
  way, its median shot would last over 40 s (frames at 24 fps) or under a second (ms); films
  cut every 2 to 10 s. A ``# unit: seconds|frames|milliseconds`` line says which, and is needed
  for a list of one whole number.
- Timecodes, one a line: ``HH:MM:SS.mmm`` (or ``,mmm``) and ``HH:MM:SS:FF`` (a non-drop
  timecode at the track's frame rate: at 23.976 fps it counts 24 frames a second, so
  ``00:01:00:00`` is frame 1440, 60.06 s into the video).
- PySceneDetect ``list-scenes`` CSV: an optional ``Timecode List:`` first row, then the header
  row (``Scene Number, Start Frame, Start Timecode, Start Time (seconds), ...``) and one row per
  scene. Every scene start after the first is a shot change.
- ffmpeg's ``select='gt(scene,X)',showinfo`` log: every ``pts_time:`` is a shot change (the log's
  other lines are ignored).

Blank lines and lines starting with ``#`` are skipped. A line that is none of these is a
UsageError naming the file and the line (exit 2). Times are returned in milliseconds (floats:
a frame at 23.976 fps is not a whole millisecond), sorted, each once.
"""
from __future__ import annotations

import functools
import io
import re
from itertools import pairwise
from pathlib import Path

from . import files, frames
from .model import UsageError

# Shot-change lists found beside a track: NAME.shotchanges for NAME.srt and NAME.xx.srt.
SUFFIX = ".shotchanges"
# A list of whole numbers whose median step is at least this is in milliseconds, else frames.
MS_MEDIAN_STEP = 1000
# Files larger than this are not shot-change lists (a 3-hour film cut every frame is 260,000).
MAX_BYTES = 20_000_000

_NUMBER = re.compile(r"^\d+(?:[.,]\d+)?$")
_CLOCK_MS = re.compile(r"^(\d+):([0-5]?\d):([0-5]?\d)(?:[.,](\d{1,3}))?$")
_CLOCK_FF = re.compile(r"^(\d+):([0-5]?\d):([0-5]?\d):(\d{1,3})$")
_PTS_TIME = re.compile(r"pts_time:\s*(\S+)")
_UNIT = re.compile(r"^#\s*unit\s*[:=]\s*(\w+)\s*$", re.I)
_UNITS = {"seconds": "s", "second": "s", "s": "s", "frames": "f", "frame": "f", "f": "f",
          "milliseconds": "ms", "millisecond": "ms", "ms": "ms"}
_FORMATS_HELP = ("seconds (12.345), frames or milliseconds one a line, HH:MM:SS.mmm, "
                 "HH:MM:SS:FF, PySceneDetect list-scenes CSV or an ffmpeg showinfo log")


class ShotChangeError(UsageError):
    """A shot-change list that cannot be read (exit 2)."""


def _error(path: Path, line: int | None, message: str) -> ShotChangeError:
    where = f"{path}:{line}" if line is not None else str(path)
    return ShotChangeError(f"shot-change list {where}: {message}")


def read_shot_changes(path: str | Path, fps: float) -> tuple[float, ...]:
    """The shot changes in ``path`` in milliseconds, sorted and distinct. ``fps`` converts frame
    numbers and ``HH:MM:SS:FF`` timecodes."""
    path = Path(path)
    return _read(str(path), frames.exact_rate(fps), files.version(path))


@functools.lru_cache(maxsize=32)
def _read(path_text: str, rate: float, _version) -> tuple[float, ...]:
    """Read once per file version and rate (the tracks of one video share a list)."""
    path = Path(path_text)
    text = _text(path)
    lines = text.splitlines()
    if any("pts_time:" in ln for ln in lines):
        times = _ffmpeg(path, lines)
    elif _is_scenedetect(lines):
        times = _scenedetect(path, lines, rate)
    else:
        times = _one_per_line(path, lines, rate)
    return tuple(sorted(set(round(t, 3) for t in times)))


def _text(path: Path) -> str:
    try:
        data = files.read_bytes(path)
    except OSError as exc:
        raise _error(path, None, f"cannot be read: {exc.strerror}") from None
    if len(data) > MAX_BYTES:
        raise _error(path, None, f"larger than {MAX_BYTES // 1_000_000} MB; not a shot-change list")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise _error(path, line, "not UTF-8 text") from None


def _ffmpeg(path: Path, lines: list[str]) -> list[float]:
    out = []
    for number, line in enumerate(lines, 1):
        match = _PTS_TIME.search(line)
        if match is None:
            continue
        value = match.group(1)
        try:
            seconds = float(value)
        except ValueError:
            raise _error(path, number, f"pts_time:{value} is not a time in seconds") from None
        if not seconds >= 0 or seconds == float("inf"):
            raise _error(path, number, f"pts_time:{value} is not a time in seconds")
        out.append(seconds * 1000.0)
    return out


def _is_scenedetect(lines: list[str]) -> bool:
    first = next((ln.strip() for ln in lines if ln.strip()), "")
    return first.startswith("Timecode List") or first.startswith("Scene Number")


def _scenedetect(path: Path, lines: list[str], rate: float) -> list[float]:
    import csv                 # only for a CSV list: not loaded by every check

    rows = list(enumerate(csv.reader(io.StringIO("\n".join(lines))), 1))
    rows = [(n, [c.strip() for c in row]) for n, row in rows if any(c.strip() for c in row)]
    if rows and rows[0][1][0].startswith("Timecode List"):
        rows = rows[1:]
    if not rows or rows[0][1][0] != "Scene Number":
        raise _error(path, rows[0][0] if rows else None,
                     "a PySceneDetect scene list needs the header row 'Scene Number,Start Frame,"
                     "Start Timecode,Start Time (seconds),...'")
    header = rows[0][1]
    out = []
    for number, row in rows[2:]:                 # the first scene's start is no cut
        out.append(_scene_start(path, number, header, row, rate))
    return out


def _scene_start(path: Path, number: int, header: list[str], row: list[str],
                 rate: float) -> float:
    # strict=False: a short CSV row leaves the last columns out
    cells = dict(zip(header, row, strict=False))
    seconds = cells.get("Start Time (seconds)")
    if seconds is not None:
        try:
            value = float(seconds)
            if value >= 0:
                return value * 1000.0
        except ValueError:
            pass
        raise _error(path, number, f"Start Time (seconds) {seconds!r} is not a time in seconds")
    timecode = cells.get("Start Timecode")
    if timecode is not None:
        return _timecode(path, number, timecode, rate)
    raise _error(path, number, "no 'Start Time (seconds)' or 'Start Timecode' column")


def _one_per_line(path: Path, lines: list[str], rate: float) -> list[float]:
    unit = None
    numbers: list[tuple[int, str]] = []
    out: list[float] = []
    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            declared = _UNIT.match(line)
            if declared:
                unit = _UNITS.get(declared.group(1).lower())
                if unit is None:
                    raise _error(path, number, f"unknown unit {declared.group(1)!r}; "
                                 "use seconds, frames or milliseconds")
            continue
        if _NUMBER.match(line):
            numbers.append((number, line.replace(",", ".")))
        elif ":" in line:
            out.append(_timecode(path, number, line, rate))
        else:
            raise _error(path, number, f"{_shown(line)} is not a shot-change time; expected "
                         + _FORMATS_HELP)
    if numbers:
        unit = unit or _number_unit([float(v) for _n, v in numbers],
                                    any("." in v for _n, v in numbers))
        if unit is None:
            raise _error(path, numbers[0][0], "one whole number does not say whether it is "
                         "seconds, frames or milliseconds; add a line '# unit: frames' (or "
                         "seconds, milliseconds)")
        scale = {"s": 1000.0, "ms": 1.0, "f": 1000.0 / rate}[unit]
        out.extend(float(v) * scale for _n, v in numbers)
    return out


def _number_unit(values: list[float], decimals: bool) -> str | None:
    """Seconds when any value has decimals; else milliseconds or frames by the median step;
    None when there is no step to judge by."""
    if decimals:
        return "s"
    ordered = sorted(values)
    steps = sorted(b - a for a, b in pairwise(ordered) if b > a)
    if not steps:
        return None
    return "ms" if steps[len(steps) // 2] >= MS_MEDIAN_STEP else "f"


def _timecode(path: Path, number: int, text: str, rate: float) -> float:
    text = text.strip()
    match = _CLOCK_FF.match(text)
    if match:
        h, m, s, ff = (int(g) for g in match.groups())
        nominal = round(rate)                  # 24 frames a timecode second at 23.976 fps
        if ff >= nominal:
            raise _error(path, number, f"{_shown(text)}: frame {ff} does not exist at "
                         f"{nominal} frames a second")
        # a non-drop timecode counts frames: at 23.976 fps 00:01:00:00 is frame 1440, 60.06 s
        return ((h * 3600 + m * 60 + s) * nominal + ff) * 1000.0 / rate
    match = _CLOCK_MS.match(text)
    if match:
        h, m, s, frac = match.groups()
        ms = int((frac or "0").ljust(3, "0"))
        return (int(h) * 3600 + int(m) * 60 + int(s)) * 1000.0 + ms
    if ";" in text:
        raise _error(path, number, f"{_shown(text)}: drop-frame timecodes are not supported; "
                     "give times in seconds or HH:MM:SS.mmm")
    raise _error(path, number, f"{_shown(text)} is not a timecode (HH:MM:SS.mmm or HH:MM:SS:FF)")


def _shown(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[:limit - 1] + "…")


def beside(track_path: Path, stem: str) -> Path | None:
    """``STEM.shotchanges`` in the track's folder, when it exists."""
    candidate = track_path.parent / f"{stem}{SUFFIX}"
    return candidate if files.is_file(candidate) else None
