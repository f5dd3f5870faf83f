"""Language identification for cues and tracks.

Evidence, cheapest first:

1. **Script.** Each letter belongs to a script (Latin, Cyrillic, Arabic, Han, kana ...). A cue
   written mostly in a script the track language does not use is foreign whatever its words
   (names, acronyms and brand names aside). Kana means Japanese; a long line of Han characters
   without kana in a Japanese track, which the model finds Chinese, is Chinese.
2. **Letters.** ``rules/lang/letters.toml`` lists each language's alphabet. Letters a language
   never uses (Kazakh қ in Russian, Persian پ in Arabic, Ukrainian і in Russian) are evidence
   that a cue is in another language, and they are how Kazakh, Kyrgyz, Uzbek, Uyghur, Tajik and
   Mongolian are told apart: langdetect has no model for them.
3. **Function words** (``rules/lang/words.toml``). A cue with a function word only the track
   language has, and none only an intruder has, is not examined further (most cues of a clean
   track stop here). Otherwise words, letters and loanword letters earn points for an intruder;
   this settles lines of the languages without an n-gram model.
4. **Character n-grams**, from langdetect's shipped profiles, read only for the track language
   and its plausible intruders (``intruders`` in letters.toml). langdetect samples n-grams at
   random over seven trials, so its probabilities come in steps of 1/7 and depend on the seed;
   here the same profiles are scored exactly (the naive-Bayes sum of log-probabilities over all
   1-3-grams, with langdetect's smoothing): deterministic and continuous. Each word's score is
   floored at ``-_WORD_CLIP`` against the language it suits best, so a name or a loanword cannot
   outvote a line; at least two or three words must favour the other language; overlapping
   n-grams count each character three times, so log-likelihoods are divided by
   ``_TEMPERATURE`` before the posterior is formed.

Whole tracks are identified line by line (:func:`identify`), so that a minority of foreign lines
cannot rule out the language of the majority. Nothing here imports langdetect until an n-gram
is first needed.

The package, by responsibility:

- ``scripts``: the script of each letter, script names, apostrophes;
- ``facts``: each language's letters, function words and profile (:func:`language_info`);
- ``cue_evidence``: what a text shows, letters per script and words (:func:`evidence`);
- ``ngram_scoring``: langdetect's profiles scored exactly (:class:`NGramModel`);
- ``identification``: which language a text is in (:func:`identify`);
- ``cue_judge``: the verdict on one cue against the track language (:class:`CueJudge`);
- ``_fastpaths``: the shortcuts that pay (ASCII and plain-Latin text, one script of ours);
- ``track_judge``: the language of a whole track (:func:`detect_track_language`).

The facts and the n-gram rows are kept between runs in the subqa cache (:func:`subqa.cache.memo`).
"""
from __future__ import annotations

from ._fastpaths import PLAIN_EXTRA as _PLAIN_EXTRA, PLAIN_LATIN as _PLAIN_LATIN  # noqa: F401
from ._fastpaths import plain_latin as _plain_latin, plain_letters as _plain_letters  # noqa: F401
from .cue_evidence import (Evidence, _ascii_url_hint, _blank_urls, _count_letters,  # noqa: F401
                           _letters_of, _normalize, _normalize_letters, _rx, evidence,
                           join_spaced, model_words)
from .cue_judge import NATIVE, CueJudge, Settings, Verdict, _default_settings  # noqa: F401
from .facts import (LanguageInfo, _letter_facts, _profile_names, _profiles_folder,  # noqa: F401
                    _word_facts, fact_tag, has_language_data, language_info,
                    languages_with_script)
from .identification import _named_by_words, identify  # noqa: F401
from .ngram_scoring import (_SMOOTHING, _TEMPERATURE, NGramModel, _cjk_map, _normalized,  # noqa: F401
                            _sum_in_order, ngram_model, ngrams)
from .scripts import _fold_apostrophes, _fold_word, script_name, script_of  # noqa: F401
from .track_judge import (alphabet_conflict, detect_lines_language, detect_text_language,  # noqa: F401
                          detect_track_language, letters_doubt, track_lines, track_scripts,
                          track_text)
