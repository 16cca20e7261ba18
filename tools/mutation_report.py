"""The mutation score of `helpers/`, per module, from the results `mutmut run` left in `mutants/`.

Run by `make mutation` after `mutmut run`. A mutant is a small change to the code (a `<`
made `<=`, a constant changed, a call dropped); the unit tests kill it when one of them
fails. The score is killed / (all - equivalent): a mutant with no test to run, or one that
timed out, counts as not killed. Equivalent mutants (changes no test could see because the
behaviour is the same) are listed with a reason in `tools/equivalent_mutants.csv` and left
out of the count. Survivors are listed so that they can be read with `mutmut show NAME`.
"""

import argparse
import csv
import json
import time
from collections import Counter
from pathlib import Path

from mutmut.stats import status_by_exit_code

ROOT = Path(__file__).resolve().parents[1]
EQUIVALENT = ROOT / "tools" / "equivalent_mutants.csv"
KILLED = ("killed", "caught by type check")


def equivalents(path=EQUIVALENT):
    """{mutant name: reason} for the mutants marked equivalent."""
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["mutant"]: row["reason"] for row in csv.DictReader(handle)}


def results(mutants=ROOT / "mutants"):
    """{mutant name: exit code} from every module's results file (None: not run yet)."""
    found = {}
    for meta in sorted((mutants / "helpers").glob("*.py.meta")):
        for attempt in range(5):  # a running `mutmut run` rewrites these files as results come in
            try:
                found.update(json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"])
                break
            except json.JSONDecodeError:
                if attempt == 4:
                    raise
                time.sleep(0.2)
    return found


def module_of(mutant):
    """'helpers.dates.x_written__mutmut_3' -> 'dates'; 'helpers.x_setup__mutmut_1' -> '__init__'."""
    parts = mutant.split(".")
    return parts[1] if len(parts) > 2 else "__init__"


def scores(found, equivalent):
    """Per module and overall: (killed, counted, score, Counter of outcomes)."""
    table = {}
    for mutant, code in found.items():
        module = module_of(mutant)
        killed, counted, outcomes = table.get(module, (0, 0, Counter()))
        if mutant in equivalent:
            outcomes["equivalent"] += 1
        else:
            counted += 1
            status = status_by_exit_code[code]
            killed += status in KILLED
            outcomes["killed" if status in KILLED else status] += 1
        table[module] = (killed, counted, outcomes)
    total = (sum(k for k, _, _ in table.values()), sum(c for _, c, _ in table.values()), sum((o for *_, o in table.values()), Counter()))
    table["all of helpers/"] = total
    return {m: (k, c, k / c if c else 1.0, o) for m, (k, c, o) in table.items()}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--survivors", action="store_true", help="list every mutant not killed")
    parser.add_argument("--mutants", type=Path, default=ROOT / "mutants", help="the folder `mutmut run` wrote")
    args = parser.parse_args(argv)
    found, equivalent = results(args.mutants), equivalents()
    stale = sorted(set(equivalent) - set(found))
    print("| Module | Killed | Counted | Score | Not killed | Equivalent |")
    print("|---|---:|---:|---:|---|---:|")
    for module, (killed, counted, score, outcomes) in sorted(
        scores(found, equivalent).items(), key=lambda item: item[0] == "all of helpers/"
    ):
        missed = ", ".join(f"{n} {status}" for status, n in sorted(outcomes.items()) if status not in ("killed", "equivalent"))
        name = module if module.startswith("all ") else f"`{module}`"
        print(f"| {name} | {killed} | {counted} | {score:.0%} | {missed or '–'} | {outcomes['equivalent']} |")
    if stale:
        print(f"\n{len(stale)} mutants marked equivalent no longer exist (the code changed): {', '.join(stale)}")
    if args.survivors:
        print("\nNot killed (read one with `mutmut show NAME`):")
        for mutant, code in sorted(found.items()):
            if status_by_exit_code[code] not in KILLED and mutant not in equivalent:
                print(f"  {mutant}: {status_by_exit_code[code]}")


if __name__ == "__main__":
    main()
