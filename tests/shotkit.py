"""Shot-change lists in every accepted format, written from frame numbers (for the timing tests)."""
from __future__ import annotations

from subqa import frames

FORMATS = ("seconds", "frames", "milliseconds", "timecode-ms", "timecode-frames", "scenedetect",
           "ffmpeg")


def _clock(ms: float) -> str:
    ms = int(round(ms))
    h, rem = divmod(ms, 3_600_000)
    m, rem = divmod(rem, 60_000)
    s, rem = divmod(rem, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{rem:03d}"


def shot_list(kind: str, cuts: list[int], fps: float) -> str:
    """The shot changes at frame numbers ``cuts`` as a file of ``kind``."""
    step = frames.frame_ms(fps)
    nominal = round(frames.exact_rate(fps))
    if kind == "seconds":
        return "".join(f"{n * step / 1000:.3f}\n" for n in cuts)
    if kind == "frames":
        return "".join(f"{n}\n" for n in cuts)
    if kind == "milliseconds":
        return "".join(f"{int(round(n * step))}\n" for n in cuts)
    if kind == "timecode-ms":
        return "".join(_clock(n * step) + "\n" for n in cuts)
    if kind == "timecode-frames":
        out = []
        for n in cuts:
            secs, ff = divmod(n, nominal)
            h, rem = divmod(secs, 3600)
            m, s = divmod(rem, 60)
            out.append(f"{h:02d}:{m:02d}:{s:02d}:{ff:02d}\n")
        return "".join(out)
    if kind == "scenedetect":
        starts = [0] + list(cuts)
        rows = ["Timecode List:," + ",".join(_clock(n * step) for n in cuts),
                "Scene Number,Start Frame,Start Timecode,Start Time (seconds),End Frame,"
                "End Timecode,End Time (seconds),Length (frames),Length (timecode),"
                "Length (seconds)"]
        for i, n in enumerate(starts, 1):
            rows.append(f"{i},{n + 1},{_clock(n * step)},{n * step / 1000:.3f},0,"
                        f"00:00:00.000,0.000,0,00:00:00.000,0.000")
        return "\n".join(rows) + "\n"
    if kind == "ffmpeg":
        lines = ["ffmpeg version 6.1 Copyright (c) 2000-2023 the FFmpeg developers",
                 "Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'film.mp4':"]
        for i, n in enumerate(cuts):
            lines.append(f"[Parsed_showinfo_1 @ 0x5581] n:{i:4d} pts:{n * 512:7d} "
                         f"pts_time:{n * step / 1000:.6g} duration:512 fmt:yuv420p")
        return "\n".join(lines) + "\n"
    raise ValueError(kind)
