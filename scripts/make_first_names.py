"""Regenerate coach/data/first_names.txt from Faker's person providers (MIT licence).

Run once by hand where Faker is installed (it is not a dependency of Peer Coach):
    python scripts/make_first_names.py > coach/data/first_names.txt
Names in Latin and Cyrillic letters (and romanised Chinese and Japanese ones) from every
locale; names that are also everyday English words are left out, since they need more than
a capital letter to be a person.
"""

from __future__ import annotations

import importlib
import pkgutil
import re

import faker.providers.lorem.en_US as lorem
import faker.providers.person as person

ATTRS = (
    "first_names",
    "first_names_male",
    "first_names_female",
    "first_names_nonbinary",
    "first_names_unisex",
    "first_romanized_names",
    "first_romanized_names_male",
    "first_romanized_names_female",
)
LETTERS = re.compile(r"[A-Za-zÀ-ɏЀ-ӿ][a-zà-ɏа-ӿ'’]+")
EVERYDAY = {w.lower() for w in lorem.Provider.word_list} | set(
    # months and days, which are also given names somewhere
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday jan feb mar apr jun jul aug "
    "sep sept oct nov dec mon tue wed thu fri sat sun "
    # places, titles and nouns that some locale lists as a name but notes never mean as one
    "council roll safari mac berlin china india asia america washington boston dallas "
    "houston denver phoenix london paris israel lincoln madison karma haskell nim ember judge "
    "bishop royal justice storm champ chip ace bud buddy sterling prince princess duke earl "
    "baron king love river stone".split()
)


def names() -> set[str]:
    out: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        for attr in ATTRS:
            value = next((k.__dict__[attr] for k in provider.__mro__ if attr in k.__dict__), None)
            if not isinstance(value, (list, tuple, dict)):
                continue
            for full in value:
                for part in re.split(r"[\s-]+", full):
                    if LETTERS.fullmatch(part) and part.lower() not in EVERYDAY:
                        out.add(part)
    return out


if __name__ == "__main__":
    print("# First names from Faker's person providers (MIT licence); scripts/make_first_names.py")
    print("\n".join(sorted(names())))
