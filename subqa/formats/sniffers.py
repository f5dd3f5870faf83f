"""What the reader registry needs of the readers without loading them: the sniffers of the
formats whose signature is not a one-liner in subqa/formats/__init__.py (ASS/SSA, EBU STL),
the SCC header and the ASS sign test the timing and bilingual rules use. Kept cheap (``re``
only), so that reading an SRT file loads no TTML, SCC, STL or ASS reader."""
from __future__ import annotations

import re

# SCC: the text starts with this header
SCC_HEADER = "Scenarist_SCC V1.0"
SIGN_FORMATS = ("ass", "ssa")
_DFC = re.compile(r"STL\d\d\.\d\d")
_SSA_SCRIPT_TYPE = re.compile(r"^script ?type:\s*v4\.00\s*$", re.M)


def is_sign(cue, fmt: str) -> bool:
    """Whether an ASS/SSA cue is placed off the dialogue line (a sign, a title, a note at the
    top): ``sign:`` in the settings the ASS reader writes. False for every other format."""
    return fmt in SIGN_FORMATS and " sign:" in cue.settings


def sniff_script_info(head: str) -> bool:
    """ASS or SSA: the first line that is not blank is ``[Script Info]``."""
    first = head.lstrip().split("\n", 1)[0].strip()
    return first.lower() == "[script info]"


def sniff_ssa(head: str) -> bool:
    """SSA v4 rather than ASS v4+: a ``[V4 Styles]`` section or ``ScriptType: v4.00``."""
    low = head.lower()
    return sniff_script_info(head) and ("[v4 styles]" in low or
                                        _SSA_SCRIPT_TYPE.search(low) is not None)


def sniff_ass(head: str) -> bool:
    return sniff_script_info(head) and not sniff_ssa(head)


def sniff_stl(head: str) -> bool:
    """EBU STL: the GSI block's Disk Format Code (``STL25.01``, ``STL30.01``, or another
    ``STLnn.nn``, which the reader reports) at bytes 3-10, after a 3-digit code page number."""
    return len(head) >= 11 and head[:3].isdigit() and _DFC.fullmatch(head[3:11]) is not None
