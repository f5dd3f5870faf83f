"""A planted evaluation through the command line: an English source, targets in Russian, Turkish,
Kazakh, Arabic and Chinese (and an English target for a Chinese source), each as a clean file and
as a file with planted deprecated terms (G001) and missing term translations (G002). The correct
renderings are inflected, follow apostrophes, sit in quotation marks and span line breaks.
Precision and recall are computed per rule; run with -s to see them."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from subqa.cli import cli

GLOSSARY = Path(__file__).parent / "data" / "glossary" / "planted.tbx"

EN = [
    ("Welcome to Xinjiang.",),
    ("Our journey starts in Urumqi,",),
    ("then follows the Silk Road", "all the way to Kashgar."),
    ("The Belt and Road Initiative", "changed this border town."),
    ("Everyone in Kashgar knows this bazaar.",),
    ("From Kashgar we drove back to Urumqi.",),
    ("Khorgos is a dry port now.",),
    ("Eurasia begins at this pass.",),
    ("Xinjiang is vast.",),
    ("Silk Road caravans once stopped here.",),
    ("Trade along the Belt and Road", "keeps growing."),
    ("Goodbye, Urumqi!",),
]
ZH = [
    ("欢迎来到新疆。",),
    ("我们的旅程从乌鲁木齐开始，",),
    ("然后沿着丝绸", "之路一直到喀什。"),
    ("“一带一路”倡议", "改变了这座边境小城。"),
    ("喀什的每个人都知道这个巴扎。",),
    ("我们从喀什开车回到乌鲁木齐。",),
    ("霍尔果斯现在是一个陆港。",),
    ("欧亚大陆从这个山口开始。",),
    ("新疆很大。",),
    ("丝绸之路上的商队曾在这里停留。",),
    ("沿着“一带一路”的贸易", "不断增长。"),
    ("再见，乌鲁木齐！",),
]
TARGETS = {
    "ru": [
        ("Добро пожаловать в Синьцзян.",),
        ("Наше путешествие начинается в Урумчи,",),
        ("затем идёт по Шёлковому пути", "до самого Кашгара."),
        ("Инициатива «Пояс и путь»", "изменила этот пограничный город."),
        ("Все в Кашгаре знают этот базар.",),
        ("Из Кашгара мы вернулись в Урумчи.",),
        ("Хоргос теперь сухой порт.",),
        ("Евразия начинается на этом перевале.",),
        ("Синьцзян огромен.",),
        ("Здесь когда-то останавливались караваны Шелкового пути.",),
        ("Торговля в рамках «Пояса и пути»", "продолжает расти."),
        ("До свидания, Урумчи!",),
    ],
    "tr": [
        ("Sincan'a hoş geldiniz.",),
        ("Yolculuğumuz Urumçi’de başlıyor,",),
        ("sonra İpek Yolu'nu izleyerek", "Kaşgar'a kadar gidiyor."),
        ("Kuşak ve Yol Girişimi", "bu sınır kasabasını değiştirdi."),
        ("Kaşgar'da herkes bu çarşıyı bilir.",),
        ("Kaşgar'dan Urumçi'ye geri döndük.",),
        ("Horgos artık bir kuru liman.",),
        ("AVRASYA bu geçitte başlar.",),
        ("Sincan çok geniş.",),
        ("İPEK YOLU kervanları bir zamanlar burada dururdu.",),
        ("“Kuşak ve Yol” boyunca ticaret", "büyümeye devam ediyor."),
        ("Hoşça kal, URUMÇİ!",),
    ],
    "kk": [
        ("Шыңжаңға қош келдіңіз.",),
        ("Саяхатымыз Үрімжіден басталады,",),
        ("содан кейін Жібек жолымен", "Қашқарға дейін барады."),
        ("«Бір белдеу, бір жол» бастамасы", "бұл шекаралық қаланы өзгертті."),
        ("Қашқардағы барлық адам бұл базарды біледі.",),
        ("Қашқардан Үрімжіге қайттық.",),
        ("Қорғас қазір құрғақ порт.",),
        ("Еуразия осы асудан басталады.",),
        ("Шыңжаң өте кең.",),
        ("Жібек жолының керуендері бір кезде осында тоқтаған.",),
        ("«Бір белдеу, бір жол» бойындағы сауда", "өсіп келеді."),
        ("Сау бол, Үрімжі!",),
    ],
    "ar": [
        ("مرحبا بكم في شينجيانغ.",),
        ("تبدأ رحلتنا في أورومتشي،",),
        ("ثم نتبع طريق الحرير", "حتى كاشغر."),
        ("مبادرة الحزام والطريق", "غيرت هذه البلدة الحدودية."),
        ("الجميع بكاشغر يعرفون هذا السوق.",),
        ("من كاشغر عدنا إلى أورومتشي.",),
        ("أصبحت خورغوس ميناء جافا.",),
        ("تبدأ أوراسيا عند هذا الممر.",),
        ("وشينجيانغ واسعة.",),
        ("كانت قوافل طريق الحرير تتوقف هنا.",),
        ("التجارة على طول «الحزام والطريق»", "تستمر في النمو."),
        ("وداعا يا أورومتشي!",),
    ],
    "zh-Hans": ZH,
}
# (target language, cue number) -> (replacement lines, rule, concept)
PLANTS = {
    ("ru", 5): (("Все здесь знают этот базар.",), "G002", "kashgar"),
    ("ru", 7): (("Этот город теперь сухой порт.",), "G002", "khorgos"),
    ("ru", 9): (("Синцзян огромен.",), "G001", "xinjiang"),
    ("tr", 3): (("sonra eski ticaret yolunu izleyerek", "Kaşgar'a kadar gidiyor."), "G002", "silk-road"),
    ("tr", 9): (("Sinkiang çok geniş.",), "G001", "xinjiang"),
    ("tr", 10): (("Kervanlar bir zamanlar burada dururdu.",), "G002", "silk-road"),
    ("kk", 2): (("Саяхатымыз Урумчиден басталады,",), "G001", "urumqi"),
    ("kk", 6): (("Кашгардан Үрімжіге қайттық.",), "G001", "kashgar"),
    ("kk", 8): (("Бұл асудан басталады.",), "G002", "eurasia"),
    ("ar", 5): (("الجميع هنا يعرفون هذا السوق.",), "G002", "kashgar"),
    ("ar", 9): (("وسينكيانغ واسعة.",), "G001", "xinjiang"),
    ("ar", 12): (("وداعا يا صديقي!",), "G002", "urumqi"),
    ("zh-Hans", 7): (("这里现在是一个陆港。",), "G002", "khorgos"),
    ("zh-Hans", 12): (("再见，迪化！",), "G001", "urumqi"),
    ("en", 4): (("The One Belt, One Road plan", "changed this border town."), "G001", "bri"),
    ("en", 6): (("From Kashgar we drove back to Urumchi.",), "G001", "urumqi"),
    ("en", 9): (("The region is vast.",), "G002", "xinjiang"),
}


def write_srt(path: Path, cues) -> None:
    blocks = []
    for i, lines in enumerate(cues, 1):
        start = i * 4000
        ts = lambda ms: f"00:{ms // 60000:02d}:{ms // 1000 % 60:02d},{ms % 1000:03d}"
        blocks.append(f"{i}\n{ts(start)} --> {ts(start + 3000)}\n" + "\n".join(lines) + "\n")
    path.write_text("\n".join(blocks), encoding="utf-8")


def build(tmp: Path, planted: bool) -> list[tuple[Path, Path]]:
    pairs = []
    write_srt(tmp / "film.en.srt", EN)
    (tmp / "zh").mkdir()
    write_srt(tmp / "zh" / "film.zh-Hans.srt", ZH)
    for lang, cues in list(TARGETS.items()) + [("en", EN)]:
        cues = list(cues)
        if planted:
            for (plang, n), (lines, _, _) in PLANTS.items():
                if plang == lang:
                    cues[n - 1] = lines
        folder = tmp / ("planted" if planted else "clean")
        folder.mkdir(exist_ok=True)
        target = folder / f"film.{lang}.srt"
        write_srt(target, cues)
        source = tmp / "zh" / "film.zh-Hans.srt" if lang == "en" else tmp / "film.en.srt"
        pairs.append((target, source))
    return pairs


def check(target: Path, source: Path) -> list[dict]:
    result = CliRunner().invoke(cli, ["check", str(target), "--source", str(source), "--glossary",
                                      str(GLOSSARY), "--select", "G", "--format", "json",
                                      "--fail-on", "never", "--no-config"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    files = data["files"] if isinstance(data, dict) and "files" in data else data
    out = []
    for f in files:
        out.extend(f["findings"])
    return out


def lang_of(path: Path) -> str:
    return path.name.split(".")[1]


def test_clean_pairs_have_no_g_findings(tmp_path):
    for target, source in build(tmp_path, planted=False):
        assert check(target, source) == [], target.name


def test_planted_precision_and_recall(tmp_path):
    expected = {(lang, n, rule, concept) for (lang, n), (_, rule, concept) in PLANTS.items()}
    got = set()
    for target, source in build(tmp_path, planted=True):
        for f in check(target, source):
            got.add((lang_of(target), f["cue"], f["code"], f["data"]["concept"]))
    lines = []
    for rule in ("G001", "G002"):
        exp = {e for e in expected if e[2] == rule}
        hit = {g for g in got if g[2] == rule}
        tp = len(exp & hit)
        precision = tp / len(hit) if hit else 1.0
        recall = tp / len(exp) if exp else 1.0
        lines.append(f"{rule}: planted {len(exp)}, reported {len(hit)}, precision {precision:.2f}, recall {recall:.2f}")
        assert precision >= 0.9 and recall >= 0.9, (rule, sorted(exp - hit), sorted(hit - exp))
    print("\n" + "\n".join(lines))
    assert not {g for g in got if g[2] not in ("G001", "G002")}
