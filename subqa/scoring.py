"""Translation quality of a subtitle track against a reference translation: BLEU, chrF and TER
computed with sacrebleu over cue pairs aligned by time (``subqa.align``).

Each aligned pair is one segment: the text of its cues (tags removed, a cue's lines joined by a
space, the cues of a split/merge group joined by a space). A cue with no counterpart is a
segment with an empty other side, so a missing or extra subtitle costs score; ``unaligned``
counts such cues. ASS/SSA signs (events placed off the dialogue line) are left out on both
sides, as in source/target pairing (``subqa.align.paired_cues``). When the two tracks pair one
to one the figures are exactly sacrebleu's ``corpus_score`` over the cue texts.

Tokenizer (as sacrebleu recommends): ``zh`` for Chinese; ``ja-mecab`` / ``ko-mecab`` for Japanese
and Korean when sacrebleu's extras are installed (``pip install sacrebleu[ja]`` / ``[ko]``),
otherwise ``char`` with a note in the report; ``char`` for Thai, Lao, Khmer and Burmese, which
do not separate words with spaces; ``13a`` otherwise. chrF is language-neutral (character
n-grams). TER uses ``asian_support`` for Chinese, Japanese and Korean.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import langtags
from .align import Pair, align, paired_cues
from .model import Track, UsageError, format_timecode

_NO_SPACES = {"th", "lo", "km", "my"}
_CJK = {"zh", "ja", "ko"}


@dataclass(frozen=True)
class Segment:
    hyp: str
    ref: str
    start_ms: int
    end_ms: int
    hyp_cues: tuple[int, ...]
    ref_cues: tuple[int, ...]
    chrf: float = 0.0


@dataclass
class ScoreReport:
    bleu: float
    chrf: float
    ter: float
    signatures: dict[str, str]
    segments: int
    unaligned: int
    worst: list[Segment]
    tokenizer: str
    language: str
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "bleu": self.bleu,
            "chrf": self.chrf,
            "ter": self.ter,
            "signatures": dict(self.signatures),
            "segments": self.segments,
            "unaligned": self.unaligned,
            "worst": [{
                "start_ms": s.start_ms, "end_ms": s.end_ms,
                "start": format_timecode(s.start_ms), "end": format_timecode(s.end_ms),
                "hyp_cues": list(s.hyp_cues), "ref_cues": list(s.ref_cues),
                "hyp": s.hyp, "ref": s.ref, "chrf": s.chrf,
            } for s in self.worst],
            "tokenizer": self.tokenizer,
            "language": self.language,
            "notes": list(self.notes),
        }


def _extra_available(tokenizer: str) -> bool:
    from sacrebleu.metrics import BLEU

    try:
        BLEU(tokenize=tokenizer)
    except Exception:  # sacrebleu raises RuntimeError (or ImportError) without the extra
        return False
    return True


def choose_tokenizer(lang: str) -> tuple[str, list[str]]:
    """The BLEU tokenizer for ``lang`` and notes about any fallback."""
    primary = langtags.primary(lang) or ""
    if primary == "zh":
        return "zh", []
    if primary in ("ja", "ko"):
        wanted = f"{primary}-mecab"
        if _extra_available(wanted):
            return wanted, []
        return "char", [
            f"BLEU tokenizer {wanted} needs sacrebleu's extra "
            f"(pip install 'sacrebleu[{primary}]'); falling back to character-level "
            "tokenization (char): BLEU is not comparable with "
            f"figures computed with {wanted}"]
    if primary in _NO_SPACES:
        return "char", [f"{primary} is written without spaces between words: BLEU uses "
                        "character-level tokenization (char)"]
    return "13a", []


def segments_from_pairs(pairs: list[Pair]) -> tuple[list[Segment], int]:
    """One segment per pair (hyp = the pair's target side, ref = its source side)."""
    out = []
    unaligned = 0
    for p in pairs:
        if not p.matched:
            unaligned += len(p.source) + len(p.target)
        cues = p.source + p.target
        out.append(Segment(
            hyp=p.target_text, ref=p.source_text,
            start_ms=min(c.start_ms for c in cues), end_ms=max(c.end_ms for c in cues),
            hyp_cues=tuple(c.index for c in p.target), ref_cues=tuple(c.index for c in p.source)))
    return out, unaligned


def chrf_scores(metric, hyps: list[str], refs: list[str]) -> tuple[float, list[float]]:
    """The corpus chrF of the segments and each one's sentence chrF, from one pass over them:
    sacrebleu's corpus statistics hold one row per segment, and a segment's sentence chrF is
    what its row alone gives (``sentence_score`` computes that row again, with the references
    prepared anew, for each segment: 1,565 passes for 1,562 segments)."""
    try:
        metric._check_corpus_score_args(hyps, [refs])
        stats = metric._extract_corpus_statistics(hyps, [refs])
        whole = metric._aggregate_and_compute(stats).score
        return whole, [metric._aggregate_and_compute([row]).score for row in stats]
    except AttributeError:        # a sacrebleu without these: its public methods, slower
        return (metric.corpus_score(hyps, [refs]).score,
                [metric.sentence_score(h, [r]).score for h, r in zip(hyps, refs, strict=True)])


def score(hyp: Track, ref: Track, lang: str, *, worst: int = 5,
          offset_ms: int | None = None) -> ScoreReport:
    """BLEU, chrF and TER of ``hyp`` against ``ref`` (both in language ``lang``) over cue pairs
    aligned by time; ``worst`` lowest sentence-chrF pairs are listed."""
    from sacrebleu.metrics import BLEU, CHRF, TER

    norm = langtags.normalize(lang)
    if norm is None:
        raise UsageError(f"--lang {lang!r} is not a language tag (en, ru, zh-Hans ...)")
    tokenizer, notes = choose_tokenizer(norm)
    pairs = align(paired_cues(ref), paired_cues(hyp), offset_ms=offset_ms)
    segs, unaligned = segments_from_pairs(pairs)
    hyps = [s.hyp for s in segs]
    refs = [s.ref for s in segs]
    bleu_m = BLEU(tokenize=tokenizer)
    chrf_m = CHRF()
    ter_m = TER(asian_support=langtags.primary(norm) in _CJK)
    if segs:
        bleu = bleu_m.corpus_score(hyps, [refs]).score
        chrf, sentence_chrf = chrf_scores(chrf_m, hyps, refs)
        ter = ter_m.corpus_score(hyps, [refs]).score
    else:
        bleu = chrf = ter = 0.0
        sentence_chrf = []
        notes.append("no cues to score")
    if unaligned:
        notes.append(f"{unaligned} cue(s) have no counterpart in the other track; they are "
                     "scored against an empty segment")
    scored = [Segment(s.hyp, s.ref, s.start_ms, s.end_ms, s.hyp_cues, s.ref_cues, c)
              for s, c in zip(segs, sentence_chrf, strict=True)]
    scored.sort(key=lambda s: (s.chrf, s.start_ms, s.hyp_cues, s.ref_cues))
    return ScoreReport(
        bleu=bleu, chrf=chrf, ter=ter,
        signatures={"bleu": str(bleu_m.get_signature()), "chrf": str(chrf_m.get_signature()),
                    "ter": str(ter_m.get_signature())},
        segments=len(segs), unaligned=unaligned, worst=scored[:max(0, worst)],
        tokenizer=tokenizer, language=norm, notes=notes)


def render_text(report: ScoreReport) -> str:
    lines = [
        f"BLEU {report.bleu:.2f}   chrF {report.chrf:.2f}   TER {report.ter:.2f}   "
        f"({report.segments} segments, {report.unaligned} unaligned cues, "
        f"language {report.language}, tokenizer {report.tokenizer})",
    ]
    for name in ("bleu", "chrf", "ter"):
        lines.append(f"  {name:<5} {report.signatures[name]}")
    for note in report.notes:
        lines.append(f"note: {note}")
    if report.worst:
        lines.append("lowest-scoring pairs (sentence chrF):")
        for s in report.worst:
            lines.append(f"  {format_timecode(s.start_ms)} --> {format_timecode(s.end_ms)}  "
                         f"chrF {s.chrf:.1f}")
            lines.append(f"    hyp: {s.hyp or '(none)'}")
            lines.append(f"    ref: {s.ref or '(none)'}")
    return "\n".join(lines) + "\n"
