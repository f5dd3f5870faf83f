"""Writes the source/target pairs of this folder from the hand-written texts below.

Run from the repository root: ``python tests/data/pairs/build.py``. The files are committed;
this script documents how they were made (timings from the text length, a deterministic jitter
of up to 120 ms on the translations, and the planted defects listed in manifest.toml).

Planted defects are made here, explicitly, per pair: an untranslated cue (the source text, or
the source-language text kept), a changed number, a dropped or added cue, a cue shifted in time.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

HERE = Path(__file__).resolve().parent

DRAMA_EN = [
    "Where were you last night?",
    "I was at the lighthouse with Anna.",
    "The storm started around 11 o'clock.",
    "We lost power for three hours.",
    "OK.",
    "The old keeper said the tower\nwas built in 1887.",
    "It is 45 metres tall.",
    "Nobody has lived there since 1962.",
    "Mm-hmm.",
    "He wants 1,500 dollars for the boat.",
    "That's almost 20% of what\nwe earned this year.",
    "Call Viktor and tell him\nwe leave at 6.",
    "I don't trust him.",
    "Neither do I, but we need the boat.",
    "How many people can it carry?",
    "Twelve, if the sea is calm.",
    "And if it isn't?",
    "Then we wait.",
]
# A longer pause after cue 14 (index 13): a translation may add a cue there (see zh defects).
DRAMA_PAUSE_AFTER = 13

DRAMA_RU = [
    "Где ты была вчера вечером?",
    "Я была на маяке с Анной.",
    "Шторм начался около 11 часов.",
    "Мы остались без света на три часа.",
    "OK.",
    "Старый смотритель сказал,\nчто башню построили в 1887 году.",
    "Её высота — 45 метров.",
    "Там никто не живёт с 1962 года.",
    "Угу.",
    "Он хочет 1 500 долларов за лодку.",
    "Это почти 20% того,\nчто мы заработали за год.",
    "Позвони Виктору и скажи,\nчто мы уходим в 6.",
    "Я ему не доверяю.",
    "Я тоже, но нам нужна лодка.",
    "Сколько человек она может взять?",
    "Двенадцать, если море спокойное.",
    "А если нет?",
    "Тогда подождём.",
]

DRAMA_ZH = [
    "你昨晚去哪儿了？",
    "我和安娜在灯塔那儿。",
    "暴风雨大概是11点开始的。",
    "我们停电了三个小时。",
    "好。",
    ("老看守人说", "这座塔建于1887年。"),          # split into two cues
    "它有４５米高。",                              # full-width digits
    "1962年以后就没人住在那儿了。",
    "嗯哼。",
    "他要1500美元才肯卖船。",
    "这差不多是我们今年收入的20%。",
    "给维克多打电话，\n告诉他我们6点出发。",
    "我不信任他。",
    "我也不信，但我们需要那条船。",
    "它能载多少人？",
    "十二个，如果海面平静的话。",
    "要是不平静呢？",
    "那我们就等。",
]
ZH_MERGE = (16, 17)       # cues 17 and 18 merged into one two-line cue in the translation

DRAMA_AR = [
    "أين كنتِ الليلة الماضية؟",
    "كنت في المنارة مع آنا.",
    "بدأت العاصفة حوالي الساعة ١١.",
    "انقطعت الكهرباء لثلاث ساعات.",
    "حسناً.",
    "قال الحارس العجوز\nإن البرج بُني عام ١٨٨٧.",
    "يبلغ ارتفاعه ٤٥ متراً.",
    "لم يسكن أحد هناك منذ عام ١٩٦٢.",
    "امم.",
    "يريد ١٬٥٠٠ دولار مقابل القارب.",
    "هذا تقريباً ٢٠٪ مما كسبناه\nهذا العام.",
    "اتصلي بفيكتور وأخبريه\nأننا سنغادر في السادسة.",
    "أنا لا أثق به.",
    "ولا أنا، لكننا نحتاج القارب.",
    "كم شخصاً يمكنه أن يحمل؟",
    "اثنا عشر، إذا كان البحر هادئاً.",
    "وإن لم يكن كذلك؟",
    "عندها ننتظر.",
]

INTERVIEW_ZH = [
    "欢迎收看今天的节目。",
    "我们的嘉宾在阿拉木图住了十二年。",
    "她今年出版了3本书。",
    "第一本书卖出了5000册。",
    "谢谢你来参加节目。",
    "很高兴来到这里。",
    "你为什么开始写作？",
    "我小时候，\n我奶奶每天给我讲故事。",
    "她出生于1938年。",
    "她会说4种语言。",
    "这些故事成了我的第一本书。",
    "你的下一本书什么时候出版？",
    "明年春天，如果一切顺利的话。",
    "我们期待着。",
]
INTERVIEW_KK = [
    "Бүгінгі бағдарламаға қош келдіңіздер.",
    "Біздің қонағымыз Алматыда\nон екі жыл тұрды.",
    "Ол биыл 3 кітап шығарды.",
    "Бірінші кітабы 5 000 данамен сатылды.",
    "Бағдарламаға келгеніңізге рахмет.",
    "Мұнда келгеніме қуаныштымын.",
    "Неліктен жаза бастадыңыз?",
    "Кішкентай кезімде әжем маған\nкүн сайын ертегі айтып беретін.",
    "Ол 1938 жылы туған.",
    "Ол 4 тілде сөйлейді.",
    "Осы әңгімелер менің\nалғашқы кітабым болды.",
    "Келесі кітабыңыз қашан шығады?",
    "Келесі көктемде, бәрі ойдағыдай болса.",
    "Біз асыға күтеміз.",
]

NEWS_EN = [
    "Good evening and welcome to the news.",
    "The new bridge will open on 15 May.",
    "It cost 2.5 million dollars.",
    "More than 3,000 people worked on it.",
    "The mayor thanked the builders.",
    "Traffic in the city centre fell by 40%.",
    "Tomorrow will be sunny,\nwith temperatures up to 28 degrees.",
    "That's all for tonight.",
    "Thank you for watching.",
    "See you tomorrow.",
]
NEWS_UZ = [
    "Xayrli kech, yangiliklarga xush kelibsiz.",
    "Yangi ko'prik 15-may kuni ochiladi.",
    "U 2,5 million dollarga tushdi.",
    "Unda 3 000 dan ortiq kishi ishladi.",
    "Shahar hokimi quruvchilarga\nminnatdorchilik bildirdi.",
    "Shahar markazidagi tirbandlik\n40% ga kamaydi.",
    "Ertaga havo quyoshli bo'ladi,\nharorat 28 darajagacha ko'tariladi.",
    "Bugun kechqurun shu bilan tugatamiz.",
    "Tomosha qilganingiz uchun rahmat.",
    "Ertaga ko'rishguncha.",
]

CAFE_EN = [
    "Excuse me, is this table free?",
    "Yes, of course. Please sit down.",
    "Bravo!",
    "A coffee and a croissant, please.",
    "That will be 4.50 euros.",
    "Is the museum open on Monday?",
    "No, it's closed until 10 March.",
    "Sophie Martin, from Paris.",
    "Taxi!",
    "Thank you, goodbye.",
]
CAFE_FR = [
    "Excusez-moi, cette table est libre ?",
    "Oui, bien sûr. Asseyez-vous.",
    "Bravo !",
    "Un café et un croissant, s'il vous plaît.",
    "Ça fera 4,50 euros.",
    "Le musée est ouvert le lundi ?",
    "Non, il est fermé jusqu'au 10 mars.",
    "Sophie Martin, de Paris.",
    "Taxi !",
    "Merci, au revoir.",
]


# --- timing and writing ---------------------------------------------------------------------

def source_times(texts, start=2000, pause_after=None):
    out = []
    t = start
    for i, text in enumerate(texts):
        n = len(text.replace("\n", " "))
        dur = max(1200, min(5500, 700 + 55 * n))
        out.append((t, t + dur))
        gap = 400 + (i * 137) % 500
        if pause_after is not None and i == pause_after:
            gap = 4500
        t += dur + gap
    return out


def jitter(key: str, amount: int = 120) -> int:
    h = int(hashlib.sha256(key.encode()).hexdigest()[:8], 16)
    return h % (2 * amount + 1) - amount


def target_times(times, key):
    out = []
    for i, (s, e) in enumerate(times):
        js, je = jitter(f"{key}-s{i}"), jitter(f"{key}-e{i}")
        out.append((s + js, e + je))
    return out


def ts(ms: int, sep: str) -> str:
    h, r = divmod(ms, 3_600_000)
    m, r = divmod(r, 60_000)
    s, r = divmod(r, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{r:03d}"


def write(path: Path, cues):
    """cues: list of (start, end, text)."""
    cues = sorted(cues, key=lambda c: (c[0], c[1]))
    if path.suffix == ".vtt":
        blocks = ["WEBVTT\n"]
        for s, e, text in cues:
            blocks.append(f"{ts(s, '.')} --> {ts(e, '.')}\n{text}\n")
    else:
        blocks = [f"{i}\n{ts(s, ',')} --> {ts(e, ',')}\n{text}\n"
                  for i, (s, e, text) in enumerate(cues, 1)]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(blocks), encoding="utf-8")


def translate(texts, times, key, *, split=None, merge=None):
    """The clean translation: one cue per source cue; ``split`` (index -> (a, b)) is a cue
    split at its middle, ``merge`` (i, j) two cues merged into one two-line cue."""
    tt = target_times(times, key)
    out = []
    i = 0
    while i < len(texts):
        s, e = tt[i]
        text = texts[i]
        if merge and i == merge[0]:
            out.append((s, tt[merge[1]][1], texts[i] + "\n" + texts[merge[1]]))
            i = merge[1] + 1
            continue
        if isinstance(text, tuple):
            mid = (s + e) // 2
            out.append((s, mid - 40, text[0]))
            out.append((mid + 40, e, text[1]))
        else:
            out.append((s, e, text))
        i += 1
    return out


def cue_at(cues, start_of_source, times):
    """Index in ``cues`` (time-sorted) of the cue translating source cue ``start_of_source``."""
    s = times[start_of_source][0]
    return min(range(len(cues)), key=lambda k: abs(cues[k][0] - s))


def build():
    drama_t = source_times(DRAMA_EN, pause_after=DRAMA_PAUSE_AFTER)
    drama_src = [(s, e, t) for (s, e), t in zip(drama_t, DRAMA_EN)]
    interview_t = source_times(INTERVIEW_ZH, start=1500)
    interview_src = [(s, e, t) for (s, e), t in zip(interview_t, INTERVIEW_ZH)]
    news_t = source_times(NEWS_EN, start=3000)
    news_src = [(s, e, t) for (s, e), t in zip(news_t, NEWS_EN)]
    cafe_t = source_times(CAFE_EN, start=1000)
    cafe_src = [(s, e, t) for (s, e), t in zip(cafe_t, CAFE_EN)]

    # clean pairs
    write(HERE / "clean" / "drama.en.srt", drama_src)
    write(HERE / "clean" / "drama.ru.srt", translate(DRAMA_RU, drama_t, "ru"))
    write(HERE / "clean" / "drama.zh-Hans.srt", translate(DRAMA_ZH, drama_t, "zh", merge=ZH_MERGE))
    write(HERE / "clean" / "drama.ar.srt", translate(DRAMA_AR, drama_t, "ar"))
    write(HERE / "clean" / "interview.zh-Hans.vtt", interview_src)
    write(HERE / "clean" / "interview.kk.vtt", translate(INTERVIEW_KK, interview_t, "kk"))
    write(HERE / "clean" / "news.en.srt", news_src)
    write(HERE / "clean" / "news.uz.srt", translate(NEWS_UZ, news_t, "uz"))
    write(HERE / "clean" / "cafe.en.vtt", cafe_src)
    write(HERE / "clean" / "cafe.fr.vtt", translate(CAFE_FR, cafe_t, "fr"))

    # defects, each planted by hand on a copy of the clean translation
    write(HERE / "defects" / "drama.en.srt", drama_src)

    ru = translate(DRAMA_RU, drama_t, "ru")
    ru[7] = (ru[7][0], ru[7][1], DRAMA_EN[7])                       # X001 cue 8
    ru[5] = (ru[5][0], ru[5][1], ru[5][2].replace("1887", "1877"))  # X002 cue 6
    ru[15] = (ru[15][0] + 1600, ru[15][1] + 1600, ru[15][2])        # X004 (cue 15 after the drop)
    del ru[12]                                                      # X003 source cue 13
    write(HERE / "defects" / "drama.ru.srt", ru)

    zh = translate(DRAMA_ZH, drama_t, "zh", merge=ZH_MERGE)         # 19 cues: 6 split, 17+18 merged
    zh[1] = (zh[1][0], zh[1][1], DRAMA_EN[1])                       # X001 cue 2
    zh[11] = (zh[11][0], zh[11][1], zh[11][2].replace("20%", "２５%"))  # X002 cue 12 (source 11)
    zh[3] = (zh[3][0] - 1500, zh[3][1] - 1500, zh[3][2])            # X004 cue 4
    pause = drama_t[DRAMA_PAUSE_AFTER][1]
    zh.append((pause + 1200, pause + 3000, "（远处传来雷声）"))        # X003 extra target cue 16
    write(HERE / "defects" / "drama.zh-Hans.srt", zh)

    ar = translate(DRAMA_AR, drama_t, "ar")
    ar[14] = (ar[14][0], ar[14][1], DRAMA_EN[14])                   # X001 cue 15
    ar[7] = (ar[7][0], ar[7][1], ar[7][2].replace("١٩٦٢", "١٩٢٦"))  # X002 cue 8
    ar[2] = (ar[2][0] + 1300, ar[2][1] + 1300, ar[2][2])            # X004 cue 3
    del ar[16]                                                      # X003 source cue 17
    write(HERE / "defects" / "drama.ar.srt", ar)

    write(HERE / "defects" / "interview.zh-Hans.vtt", interview_src)
    kk = translate(INTERVIEW_KK, interview_t, "kk")
    kk[5] = (kk[5][0], kk[5][1], INTERVIEW_ZH[5])                   # X001 cue 6
    kk[9] = (kk[9][0], kk[9][1], kk[9][2].replace("4", "5"))        # X002 cue 10
    kk[8] = (kk[8][0] + 1400, kk[8][1] + 1400, kk[8][2])            # X004 cue 9
    del kk[11]                                                      # X003 source cue 12
    write(HERE / "defects" / "interview.kk.vtt", kk)

    write(HERE / "defects" / "news.en.srt", news_src)
    uz = translate(NEWS_UZ, news_t, "uz")
    uz[8] = (uz[8][0], uz[8][1], NEWS_EN[8])                        # X001 cue 9
    uz[6] = (uz[6][0], uz[6][1], uz[6][2].replace("28", "26"))      # X002 cue 7
    uz[4] = (uz[4][0] - 1200, uz[4][1] - 1200, uz[4][2])            # X004 cue 5
    write(HERE / "defects" / "news.uz.srt", uz)

    # a whole translation shifted by 2.5 s: one track-level X004, nothing else
    write(HERE / "defects" / "shifted.en.srt", drama_src)
    write(HERE / "defects" / "shifted.ru.srt",
          [(s + 2500, e + 2500, t) for s, e, t in translate(DRAMA_RU, drama_t, "ru")])


if __name__ == "__main__":
    build()
