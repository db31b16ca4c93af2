#!/usr/bin/env python3
"""Write common_words.txt: the words of gazetteer names (landlords.csv) that are also
ordinary English words, i.e. lower-case entries of Debian's British English word list
(package `wbritish`, /usr/share/dict/british-english).

landlord.rs finds a landlord by the distinctive part of its name alone ("Wrekin" for The
Wrekin Housing Group) only when that part is not such a word: "Platform", "Together" or
"Reading" said twice in a form is not a landlord's name. Rerun after landlords.csv grows:
    apt-get install wbritish && python3 crates/chc-match/data/common_words.py
"""
import csv
import re
from pathlib import Path

HERE = Path(__file__).parent
DICTIONARY = Path("/usr/share/dict/british-english")


def main() -> None:
    english = {w.strip() for w in DICTIONARY.read_text(encoding="utf-8").splitlines() if w.strip().islower()}
    words = set()
    with open(HERE / "landlords.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            for spelling in [row["name"], *row["aliases"].split(";")]:
                for word in re.split(r"[^A-Za-z']+", spelling):
                    if word.lower() in english:
                        words.add(word.lower())
    header = "# Words of landlords' names that are ordinary English words: written by common_words.py\n"
    (HERE / "common_words.txt").write_text(header + "".join(w + "\n" for w in sorted(words)), encoding="utf-8")


if __name__ == "__main__":
    main()
