"""L001 cue-wrong-language, L002 track-wrong-language, L003 unexpected-script, run through the
engine on tracks built from cues: each fires on a planted case and stays silent on a near miss."""
from __future__ import annotations

from pathlib import Path

import pytest

from subqa.engine import Selection, TrackJob, run_rules
from subqa.checks.base import CacheKey
from subqa.model import Cue, Track
from subqa.profiles import load_profile

DATA = Path(__file__).resolve().parent.parent / "bench" / "data" / "language"
PROFILE = load_profile("netflix")


def lines(tag: str, short: bool = False) -> list[str]:
    path = DATA / ("short" if short else "") / f"{tag}.txt"
    return [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln]


def track(texts: list[str], name: str = "t.srt") -> Track:
    cues = tuple(Cue(index=i + 1, start_ms=i * 3000, end_ms=i * 3000 + 2000, lines=(t,),
                     line=i * 4 + 1) for i, t in enumerate(texts))
    return Track(path=name, format="srt", cues=cues, encoding="utf-8")


def check(texts, lang, **job):
    findings, ctx = run_rules(TrackJob(track(texts), lang, PROFILE, 24.0, **job),
                              Selection(select=("L",)))
    return findings, ctx


def codes(findings, code):
    return [f for f in findings if f.code == code]


def with_planted(tag: str, planted: str, at: int = 10) -> list[str]:
    texts = lines(tag)
    return texts[:at] + [planted] + texts[at:]


# ---------------------------------------------------------------------------------- L001

def test_russian_line_in_kazakh_track_is_l001_and_kazakh_track_is_not_russian():
    findings, _ = check(lines("kk"), "kk")
    assert findings == []
    findings, _ = check(with_planted("kk", "Я не хочу об этом говорить."), "kk")
    [hit] = codes(findings, "L001")
    assert hit.cue == 11 and hit.data["detected"] == "ru" and hit.data["expected"] == "kk"
    assert codes(findings, "L002") == []


def test_kazakh_line_in_russian_track_is_l001():
    findings, _ = check(with_planted("ru", "Мен бұл туралы сөйлескім келмейді."), "ru")
    assert [(f.code, f.cue, f.data["detected"]) for f in findings] == [("L001", 11, "kk")]


def test_spanish_line_in_french_track_and_french_near_miss_with_spanish_names():
    findings, _ = check(with_planted("fr", "Tenemos que irnos antes de que se ponga el sol."), "fr")
    assert [(f.code, f.cue, f.data["detected"]) for f in findings] == [("L001", 11, "es")]
    near, _ = check(with_planted("fr", "Señor García, vous êtes là ?"), "fr")
    assert near == []


def test_japanese_line_in_chinese_track():
    findings, _ = check(with_planted("zh", "ここに来るなって言ったでしょう。"), "zh")
    assert [(f.code, f.data["detected"]) for f in findings] == [("L001", "ja")]


@pytest.mark.parametrize("tag", ["en", "fr", "es", "de", "it", "pt", "tr", "uz", "ru", "uk", "kk",
                                 "ky", "mn", "tg", "ar", "fa", "ur", "ug", "zh", "ja"])
def test_clean_tracks_full_of_short_cues_and_names_give_no_l_finding(tag):
    texts = []
    short = lines(tag, short=True) if (DATA / "short" / f"{tag}.txt").exists() else []
    for i, text in enumerate(lines(tag)):
        texts.append(text)
        if short:
            texts.extend(short[(2 * i) % len(short):(2 * i) % len(short) + 2])
    findings, _ = check(texts, tag)
    assert findings == []


def test_interjections_and_names_only():
    findings, _ = check(["Да.", "OK", "Алия!", "Нет!", "Что?", "Саша?", "2012.", "Ага."] * 5, "ru")
    assert findings == []


# ---------------------------------------------------------------------------------- L003

def check_only(texts, lang, code):
    findings, _ = run_rules(TrackJob(track(texts), lang, PROFILE, 24.0), Selection(select=(code,)))
    return findings


def test_english_line_in_arabic_track_is_l001_once_and_l003_on_its_own_but_a_brand_name_is_not():
    findings, _ = check(with_planted("ar", "I don't want to talk about it."), "ar")
    # both rules see the cue; with both enabled it is reported once, as L001 (one root cause)
    assert sorted((f.code, f.cue) for f in findings) == [("L001", 11)]
    alone = check_only(with_planted("ar", "I don't want to talk about it."), "ar", "L003")
    assert [(f.code, f.cue, f.data["script"]) for f in alone] == [("L003", 11, "Latn")]
    near, _ = check(with_planted("ar", "أرسل لي رسالة على iPhone الخاص بك."), "ar")
    assert near == []
    assert check_only(with_planted("ar", "أرسل لي رسالة على iPhone الخاص بك."), "ar", "L003") == []


def test_cyrillic_in_chinese_track_is_l003_when_l001_does_not_run():
    findings, _ = check(with_planted("zh", "Я не хочу об этом говорить."), "zh")
    assert [f.code for f in findings] == ["L001"]
    alone = check_only(with_planted("zh", "Я не хочу об этом говорить."), "zh", "L003")
    assert [f.data["script"] for f in alone] == ["Cyrl"]


# ---------------------------------------------------------------------------------- L002

def test_spanish_track_declared_french_is_one_l002_not_a_flood():
    findings, ctx = check(lines("es") + lines("es", short=True), "fr")
    assert [f.code for f in findings] == ["L002"]
    hit = findings[0]
    assert hit.cue is None
    assert hit.data["declared"] == "fr" and hit.data["detected"] == "es"
    assert 0 < hit.data["confidence"] <= 1


def test_kyrgyz_track_declared_kazakh_is_l002():
    findings, _ = check(lines("ky"), "kk")
    assert [(f.code, f.data["detected"]) for f in findings] == [("L002", "ky")]


def test_no_l002_when_the_language_was_detected_or_is_right():
    findings, _ = check(lines("es"), "fr", language_origin="detected")
    assert codes(findings, "L002") == []
    findings, _ = check(lines("es"), "es")
    assert findings == []


def test_track_with_a_fifth_of_foreign_cues_is_l001_not_l002():
    texts = lines("kk")
    ru = lines("ru")
    mixed = []
    for i, text in enumerate(texts):
        mixed.append(ru[i] if i % 5 == 4 else text)
    findings, _ = check(mixed, "kk")
    assert codes(findings, "L002") == []
    assert len(codes(findings, "L001")) >= 4


def test_unknown_language_is_detected_and_cues_judged_against_it():
    findings, ctx = check(with_planted("ug", "I don't want to talk about it."), None)
    assert ctx.cache[CacheKey.LANGUAGE_ANALYSIS].language == "ug"
    assert [(f.code, f.cue) for f in findings] == [("L001", 11)]


# ---------------------------------------------------------------------------- determinism

def test_same_findings_twice_and_in_another_track_order():
    texts = with_planted("fr", "I don't want to talk about it.")
    texts = with_planted("fr", "Tenemos que irnos antes de que se ponga el sol.", 20)[:25] + texts
    first, _ = check(texts, "fr")
    second, _ = check(texts, "fr")
    assert [f.to_dict() for f in first] == [f.to_dict() for f in second]
    backwards, _ = check(list(reversed(texts)), "fr")
    n = len(texts)
    assert sorted((n + 1 - f.cue, f.data["detected"]) for f in backwards) == \
        sorted((f.cue, f.data["detected"]) for f in first)
    assert len(first) >= 2


def test_run_of_short_foreign_cues_is_judged_together_but_one_short_cue_is_not():
    run = ["¿Dónde está?", "No lo sé.", "Vamos a casa.", "Ya es tarde."]
    texts = lines("fr")
    findings, _ = check(texts[:10] + run + texts[10:], "fr")
    assert [(f.cue, f.data["detected"]) for f in findings] == [(11, "es"), (13, "es"), (14, "es")]
    assert [f.data["evidence"] for f in findings[1:]] == ["window", "window"]
    alone, _ = check(texts[:10] + ["Vamos a casa."] + texts[10:], "fr")
    assert alone == []


@pytest.mark.parametrize("tag", ["en", "fr", "es", "de", "tr", "uz", "ru", "uk", "kk", "ky", "mn",
                                 "tg", "ar", "fa", "ur", "ug", "zh", "ja"])
def test_tracks_of_nothing_but_interjections_and_names_give_no_l_finding(tag):
    findings, _ = check(lines(tag, short=True) * 8, tag)
    assert findings == []


# ------------------------------------------------------------------- close languages (issue 11)
# Hosts written like the real tracks of ../shared/corpus that were misjudged (an Apple TV Czech
# deliverable, a Serbian Cyrillic and a Serbian Latin film, the Elephants Dream Swedish track).

CS = ["Tohle je moje loď a já tu velím.", "Nevím, co se stalo, ale musíme jít.",
      "Kde jsi byl celou noc?", "Řekni mi pravdu, prosím.", "Ano, pane.",
      "Je to taktická zbraň. Lokalizovaná.", "Měli jsme tvrdé přistání.",
      "Už jsem ti to říkal dvakrát.", "Počkej na mě u vchodu.", "Kentaró, co se sakra děje?",
      "Tohle není dobrý nápad.", "Jdeme domů."]
SR = ["Где си био целу ноћ?", "Не знам шта се догодило.", "Хвала ти, брате.",
      "Добро, идемо кући.", "То су врата за рај или за пакао.", "Морамо да кренемо пре мрака.",
      "Ко је то био?", "Нисам то хтео да урадим.", "Чекај ме испред куће.", "Шта радиш овде?",
      "Да.", "Хајде!"]
SR_LATN = ["Gde si bio celu noć?", "Ne znam šta se dogodilo.", "Hvala ti, brate.",
           "Dobro, idemo kući.", "Moramo da krenemo pre mraka.", "Ko je to bio?",
           "Nisam to hteo da uradim.", "Čekaj me ispred kuće.", "Šta radiš ovde?", "Da.",
           "Hajde!", "Zašto si to uradio?"]
SV = ["Jag vet inte vad som hände.", "Var har du varit hela natten?",
      "Tack, det var snällt av dig.", "Vi måste gå nu.", "Det är inte säkert här.",
      "Lyssna på ljuden från maskinen.", "Ja.", "Nej!", "Kan du berätta det för mig?",
      "Jag ser det inte.", "Vänta på mig utanför.", "Kom hit."]
DA = ["Jeg ved ikke, hvad der skete.", "Hvor har du været hele natten?",
      "Tak, det var sødt af dig.", "Vi må gå nu.", "Det er ikke sikkert her.",
      "Lyt til lydene fra maskinen.", "Ja.", "Nej!", "Kan du fortælle mig det?",
      "Jeg kan ikke se det.", "Vent på mig udenfor.", "Kom her."]
RU = ["Я не знаю, что случилось.", "Где ты был всю ночь?", "Спасибо, брат.",
      "Хорошо, пошли домой.", "Мы должны уйти до темноты.", "Кто это был?",
      "Я не хотел этого делать.", "Жди меня у входа.", "Что ты здесь делаешь?", "Да.",
      "Давай!", "Почему ты это сделал?"]
FR = ["Je ne sais pas ce qui s'est passé.", "Où étais-tu toute la nuit ?", "Merci, mon frère.",
      "Bon, on rentre.", "Qui était-ce ?", "Attends-moi devant l'entrée.",
      "Pourquoi tu as fait ça ?", "Oui.", "Allez !"]

NL = ["Ik weet niet wat er gebeurd is.", "Waar ben je de hele nacht geweest?",
      "Dank je, dat is lief van je.", "We moeten nu gaan.", "Het is hier niet veilig.",
      "Luister naar de geluiden van de machine.", "Ja.", "Nee!", "Kun je het me vertellen?",
      "Ik zie het niet.", "Wacht buiten op me.", "Kom hier."]
PT = ["Eu não sei o que aconteceu.", "Onde você esteve a noite toda?",
      "Obrigado, isso foi muito gentil.", "Nós precisamos ir agora.", "Aqui não é seguro.",
      "Escute os sons da máquina.", "Sim.", "Não!", "Você pode me contar?", "Eu não vejo.",
      "Espere por mim lá fora.", "Venha cá."]
GL = ["Non sei que pasou.", "Onde estiveches toda a noite?", "Grazas, foi moi amable.",
      "Temos que marchar agora.", "Aquí non é seguro.", "Escoita os sons da máquina.", "Si.",
      "Non!", "Podes contarmo?", "Non o vexo.", "Agárdame fóra.", "Ven aquí."]

def found(texts, lang):
    return [(f.code, f.cue, f.data.get("detected")) for f in check(texts, lang)[0]]


def planted(host, line, at=6):
    return host[:at] + [line] + host[at:]


def test_czech_is_not_read_as_slovak_but_a_slovak_line_is():
    # the two Apple TV cues that were reported as Slovak ("nebo", "tam bude" are Czech)
    assert found(CS + ["Možná. Nebo si všimla, že je Titán X mimo trasu, a objevila se sama.",
                       "Kdy tam bude záchranný tým?"], "cs") == []
    assert found(planted(CS, "Nemôžem ti povedať, čo sa stalo včera večer."), "cs") == \
        [("L001", 7, "sk")]


def test_serbo_croatian_in_czech_is_named_serbo_croatian_not_slovak():
    [(code, cue, detected)] = found(planted(CS, "Bio je tvoj klijent pre mnogo vremena."), "cs")
    assert (code, cue) == ("L001", 7) and detected in ("sr", "hr", "bs")


def test_letter_spaced_serbian_title_is_not_russian_and_a_latin_credit_is_serbian():
    assert found(["Г О Р Ш Т А К   3 Из зоре времена долазимо,"] + SR +
                 ["Preuzeto sa www.titlovi.com"], "sr") == []
    # near miss: a Russian sentence in the same track
    assert found(planted(SR, "Я не хочу об этом говорить."), "sr") == [("L001", 7, "ru")]


def test_serbian_latin_short_cues_are_not_english_but_an_english_line_is():
    assert found(SR_LATN + ["Ne, to je kraj. To je bio kraj.", "A i on je smradina.",
                            "Ti si mlada a on... -Kao ti i mama."], "sr-Latn") == []
    assert found(planted(SR_LATN, "I don't know what you are talking about, man."),
                 "sr-Latn") == [("L001", 7, "en")]


def test_danish_in_swedish_is_found_even_short_but_a_danish_name_is_not():
    assert found(planted(SV, "Jeg vil samarbejde, så snart du finder en agent der kan hjælpe."),
                 "sv") == [("L001", 7, "da")]
    # ø is a letter Swedish never writes: it counts in a short cue (Danish or Norwegian)
    [(code, cue, detected)] = found(planted(SV, "Det er sødt."), "sv")
    assert (code, cue) == ("L001", 7) and detected in ("da", "nb", "no")
    # near miss: the same letter in a name
    assert found(planted(SV, "Hej Søren, kom hit."), "sv") == []


def test_plain_serbian_cyrillic_in_russian_is_found_and_named_serbian():
    assert found(planted(RU, "Зашто си то урадио, брате?"), "ru") == [("L001", 7, "sr")]
    assert found(planted(RU, "Тата, да ли је у реду? -Да."), "ru") == [("L001", 7, "sr")]
    # near miss: Macedonian is named Macedonian, and Russian alone gives nothing
    assert found(planted(RU, "Што правиш тука? Ќе дојдам утре."), "ru") == [("L001", 7, "mk")]
    assert found(RU, "ru") == []


def test_spanish_is_named_spanish_not_portuguese():
    assert found(FR[:6] + ["¡Es demasiado peligroso!...", "Y tú no te metas en esto, Miguel."]
                 + FR[6:], "fr") == [("L001", 7, "es"), ("L001", 8, "es")]


def test_swedish_track_declared_danish_is_l002_and_the_right_declarations_are_not():
    assert found(SV * 4, "da") == [("L002", None, "sv")]
    assert found(DA * 4, "sv") == [("L002", None, "da")]
    assert found(SV * 4, "sv") == [] and found(DA * 4, "da") == []


def test_a_short_german_line_in_dutch_is_found_by_its_words_but_dutch_die_is_not_german():
    # "als" is German as well as Dutch, so it no longer speaks against German (words.toml);
    # "du" and "bist" are German only (a cue of the real Sintel track's German translation)
    assert found(planted(NL, "Du bist näher, als du ahnst."), "nl") == [("L001", 7, "de")]
    # near miss: "die" is Dutch too (that, those): a Dutch line with it is Dutch, and the word
    # is no evidence of German in a Dutch track
    assert found(planted(NL, "Wie is die man bij de deur?"), "nl") == []
    from subqa.language import CueJudge

    assert "die" not in CueJudge("nl")._words_only(False, "de")
    assert "du" in CueJudge("nl")._words_only(False, "de")


def test_a_spanish_line_the_model_takes_for_portuguese_is_found_by_its_marks_and_words():
    # a real cue (Aquí no hay quien viva) inserted in a Portuguese track: the n-gram model gives
    # Portuguese 0.67, but ¿ is Spanish punctuation and "qué", "hay", "aquí" Spanish words
    line = "-¿De qué está hecho este ascensor? Aquí dentro no hay cobertura."
    assert found(planted(PT, line), "pt") == [("L001", 7, "es")]
    # near miss: Galician may open a question with ¿ too: its own words keep it Galician
    assert found(planted(GL, "¿Quen é esa muller que está contigo?"), "gl") == []
