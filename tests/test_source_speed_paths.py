"""The short cuts of the source/translation checks give what the plain computations give.

``--source`` was made cheaper (issue 17) by computing less: the alignment search keeps numbers
instead of tuples and takes medians in place, ``numbers`` skips texts without a digit, X001
memoises words and skips cues and spans that cannot hold what it looks for. Each test below
holds a short cut against the plain computation it replaces, written out here."""
from __future__ import annotations

import random
from decimal import Decimal
from collections import Counter

import pytest
import regex
from trackkit import cue, spaced, track

from subqa import align, numbers
from subqa.checks import bilingual
from subqa.checks.base import Context
from subqa.engine import TrackJob
from subqa.lazyregex import lazy
from subqa.profiles import load_profile

# --- alignment ---------------------------------------------------------------------------


def _plain_offset_candidates(votes: list[int], needed: float) -> list[int]:
    """subqa.align._offset_candidates as it was: every window, each copied for its median."""
    windows = []
    hi = 0
    for lo in range(len(votes)):
        while hi < len(votes) and votes[hi] - votes[lo] <= align._VOTE_WINDOW_MS:
            hi += 1
        windows.append((hi - lo, lo, hi))
    windows.sort(key=lambda w: (-w[0], abs(votes[w[1]] + votes[w[2] - 1]), w[1]))
    candidates: list[int] = []
    for count, lo, hi in windows:
        if count < needed or len(candidates) >= align._OFFSET_CANDIDATES:
            break
        window = votes[lo:hi]
        mid = len(window) // 2
        value = window[mid] if len(window) % 2 else (window[mid - 1] + window[mid]) // 2
        if abs(value) >= align._MIN_OFFSET_MS and \
                all(abs(value - c) > align._VOTE_WINDOW_MS for c in candidates):
            candidates.append(value)
    return candidates


@pytest.mark.parametrize("seed", range(40))
def test_offset_candidates_are_the_plain_windows_medians(seed):
    rng = random.Random(seed)
    centres = [rng.randint(-9000, 9000) for _ in range(rng.randint(1, 4))]
    votes = sorted(rng.choice(centres) + rng.randint(-rng.choice((50, 400, 3000)), 400)
                   for _ in range(rng.randint(1, 400)))
    for needed in (1, 3, len(votes) * 0.1, len(votes) * 0.3, len(votes) + 1):
        assert align._offset_candidates(votes, needed) == _plain_offset_candidates(votes, needed)


def _path_score(pairs: list[align.Pair], offset: int) -> float:
    """The score of an alignment by the rules of the search: the gain of each pair or group,
    minus a skip cost per unpaired cue and a crossing cost per rotation."""
    scorer = align._Scorer(offset, align.DEFAULTS["min_overlap"], align.DEFAULTS["max_shift_ms"])
    total = 0.0
    for p in pairs:
        if not p.matched:
            total -= align._SKIP_COST
        else:
            total += scorer.gain(p.source, p.target)
    return total


def _drifted_pair(seed: int):
    """A source track and a translation with splits, merges, missing and drifted cues."""
    rng = random.Random(seed)
    src, tgt = [], []
    t = 1000
    for i in range(1, 60):
        src.append(cue(i, t, t + 2000, f"line {i}"))
        kind = rng.random()
        if kind < 0.08:
            pass                                          # missing in the translation
        elif kind < 0.16:
            tgt += [cue(0, t + 20, t + 950, "a"), cue(0, t + 1000, t + 1990, "b")]   # split
        elif kind < 0.26:
            drift = rng.choice((-2600, 2600))           # lies on a neighbour
            tgt.append(cue(0, t + drift, t + drift + 2000, f"drifted {i}"))
        else:
            j = rng.randint(-120, 120)
            tgt.append(cue(0, t + j, t + 2000 + j, f"ligne {i}"))
        t += 2500
    tgt = [c.replace(index=k, identifier=str(k)) for k, c in enumerate(tgt, 1)]
    return src, tgt


@pytest.mark.parametrize("seed", range(12))
def test_alignment_back_pointers_lead_to_every_cue_once(seed):
    src, tgt = _drifted_pair(seed)
    pairs = align.align(src, tgt, offset_ms=0)
    assert sorted(c.index for p in pairs for c in p.source) == [c.index for c in src]
    assert sorted(c.index for p in pairs for c in p.target) == [c.index for c in tgt]
    # the path read back from the numbers scores what the search found best at (n, m)
    src, tgt = align._reading_order(src), align._reading_order(tgt)
    lo, hi = align._band(src, tgt, 0, align.DEFAULTS["max_shift_ms"])
    scorer = align._Scorer(0, align.DEFAULTS["min_overlap"], align.DEFAULTS["max_shift_ms"])
    search = align._Search(src, tgt, align._GainMemo(scorer, src, tgt, 0), lo, hi)
    search.run()
    crossings = sum(1 for _, _, move in search.moves() if move[0] == "moved")
    best = search.score[len(src)][len(tgt)]
    assert _path_score(pairs, 0) - crossings * align._CROSS_COST == pytest.approx(best, abs=1e-9)


def test_every_move_number_reads_back():
    width = 7
    for code, move in enumerate(align._MOVES):
        back = (3 * width + 5) * len(align._MOVES) + code
        prev, got = divmod(back, len(align._MOVES))
        assert divmod(prev, width) == (3, 5) and align._MOVES[got] == move


def test_one_to_one_gain_is_the_group_rule_for_one_cue_each():
    """The 1-1 gain the search computes from its time lists is ``2 * max(IoU, proximity / 2)``
    plus the affinity, refused when the cues are far apart and do not overlap."""
    scorer = align._Scorer(0, 0.4, 4000)
    s = cue(1, 1000, 3000, "He has 3 cats")
    for start, text in ((1000, "Il a 3 chats"), (1500, "Il a 4 chats"), (2900, "x"),
                        (5000, "x"), (9000, "x"), (3000, "x")):
        t = cue(1, start, start + 2000, text)
        memo = align._GainMemo(scorer, (s,), (t,), 0)
        got = memo.pair(0, 0)
        inter = max(0, min(3000, start + 2000) - max(1000, start))
        if abs(1000 - start) >= 4000 and inter == 0:
            assert got is None
            continue
        iou = inter / (max(3000, start + 2000) - min(1000, start))
        sim = max(iou, 0.5 * (1.0 - abs(1000 - start) / 4000))
        numbers_bonus = {"Il a 3 chats": 0.3, "Il a 4 chats": -0.3}.get(text, 0.0)
        assert got == pytest.approx(2.0 * sim + 0.4 + numbers_bonus)


# --- numbers -----------------------------------------------------------------------------

_DIGITS = regex.compile(r"[\d\u00bc-\u00be\u2150-\u215e]")


@pytest.mark.parametrize("text", [
    "", "no numbers here", "twenty-one", "三十五", "١٢٣ كتاب", "۱۲ کتاب", "１２時", "½ a cup",
    "⅞", "1,500 km", "5 pm", "HTML5", "il est 17:00", "24/7", "x\u0e51\u0e52"])
def test_extract_finds_nothing_exactly_when_there_is_no_digit(text):
    found = numbers.extract(text)
    if not _DIGITS.search(text):
        assert found == []
    else:
        assert found, text


def test_compare_without_digits_is_no_difference():
    assert not numbers.compare("three cats", "trois chats", source_language="en",
                               target_language="fr")
    diff = numbers.compare("3 cats", "quatre chats", source_language="en", target_language="fr")
    assert [n.raw for n in diff.missing] == ["3"]


def test_word_values_split_hyphenated_words_at_each_hyphen():
    assert numbers.word_values("quatre-vingts", "fr") >= {numbers._dec("80")}
    assert numbers.word_values("twenty-one", "en") >= {numbers._dec("21")}
    assert numbers.word_values("三十五", "zh") >= {numbers._dec("35")}


# --- X001 --------------------------------------------------------------------------------

_TEXTS = [
    "", "I know.", "You and I know Anna.", "- Anna? - Yes, Anna.", "*МАМАААА*", "l'Amour, O’Neil",
    "Ils vont à Paris avec Jean-Luc.", "He said \"The Lord of the Rings\" twice.",
    "«Война и мир» и Толстой", "「君の名は」", "Bank of America and Lehman Brothers",
    "x\u02bcYes", "Ⓐ and ǅemal", "Wait... Then John came. And Mary", "nothing capital here",
    "ÉCOLE et Élise", "a\u0301B\u0301c", "It's O'Brien's", "Go - Now", "1Anna"]


_SENTENCE_END = lazy(r"[.!?…。！？]\W*$")     # searched from the start of the text before


def _plain_names(texts: list[str]) -> frozenset[str]:
    """subqa.checks.bilingual._names as it was: every word of every cue looked at."""
    out = set()
    for text in texts:
        for m in bilingual._WORD.finditer(text):
            word = m.group(0)
            if not word[:1].isupper() or m.start() == 0:
                continue
            before = text[:m.start()].rstrip()
            if bilingual._HAS_TEXT.search(before) and not _SENTENCE_END.search(before) \
                    and before[-1:] not in "-—–\"«“":
                out.add(bilingual._fold(word))
    return frozenset(out)


def test_names_are_the_plain_scans():
    rng = random.Random(3)
    pieces = _TEXTS + list("aZ'’ʼ- .,!?\"«“—ÉÆ\u0301")
    texts = _TEXTS + ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 8)))
                      for _ in range(400)]
    assert bilingual._names(spaced(texts)) == _plain_names(texts)
    assert bilingual._names(spaced(["You and I know Anna."])) == {"i", "anna"}
    assert bilingual._names(spaced(["Anna knows."])) == frozenset()
    assert bilingual._names(spaced(["1Anna"])) == {"anna"}     # a capital at index 1


def test_letter_scripts_count_letters_in_first_seen_order():
    for text in _TEXTS + ["".join(_TEXTS)]:
        plain: Counter = Counter()
        for ch, n in Counter(filter(str.isalpha, text)).items():
            code = bilingual.unicode_script(ch)
            if code:
                plain[code] += n
        got = bilingual.letter_scripts(text)
        assert list(got.items()) == list(plain.items())


def test_universal_words_split_at_hyphens_and_apostrophes():
    links = regex.compile(r"[-'’]")
    for word in ("OK", "ok-ok", "Mm-hmm", "mm’hmm", "O'K", "Paris", "ok-Paris", "-", "''", "uh-"):
        parts = [p for p in links.split(bilingual._fold(word)) if p]
        plain = bool(parts) and all(p in bilingual.universal_words() for p in parts)
        assert bilingual._is_universal.__wrapped__(word) == plain, word


@pytest.mark.parametrize("language", [None, "en", "de"])
def test_without_names_skips_only_texts_without_quote_marks(language):
    quoted = ["say „hallo“ now", "say „hallo” now", "»Nein« sagte er", "『本』", "a \"b\" c", "„x"]
    for text in _TEXTS + quoted:
        plain = bilingual._QUOTED.sub(" ", text)
        if bilingual._primary(language) not in bilingual._NOUNS_CAPITALISED:
            plain = bilingual._TITLE_RUN.sub(" ", plain)
        assert bilingual.without_names(text, language) == plain


def test_content_words_are_the_plain_filter():
    source = spaced(["You and I know Anna.", "OK, the cat is here."])
    target = spaced(["Toi et moi connaissons Anna.", "OK, le chat est là."], language="fr")
    ctx = Context(TrackJob(track=target, language="fr", profile=load_profile("netflix"), fps=25.0,
                           source=source, source_language="en"))
    langs = bilingual._languages(ctx)
    for text in _TEXTS + ["OK anna Anna ok-ok le chat", "Toi et moi"] * 2:
        plain = [w for w in bilingual._words(text) if not bilingual._is_universal(w)
                 and bilingual._fold(w) not in langs.kept]
        assert langs.content_words(text) == plain


def test_a_track_without_cues_has_no_names():
    assert bilingual._names(track()) == frozenset()


@pytest.mark.parametrize("source_text, target_text, reason", [
    ("the cat is on the table", "the cat is on the table", "source-words"),
    ("The catalogues, on tablets", "catalog on tablet", None),   # in its text, not as words
    ("the cat’s on the table", "The CAT's on the table", "source-words"),   # folded
])
def test_x001_source_words_are_words_of_the_source_cue(source_text, target_text, reason):
    """The words shared with the source cue are looked for in its folded text first: a word
    found there only inside another word is not shared."""
    source = spaced([source_text])
    target = spaced([target_text], language="fr")
    ctx = Context(TrackJob(track=target, language="fr", profile=load_profile("netflix"), fps=25.0,
                           source=source, source_language="en"))
    langs = bilingual._languages(ctx)
    got = bilingual.UntranslatedCue._reason(target_text, source_text, False, langs,
                                            0.5, 0.5, 2, 3)
    assert (got[0] == "source-words") if reason else (got is None or got[0] != "source-words")


def test_same_normalized_is_the_plain_comparison():
    rng = random.Random(8)
    pieces = ["a", "A", "ß", "ss", "SS", "İ", "i\u0307", "\u0345", "ι", " ", "-", "1", "…", "é"]
    texts = ["", " ", "Hello!", "hello", "- Hello...", "Hallo"] + [
        "".join(rng.choice(pieces) for _ in range(rng.randint(0, 5))) for _ in range(300)]
    for a in texts:
        for b in texts[::7]:
            plain = bool(bilingual._normalized(a)) and \
                bilingual._normalized(a) == bilingual._normalized(b)
            assert bilingual._same_normalized(a, b) == plain, (a, b)


@pytest.mark.parametrize("digit", list("0123456789") + ["٣", "۵", "５", "½", "⅞", "৭"])
def test_a_digit_is_found_in_ascii_and_other_text(digit):
    for text in (f"x{digit}y", f"à {digit}", f"{digit}"):
        assert numbers.extract(text), text
    assert not numbers.extract("no digit here") and not numbers.extract("aucun chiffre ici…")


# --- X001: cues the language analysis found native ---------------------------------------

def _x001(src, tgt, select=("X001",)):
    from subqa.engine import Selection, run_rules

    job = TrackJob(track=tgt, language=tgt.language, profile=load_profile("netflix"), fps=25.0,
                   source=src, source_language=src.language)
    found, _ = run_rules(job, Selection(select=select))
    return [(f.cue, f.code, f.message) for f in found if f.code == "X001"]


def _planted_pairs():
    """The pairs of tests/data/pairs, each also with English lines of its source planted into
    every fifth target cue, alone and after the cue's own text (a half-translated cue)."""
    import pairdata

    for entry in pairdata.manifest():
        src, tgt = pairdata.load(entry["source"]), pairdata.load(entry["target"])
        yield src, tgt
        for mixed in (False, True):
            cues = list(tgt.cues)
            for k in range(0, len(cues), 5):
                other = src.cues[(k + 3) % len(src.cues)].plain_text.replace("\n", " ")
                text = (cues[k].plain_text.replace("\n", " ") + " " + other) if mixed else other
                cues[k] = cues[k].replace(lines=(text,))
            yield src, tgt.replace(cues=tuple(cues))


def test_x001_asks_the_detector_only_about_cues_not_found_native(monkeypatch):
    """The cues the language analysis found native by their own function words are not
    judged again on their content words, and the findings are those of judging every cue."""
    asked: list[str] = []
    judge = bilingual._Languages.in_source_language

    def spy(self, text):
        asked.append(text)
        return judge(self, text)

    monkeypatch.setattr(bilingual._Languages, "in_source_language", spy)
    compared = skipped = ungated = 0
    for src, tgt in _planted_pairs():
        if src.language.split("-")[0] == tgt.language.split("-")[0]:
            continue
        asked.clear()
        gated = _x001(src, tgt)
        n_gated = len(asked)
        with monkeypatch.context() as m:
            m.setattr(bilingual, "_native_cues", lambda ctx, langs: frozenset())
            asked.clear()
            assert _x001(src, tgt) == gated
        skipped += len(asked) - n_gated
        ungated += len(asked)
        compared += 1
    assert compared >= 10
    assert skipped * 2 > ungated        # the detector is spared most cues


def test_x001_alone_finds_what_it_finds_beside_the_language_rules():
    """X001 computes the language analysis itself when L001 does not run."""
    for src, tgt in list(_planted_pairs())[:9]:
        assert _x001(src, tgt, select=("X001",)) == _x001(src, tgt, select=("X", "L"))


def test_native_cues_are_those_the_analysis_found_native():
    from subqa.checks.language import analyse

    src = spaced(["I don't know where he is.", "We have to go now.", "Okay."])
    tgt = spaced(["Je ne sais pas où il est.", "We have to go now.", "D'accord."],
                 language="fr")
    ctx = Context(TrackJob(track=tgt, language="fr", profile=load_profile("netflix"),
                           fps=25.0, source=src, source_language="en"))
    native = bilingual._native_cues(ctx, bilingual._languages(ctx))
    verdicts = analyse(ctx).verdicts
    assert native == {c.index for c, v in zip(tgt.cues, verdicts, strict=True) if v.native}
    assert tgt.cues[0].index in native and tgt.cues[1].index not in native
    # a language the analysis is not about: no cue is spared
    ctx = Context(TrackJob(track=tgt.replace(language="de"), language="de",
                           profile=load_profile("netflix"), fps=25.0, source=src,
                           source_language="en"))
    langs = bilingual._languages(ctx)
    langs.target = "es"
    assert bilingual._native_cues(ctx, langs) == frozenset()


# --- numbers: the first test -------------------------------------------------------------

def test_may_hold_number_holds_for_every_digit_extract_reads():
    """Every character that makes extract find a number (a digit of any script as the regex
    module knows them, Unicode 15 and 16 included, or a vulgar fraction) passes the cheap
    first test, read by Python's re."""
    import sys

    starts = [chr(c) for c in range(sys.maxunicode + 1)
              if regex.match(r"[\d\u00bc-\u00be\u2150-\u215e]", chr(c))]
    assert len(starts) > 700 and "\U00010d40" in starts      # a Garay digit (Unicode 16)
    for ch in starts:
        assert numbers.may_hold_number(f"il y a {ch} ans"), hex(ord(ch))
        assert numbers.extract(f"il y a {ch} ans"), hex(ord(ch))
    # a digit newer than Python's Unicode database has the value of its place in its run of ten
    garay = "".join(chr(0x10D40 + k) for k in (3, 7))
    assert [n.values for n in numbers.extract(f"il y a {garay} ans")] == [{Decimal(37)}]
    assert numbers.compare(f"{garay} ans", "37 years") == numbers.NumberDiff()


def test_compare_without_a_digit_is_the_full_comparison():
    rng = random.Random(3)
    pieces = ["un", "deux", "two", "3", "½", "٣", "\U00010d42", "𝟘", "html5", " ", ",", "%",
              "five", "cinq", "é", "5 pm", "17:00", "\U0001f600"]
    for _ in range(2000):
        a = " ".join(rng.choice(pieces) for _ in range(rng.randint(0, 4)))
        b = " ".join(rng.choice(pieces) for _ in range(rng.randint(0, 4)))
        if not numbers.may_hold_number(a):
            assert not numbers.extract(a), a
        got = numbers.compare(a, b, source_language="en", target_language="fr")
        src = [n for n in numbers.extract(a) if n.values and not n.glued]
        tgt = [n for n in numbers.extract(b) if n.values and not n.glued]
        if not src and not tgt:
            assert not got, (a, b)


# --- alignment: the offset ---------------------------------------------------------------

def _plain_coverage(src, tgt, shift):
    total = 0.0
    for c in src:
        total += max((align._iou((c.start_ms, c.end_ms), (t.start_ms - shift, t.end_ms - shift))
                      for t in tgt), default=0.0)
    return total / len(src)


def _plain_offset(source, target):
    """subqa.align.estimate_offset as it was: the votes first, no shift judged last."""
    src, tgt = align._sorted(source), align._sorted(target)
    if not src or not tgt:
        return 0
    votes = align._offset_votes(src, tgt, align.DEFAULTS["max_offset_ms"])
    candidates = align._offset_candidates(votes, max(
        align._MIN_VOTES, align._MIN_VOTE_SHARE * min(len(src), len(tgt)))) if votes else []
    if not candidates:
        return 0
    base = _plain_coverage(src, tgt, 0)
    best_cov, _, best = max((_plain_coverage(src, tgt, c), -abs(c), c) for c in candidates)
    return best if best_cov >= base + align._OFFSET_GAIN else 0


def test_offset_with_its_first_look_at_no_shift_is_the_plain_offset():
    from test_align_cuts import random_pair

    rng = random.Random(11)
    shifted = 0
    for _ in range(150):
        src, tgt = random_pair(rng)
        got = align.estimate_offset(src, tgt)
        assert got == _plain_offset(src, tgt)
        shifted += got != 0
    assert shifted >= 10           # shifted pairs are among them
    # long cues shifted by a little: no shift already covers much, and the shift still wins
    for shift in (600, 900, 1300, -700):
        src = [cue(n, 1000 + 6500 * n, 6500 + 6500 * n, "a") for n in range(1, 40)]
        tgt = [cue(n, c.start_ms + shift, c.end_ms + shift, "b") for n, c in enumerate(src, 1)]
        assert align._coverage(src, tgt, 0) > 0.6
        assert align.estimate_offset(src, tgt) == _plain_offset(src, tgt) == shift


def _plain_band(src, tgt, offset_ms, max_shift_ms):
    """subqa.align._band as it was, with min and max."""
    import bisect

    n, m = len(src), len(tgt)
    tstarts = align._running_max([c.start_ms - offset_ms for c in tgt])
    lo, hi = [0] * (n + 1), [m] * (n + 1)
    for i in range(n):
        t = src[i].start_ms
        before = min(t, src[i - 1].start_ms) if i else t
        lo[i] = bisect.bisect_left(tstarts, before - max_shift_ms)
        hi[i] = bisect.bisect_right(tstarts, t + max_shift_ms)
    lo[0] = 0
    lo[n], hi[n] = (lo[n - 1] if n else 0), m
    for i in range(1, n + 1):
        lo[i] = max(lo[i], lo[i - 1])
    for i in range(n - 1, -1, -1):
        hi[i] = min(hi[i], hi[i + 1])
    for i in range(n):
        hi[i] = max(hi[i], lo[i], lo[i + 1])
        if i:
            hi[i] = max(hi[i], hi[i - 1])
    return lo, hi


def test_band_is_the_plain_band():
    from test_align_cuts import random_pair

    rng = random.Random(12)
    for _ in range(200):
        src, tgt = random_pair(rng)
        if rng.random() < 0.3:
            rng.shuffle(src)                  # a file out of time order
        offset, shift = rng.choice([0, 700, -2500]), rng.choice([1000, 4000])
        assert align._band(src, tgt, offset, shift) == _plain_band(src, tgt, offset, shift)
    assert align._band([], [], 0, 4000) == _plain_band([], [], 0, 4000)


def test_x001_judges_with_the_profiles_language_thresholds(tmp_path):
    from subqa.language import Settings

    prof = tmp_path / "house.toml"
    prof.write_text('[profile]\nextends = "netflix"\n[params]\nlanguage_script_min_letters = 3\n',
                    encoding="utf-8")
    src = spaced(["I don't know where he is."])
    tgt = spaced(["Je ne sais pas où il est."], language="fr")
    for profile, letters in ((load_profile("netflix"), 8), (load_profile(str(prof)), 3)):
        ctx = Context(TrackJob(track=tgt, language="fr", profile=profile, fps=25.0,
                               source=src, source_language="en"))
        judge = bilingual._languages(ctx).judge
        assert judge.settings == Settings.from_profile(profile, "fr")
        assert judge.settings.script_min_letters == letters
