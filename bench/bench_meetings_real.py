"""How the meeting-notes extractor does on real minutes nobody here wrote (bench/corpora/meetings).

Run: .venv/bin/python bench/bench_meetings_real.py --split tune     (aggregates + per-file misses)
     .venv/bin/python bench/bench_meetings_real.py --split frozen   (aggregates only, run rarely)
Scores people (precision/recall, aliases count), action items found, right owner, stated due
dates, headings or organisations taken for people, the meeting date; then times 15 KB of notes.
Targets on frozen: people P and R >= 0.9, actions found >= 85% with right owner >= 85%, stated
due dates >= 90%, no heading counted as a person, 15 KB analysed in < 300 ms without a model.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from coach.domain.extract import extract
from coach.domain.meeting_model import ME, MeetingAnalysis
from coach.domain.meeting_notes.structure import parse
from coach.domain.names import fold

CORPUS = Path(__file__).resolve().parent / "corpora" / "meetings"
FORM_DATE = date(2026, 11, 24)  # what the page's date field holds when nobody changes it
STOP = set(
    "the a an to of and or for on in at by with from this that it is be will are was we i "
    "our their his her they he she you your me my all any can should would could also".split()
)


@dataclass
class Tally:
    people_tp: int = 0
    people_pred: int = 0
    people_gold: int = 0
    gold_people_found: int = 0
    heading_fp: int = 0
    actions_gold: int = 0
    actions_found: int = 0
    actions_pred: int = 0
    owner_right: int = 0
    due_gold: int = 0
    due_right: int = 0
    due_invented: int = 0
    dates_stated: int = 0
    dates_right: int = 0
    files: int = 0
    misses: list[str] = field(default_factory=list)


def keys_of(person: dict) -> set[str]:
    names = [person["name"], *person.get("aliases", [])]
    return {fold(n.strip().lstrip("@")) for n in names if n and n.strip()}


def same(pred: set[str], gold: dict) -> bool:
    """A predicted name (and its aliases) is a gold person: by a name, an alias, or a first or
    last name standing alone."""
    gold_keys = keys_of(gold)
    if pred & gold_keys:
        return True
    gold_parts = {p for k in gold_keys for p in k.split()}
    for key in pred:
        words = key.split()
        if len(words) == 1 and words[0] in gold_parts:
            return True
        if len(words) > 1 and any(len(k.split()) == 1 and k == words[0] for k in gold_keys):
            return True
    return False


def words(text: str) -> set[str]:
    return {w for w in re.findall(r"[^\W_]{3,}", fold(text)) if w not in STOP}


def owner_right(pred: str | None, gold: str | None, people: list[dict]) -> bool:
    if gold is None or pred is None:
        return gold is None and pred is None
    if pred == ME:
        return fold(gold) in {"me", "i"}
    key = {fold(pred.lstrip("@"))}
    person = next((p for p in people if same({fold(gold.lstrip("@"))}, p)), None)
    return same(key, person) if person else bool(key & {fold(gold.lstrip("@"))})


def score(path: Path, tally: Tally, verbose: bool) -> None:
    gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    text = path.read_text(encoding="utf-8")
    result = extract(text, FORM_DATE, [])
    gold_people = gold.get("people", [])
    heading_text = " ".join(u.text for u in parse(text) if u.kind == "heading")
    out: list[str] = []
    _people(result, gold_people, heading_text, tally, out)
    _actions(result, gold, gold_people, tally, out)
    stated = gold.get("meeting_date")
    if stated:
        tally.dates_stated += 1
        if result.meeting_date.isoformat() == stated:
            tally.dates_right += 1
        else:
            out.append(f"  date: got {result.meeting_date} want {stated}")
    tally.files += 1
    if verbose and out:
        tally.misses.append(f"{path.name}\n" + "\n".join(out))


def _people(
    result: MeetingAnalysis, gold: list[dict], headings: str, tally: Tally, out: list[str]
) -> None:
    matched: set[int] = set()
    for person in result.people:
        keys = {fold(person.name)} | {fold(a) for a in person.aliases}
        hit = next((i for i, g in enumerate(gold) if i not in matched and same(keys, g)), None)
        tally.people_pred += 1
        if hit is None:
            in_heading = fold(person.name) in fold(headings)
            tally.heading_fp += in_heading
            out.append(
                f"  person not in gold: {person.name}" + (" (heading)" if in_heading else "")
            )
        else:
            matched.add(hit)
            tally.people_tp += 1
    tally.people_gold += len(gold)
    tally.gold_people_found += len(matched)
    for i, g in enumerate(gold):
        if i not in matched:
            out.append(f"  person missed: {g['name']} {g.get('aliases', [])}")


def _actions(
    result: MeetingAnalysis, gold: dict, people: list[dict], tally: Tally, out: list[str]
) -> None:
    preds = list(result.commitments)
    tally.actions_pred += len(preds)
    used: set[int] = set()
    for action in gold.get("actions", []):
        tally.actions_gold += 1
        want = words(action["what"])
        best, best_score = None, 0.0
        for i, c in enumerate(preds):
            if i in used or not want:
                continue
            got = words(c.what)
            common = len(want & got)
            overlap = common / min(len(want), len(got) or 1) if common >= min(2, len(want)) else 0
            if overlap > best_score:
                best, best_score = i, overlap
        stated = action.get("due")
        tally.due_gold += bool(stated)
        if best is None or best_score < 0.5:
            out.append(f"  action missed: [{action.get('owner')}] {action['what'][:90]}")
            continue
        used.add(best)
        c = preds[best]
        tally.actions_found += 1
        if owner_right(c.who, action.get("owner"), people):
            tally.owner_right += 1
        else:
            out.append(f"  owner: got {c.who} want {action.get('owner')}: {action['what'][:70]}")
        got_due = c.due.isoformat() if c.due else None
        if stated and got_due == stated:
            tally.due_right += 1
        elif stated:
            out.append(
                f"  due: got {got_due} ({c.due_text}) want {stated} ({action.get('due_text')})"
            )
        elif got_due:
            tally.due_invented += 1
            out.append(f"  due invented: {got_due} ({c.due_text}): {action['what'][:60]}")
    for i, c in enumerate(preds):
        if i not in used:
            out.append(f"  extra action: [{c.who}] {c.what[:90]}")


def timing(paths: list[Path]) -> tuple[float, float, int]:
    """(first call ms, median warm ms, bytes) for about 15 KB of the notes in one paste."""
    text = ""
    for path in paths:
        text += path.read_text(encoding="utf-8") + "\n\n"
        if len(text.encode()) >= 15_000:
            break
    text = text.encode()[:15_000].decode("utf-8", "ignore")
    start = time.perf_counter()
    extract(text, FORM_DATE, [])
    first = (time.perf_counter() - start) * 1000
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        extract(text, FORM_DATE, [])
        runs.append((time.perf_counter() - start) * 1000)
    return first, statistics.median(runs), len(text.encode())


def ratio(a: int, b: int) -> str:
    return f"{a / b:.2f} ({a}/{b})" if b else "n/a"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["tune", "frozen"], default="tune")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    folder = args.corpus / args.split
    paths = sorted(folder.glob("*.md"))
    if not paths:
        sys.exit(f"No notes in {folder}")
    tally = Tally()
    for path in paths:
        score(path, tally, verbose=args.split == "tune")
    if args.split == "tune":
        print("\n".join(tally.misses), end="\n\n")
    first, warm, size = timing(paths)
    print(f"| {args.split}: {tally.files} notes | figure |\n| --- | --- |")
    print(f"| people precision | {ratio(tally.people_tp, tally.people_pred)} |")
    print(f"| people recall | {ratio(tally.gold_people_found, tally.people_gold)} |")
    print(f"| headings taken for people | {tally.heading_fp} |")
    print(f"| action items found | {ratio(tally.actions_found, tally.actions_gold)} |")
    print(f"| right owner (of found) | {ratio(tally.owner_right, tally.actions_found)} |")
    print(f"| action precision | {ratio(tally.actions_found, tally.actions_pred)} |")
    print(f"| stated due dates right | {ratio(tally.due_right, tally.due_gold)} |")
    print(f"| due dates with no words behind them | {tally.due_invented} |")
    print(f"| meeting date from the notes | {ratio(tally.dates_right, tally.dates_stated)} |")
    print(
        f"| {size / 1000:.1f} KB analysed, no model | {warm:.0f} ms (first call {first:.0f} ms) |"
    )


if __name__ == "__main__":
    main()
