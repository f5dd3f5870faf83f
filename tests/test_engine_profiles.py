import pytest

from subqa import langtags
from subqa.engine import Selection
from subqa.model import UsageError
from subqa.profiles import builtin_profiles, load_profile
from subqa.rules import all_rules, rule_by_key
from trackkit import codes, cue, track


def test_catalog_codes_and_names_are_unique_and_well_formed():
    rules = all_rules()
    assert len({r.code for r in rules}) == len(rules)
    for r in rules:
        assert r.code[0].isalpha() and r.code[1:].isdigit() and len(r.code) == 4
        assert r.name == r.name.lower() and " " not in r.name
        assert r.summary and r.explain()
    for code in ["P001", "P002", "T001", "T002", "T003", "T004", "T005", "T006",
                 "R001", "R002", "R003", "R004", "F001", "F002", "F003", "F004"]:
        assert rule_by_key(code) is not None, code
    assert rule_by_key("cue-too-short").code == "T003"


def test_every_rule_parameter_exists_in_the_default_profile():
    prof = load_profile("netflix")
    for r in all_rules():
        for key in r.params:
            assert prof.has(key), (r.code, key)


def test_selection_by_prefix_name_and_ignore():
    t = track(cue(1, 0, 500, "x" * 50), cue(2, 400, 1000, "Two."))
    assert set(codes(t)) >= {"T001", "T003", "R001"}
    assert set(codes(t, select=["T"])) == {"T001", "T003"}
    assert codes(t, select=["line-too-long"]) == ["R001"]
    sel = Selection(select=("T",), ignore=("T003",))
    assert [r.code for r in all_rules() if sel.enabled(r) and r.code.startswith("T")] == [
        "T001", "T002", "T004", "T005", "T006"]
    with pytest.raises(UsageError):
        Selection(select=("Z9",)).validate()


def test_profile_inheritance_and_language_fallback():
    kids = load_profile("netflix-children")
    assert kids.param("max_duration_ms") == 7000               # inherited
    assert kids.param("chars_per_second", "en") == 17
    assert kids.param("chars_per_second", "zh-Hans-CN") == 7   # zh-Hans-CN -> zh-Hans
    assert kids.param("chars_per_line", "zh-Hant") == 16       # inherited per-language value
    assert load_profile("netflix").param("chars_per_second", "kk") == 17   # any other language
    assert load_profile("bbc").param("chars_per_line", "en") == 37
    assert set(builtin_profiles()) >= {"netflix", "netflix-children", "netflix-sdh", "bbc"}


def test_profile_file_severity_override_and_errors(tmp_path):
    custom = tmp_path / "house.toml"
    custom.write_text('[profile]\nextends = "netflix"\n[params]\nmax_lines = 3\n'
                      '[severity]\nR002 = "error"\nF002 = "off"\n', encoding="utf-8")
    prof = load_profile(str(custom))
    assert prof.param("max_lines") == 3
    t = track(cue(1, 0, 3000, " a", "b", "c", "d"))
    found = codes(t, select=["R002", "F002"], profile=str(custom))
    assert found == ["R002"]
    bad = tmp_path / "bad.toml"
    bad.write_text("[colours]\nx = 1\n", encoding="utf-8")
    with pytest.raises(UsageError, match="colours"):
        load_profile(str(bad))
    with pytest.raises(UsageError, match="unknown profile"):
        load_profile("nope")
    loop = tmp_path / "loop.toml"
    loop.write_text('[profile]\nextends = "loop.toml"\n', encoding="utf-8")
    with pytest.raises(UsageError, match="loop"):
        load_profile(str(loop))


@pytest.mark.parametrize("name,expected", [
    ("film.ru.srt", "ru"), ("ep1.zh-Hans.vtt", "zh-Hans"), ("ep1.zh_CN.srt", "zh-Hans"),
    ("film.eng.forced.srt", "en"), ("Movie.2012.srt", None), ("ep01.final.srt", None),
    ("film.kk.srt", "kk"), ("ru.srt", "ru"), ("zh-Hans.vtt", "zh-Hans"), ("it.srt", "it"),
    ("film_ru.srt", "ru"), ("film-kk.vtt", "kk"), ("Road_to_Kashgar_uz.srt", "uz"),
    ("film_pt_BR.srt", "pt-BR"), ("film-zh-Hans.vtt", "zh-Hans"), ("film_rus.srt", "ru"),
    ("do_it.srt", None), ("part_no.srt", None), ("the-end.srt", None), ("scene_02.srt", None),
    ("final_cut.srt", None), ("film_xx.srt", None), ("film.srt", None), ("film_ru.v2.srt", None),
    ("no-indexes.srt", None), ("no_captions.vtt", None), ("no-space-cue-times.vtt", None),
    ("Movie.2012_ru.srt", "ru"),
])
def test_language_from_file_name(name, expected):
    assert langtags.from_filename(name) == expected


def test_superseding_rule_removes_the_cascade_on_the_same_cue(monkeypatch):
    from subqa.engine import _drop_superseded
    from subqa.model import Finding, Severity
    from subqa.rules.timing import CueTooShort

    def f(code, cue):
        return Finding(path="x", code=code, name=code, severity=Severity.WARNING, message="m",
                       line=1, cue=cue, start_ms=0, end_ms=1)

    monkeypatch.setattr(CueTooShort, "supersedes", ("R003",))
    kept = _drop_superseded([f("T003", 1), f("R003", 1), f("R003", 2)])
    assert [(x.code, x.cue) for x in kept] == [("T003", 1), ("R003", 2)]


def test_rule_modules_are_found_as_pkgutil_finds_them():
    import pkgutil

    import subqa.rules as rules_pkg

    expected = sorted(m.name for m in pkgutil.iter_modules(rules_pkg.__path__) if m.name != "base")
    assert rules_pkg._module_names() == expected
    modules = {r.__module__.rsplit(".", 1)[1] for r in rules_pkg.all_rules()}
    assert modules == set(expected)
