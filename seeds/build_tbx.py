"""Regenerate seeds/glossary.tbx (TBX v3, TBX-Basic) from seeds/glossary.csv, the source of truth.

    python seeds/build_tbx.py          # rewrite glossary.tbx
    python seeds/build_tbx.py --check  # exit 1 if glossary.tbx is out of date

tests/test_glossary_seed.py checks that both files load to the same glossary.
"""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from subqa.glossary import load_glossary, to_tbx  # noqa: E402

TITLE = ("subqa seed glossary: names, places, works and policy terms drawn from Gao and Cao (2026), "
         "'The Upgrade of Xinjiang's Film and Television Cultural Industry and International "
         "Communication Strategies from the Perspective of the Belt and Road Initiative'. "
         "Source of truth: glossary.csv; see README.md.")


def render() -> str:
    return to_tbx(load_glossary([str(HERE / "glossary.csv")]), title=TITLE)


def main(argv: list[str]) -> int:
    text = render()
    target = HERE / "glossary.tbx"
    if "--check" in argv:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current != text:
            print("seeds/glossary.tbx is out of date: run python seeds/build_tbx.py", file=sys.stderr)
            return 1
        return 0
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
