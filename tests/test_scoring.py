"""subqa.scoring and `subqa score`: sacrebleu BLEU / chrF / TER over time-aligned cue pairs."""
from __future__ import annotations

import json

import pytest
from pairdata import PAIRS, load
from sacrebleu.metrics import BLEU, CHRF, TER
from trackkit import cue, track

from subqa import cli
from subqa.scoring import choose_tokenizer, score


def texts(trk):
    return [" ".join(ln.strip() for ln in c.lines if ln.strip()) for c in trk.cues]


def hyp_of(ref, new_texts, shift=0, language=None):
    cues = [cue(c.index, c.start_ms + shift, c.end_ms + shift, t)
            for c, t in zip(ref.cues, new_texts)]
    return track(*cues, language=language or ref.language, path="hyp.srt")


REF_RU = "clean/drama.ru.srt"
HYP_RU = [
    "Где ты была прошлой ночью?", "Я была у маяка с Анной.", "Буря началась около 11.",
    "У нас не было света три часа.", "Хорошо.", "Старик сказал, что башню построили в 1887.",
    "Её высота 45 метров.", "С 1962 года там никто не живёт.", "Угу.",
    "Он просит 1 500 долларов за лодку.", "Это почти 20% нашего годового заработка.",
    "Позвони Виктору, скажи, что уходим в 6.", "Я ему не верю.", "Я тоже, но лодка нужна.",
    "Сколько людей она выдержит?", "Двенадцать, если море тихое.", "А если нет?", "Тогда ждём.",
]


@pytest.mark.parametrize("ref_rel,lang,tok", [
    (REF_RU, "ru", "13a"), ("clean/drama.ar.srt", "ar", "13a"),
    ("clean/drama.en.srt", "en", "13a"), ("clean/interview.zh-Hans.vtt", "zh-Hans", "zh"),
])
def test_one_to_one_pairs_equal_sacrebleu_corpus_score(ref_rel, lang, tok):
    ref = load(ref_rel)
    if lang == "ru":
        hyp_texts = HYP_RU
    else:   # a hypothesis that differs from the reference in a few cues
        hyp_texts = [t if i % 3 else t[: max(1, len(t) // 2)] for i, t in enumerate(texts(ref))]
    hyp = hyp_of(ref, hyp_texts, shift=150)
    report = score(hyp, ref, lang)
    refs = texts(ref)
    hyps = [" ".join(c.lines) for c in hyp.cues]
    asian = lang.startswith("zh")
    assert report.segments == len(refs) and report.unaligned == 0
    assert report.bleu == pytest.approx(BLEU(tokenize=tok).corpus_score(hyps, [refs]).score, abs=0.01)
    assert report.chrf == pytest.approx(CHRF().corpus_score(hyps, [refs]).score, abs=0.01)
    assert report.ter == pytest.approx(
        TER(asian_support=asian).corpus_score(hyps, [refs]).score, abs=0.01)
    assert f"tok:{tok}" in report.signatures["bleu"]
    assert ("asian:yes" in report.signatures["ter"]) == asian
    assert 0 < report.bleu < 100


def test_split_cue_is_joined_into_one_segment():
    ref = track(cue(1, 0, 4000, "The quick brown fox jumps"), cue(2, 5000, 7000, "Over the dog"),
                language="en")
    hyp = track(cue(1, 0, 1950, "The quick brown"), cue(2, 2050, 4000, "fox jumps"),
                cue(3, 5000, 7000, "Over the dog"), language="en")
    report = score(hyp, ref, "en")
    assert report.segments == 2 and report.unaligned == 0
    assert report.bleu == pytest.approx(100.0)


def test_missing_cue_counts_as_unaligned_and_costs_score():
    ref = load(REF_RU)
    hyp_texts = texts(ref)
    full = score(hyp_of(ref, hyp_texts), ref, "ru")
    cues = [c for c in hyp_of(ref, hyp_texts).cues if c.index != 5 and c.index != 9]
    partial = score(track(*cues, language="ru"), ref, "ru")
    assert full.bleu == pytest.approx(100.0) and full.unaligned == 0
    assert partial.unaligned == 2 and partial.bleu < full.bleu and partial.chrf < full.chrf


def test_worst_pairs_are_the_lowest_chrf_with_times():
    ref = load(REF_RU)
    hyp_texts = list(texts(ref))
    hyp_texts[7] = "Nobody has lived there since 1962."
    report = score(hyp_of(ref, hyp_texts), ref, "ru", worst=3)
    worst = report.to_dict()["worst"]
    assert len(worst) == 3
    assert worst[0]["hyp"] == "Nobody has lived there since 1962."
    assert worst[0]["start_ms"] == ref.cues[7].start_ms
    assert worst[0]["chrf"] <= worst[1]["chrf"] <= worst[2]["chrf"]


def test_to_dict_shape():
    ref = load(REF_RU)
    data = score(hyp_of(ref, HYP_RU), ref, "ru").to_dict()
    for key in ("bleu", "chrf", "ter", "signatures", "segments", "unaligned", "worst"):
        assert key in data
    assert set(data["signatures"]) == {"bleu", "chrf", "ter"}


def test_tokenizer_choice():
    assert choose_tokenizer("zh-Hant") == ("zh", [])
    assert choose_tokenizer("en") == ("13a", [])
    assert choose_tokenizer("ru") == ("13a", [])
    tok, notes = choose_tokenizer("th")
    assert tok == "char" and notes
    for lang in ("ja", "ko"):
        tok, notes = choose_tokenizer(lang)
        assert tok in (f"{lang}-mecab", "char")
        assert (tok == "char") == bool(notes)
        if notes:
            assert f"sacrebleu[{lang}]" in notes[0]


def run_cli(args, capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["score", *args])
    out = capsys.readouterr()
    return exc.value.code, out.out, out.err


def test_cli_json_and_gates(tmp_path, capsys):
    ref = str(PAIRS / "clean" / "drama.ru.srt")
    hyp = str(PAIRS / "defects" / "drama.ru.srt")
    code, out, _ = run_cli([hyp, "--ref", ref, "--lang", "ru", "--format", "json"], capsys)
    data = json.loads(out)
    assert code == 0 and data["segments"] >= 17 and data["unaligned"] == 1
    code, out, _ = run_cli([hyp, "--ref", ref, "--min-bleu", "99"], capsys)
    assert code == 1 and "BLEU" in out and "gate missed" in out
    code, _, _ = run_cli([hyp, "--ref", ref, "--min-chrf", "10", "--max-ter", "90"], capsys)
    assert code == 0
    code, _, _ = run_cli([hyp, "--ref", ref, "--max-ter", "1"], capsys)
    assert code == 1


def test_cli_usage_errors(tmp_path, capsys):
    ref = str(PAIRS / "clean" / "drama.ru.srt")
    assert run_cli([ref], capsys)[0] == 2                                   # no --ref
    assert run_cli([ref, "--ref", str(tmp_path / "nope.srt")], capsys)[0] == 2
    odd = tmp_path / "a.srt"
    odd.write_text("1\n00:00:01,000 --> 00:00:02,000\nHi\n", encoding="utf-8")
    code, _, err = run_cli([str(odd), "--ref", str(odd)], capsys)          # no language known
    assert code == 2 and "--lang" in err
    assert run_cli([ref, "--ref", ref, "--lang", "not a tag!"], capsys)[0] == 2


def test_sentence_chrf_from_the_corpus_statistics_is_sacrebleus_sentence_score():
    """The worst list's sentence chrF comes from one pass over the segments; each value is
    sacrebleu's own sentence_score of the segment, and the corpus chrF its corpus_score."""
    from sacrebleu.metrics import CHRF

    from subqa.scoring import chrf_scores

    hyps = ["Где ты был вчера?", "", "Я ждал тебя на вокзале.", "Hello there .", "один два три"]
    refs = ["Где ты была вчера вечером?", "Мы уходим.", "", "Hello there.", "один два три"]
    whole, each = chrf_scores(CHRF(), hyps, refs)
    assert whole == CHRF().corpus_score(hyps, [refs]).score
    assert each == [CHRF().sentence_score(h, [r]).score for h, r in zip(hyps, refs)]
