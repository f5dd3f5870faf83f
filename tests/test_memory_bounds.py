"""What a long catalogue run keeps between files stays bounded by subqa's data, not by the
files: a whole track's text is not kept with its evidence, and the n-gram models of different
candidate sets share one copy of each langdetect profile (bench/bench_catalogue.py: -j 1 on
10,000 tracks peaked at 128 MiB before, 67 MiB after, 57 MiB at 1,000)."""
from subqa.language import cue_evidence, identification, ngram_scoring, track_judge


def test_a_tracks_lines_are_judged_without_keeping_their_evidence():
    cue_evidence.evidence.cache_clear()
    lines = ["Where are you going tonight?", "I have no idea, to be honest."]
    track_judge.detect_lines_language(lines)
    identification.identify(lines)
    # each line is a cue's text, which recurs, and is kept; the lines together are not
    assert cue_evidence.evidence.cache_info().currsize <= len(lines)
    misses = cue_evidence.evidence.cache_info().misses
    cue_evidence.evidence("\n".join(lines))
    assert cue_evidence.evidence.cache_info().misses == misses + 1


def test_the_same_evidence_kept_or_not():
    text = "Ich weiß es nicht.\nЯ не знаю."
    kept, fresh = cue_evidence.evidence(text), cue_evidence.text_evidence(text)
    assert (kept.text, kept.letters, kept.by_script, kept.tokens, kept.words) == \
        (fresh.text, fresh.letters, fresh.by_script, fresh.tokens, fresh.words)


def test_models_of_different_candidate_sets_share_each_profile():
    ngram_scoring.ngram_model.cache_clear()
    a = ngram_scoring.ngram_model(("en", "fr"))
    b = ngram_scoring.ngram_model(("en", "de", "fr"))
    assert a is not b
    assert a._freqs[0] is b._freqs[0]            # English: one dict, not two copies
    assert a._freqs[1] is b._freqs[2]            # French
    assert a._freqs[0] is not a._freqs[1]
