"""A seeded synthetic class of answers files, for the class view's tests, demonstration and benchmark.

    python tools/synthetic_class.py DEST [--students 300] [--seed 2015] [--layout folder|nbgrader|zip]

Students have styles: careful (close to the instructor's key, moderate forecasts), contrarian
(the other reading), overconfident (extreme weights and forecasts), unfinished (stopped part
way, some before starting).  A few files are corrupted as collected files are (cut short, not a
course file, from a newer course, a bad entry), and a few students hand in twice.  The same
seed gives the same class, byte for byte.
"""

import argparse
import datetime as dt
import json
import random
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from helpers.answers import FORMAT, VERSION  # noqa: E402
from helpers.course import course_coding, course_readings  # noqa: E402

STYLES = (("careful", 0.45), ("contrarian", 0.15), ("overconfident", 0.2), ("unfinished", 0.2))
CORRUPTIONS = ("cut short", "not a course file", "newer course", "bad entry")
FIRST = ("Ada", "Bo", "Chidi", "Dana", "Emre", "Farah", "Goran", "Hana", "Ivo", "Jun", "Kemal", "Lena", "Mira", "Nikos", "Olga", "Pavel")
LAST = ("Aksoy", "Baranova", "Costa", "Demir", "Eriksen", "Fischer", "Garcia", "Haddad", "Ito", "Jansen", "Kaya", "Lebedev", "Moreau")
START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.timezone.utc)
# Sentences a class reads two ways in the synthetic class, with the code it is tempted by.
TEMPTING = {"p03.s1": "realist", "p08.s2": "evidence", "p12.s1": "realist", "p16.s1": "realist", "p19.s1": "both"}
OPPOSITE = {"realist": "domestic", "domestic": "realist", "both": "both", "evidence": "framing", "framing": "evidence"}


def _name(n):
    return f"{FIRST[n % len(FIRST)]} {LAST[(n // len(FIRST)) % len(LAST)]} {n:04d}"


def _clip(value, low, high):
    return max(low, min(high, value))


def student_answers(style, rng):
    """One student's answers in a style (see the module)."""
    claims, predictions, key = course_readings()
    codebook, coding_key = course_coding()
    codes = list(codebook)
    flip = -1 if style == "contrarian" else 1
    evidence, forecasts, verdicts, coding = {}, {}, {}, {}
    for event_id, weight in key.items():
        noisy = weight.weight + rng.choice((-1, 0, 0, 0, 1))
        evidence[event_id] = _clip(flip * (2 * (noisy > 0) - 2 * (noisy < 0) if style == "overconfident" else noisy), -2, 2)
    for p in predictions:
        truth = 0.5 if p.happened is None else float(p.happened)
        if style == "overconfident":
            forecasts[p.id] = rng.choice((0.05, 0.95)) if rng.random() < 0.4 else abs(truth - 0.05)
        else:
            lean = truth if style == "careful" else 1 - truth
            forecasts[p.id] = round(_clip(0.5 + (lean - 0.5) * rng.uniform(0.3, 0.8) + rng.gauss(0, 0.1), 0, 1), 2)
    for claim in claims:
        lens = claim.essay_lens if rng.random() < 0.7 else rng.choice(("realist", "domestic", "both"))
        verdicts[claim.id] = OPPOSITE[lens] if style == "contrarian" else lens
    accuracy = {"careful": 0.85, "contrarian": 0.6, "overconfident": 0.7, "unfinished": 0.75}[style]
    for sentence_id, keyed in coding_key.items():
        tempting = TEMPTING.get(sentence_id)  # a sentence that reads two ways: half the class takes the other code
        if tempting and rng.random() < 0.5:
            code = tempting
        else:
            code = keyed.code if rng.random() < accuracy else rng.choice(codes)
        coding[sentence_id] = OPPOSITE[code] if style == "contrarian" and rng.random() < 0.5 else code
    answers = {
        "evidence": evidence,
        "predictions": forecasts,
        "verdicts": verdicts,
        "coding": coding,
        "notes": {},
        "choices": {"lens": "both"},
    }
    if style == "unfinished":
        stop = rng.choice((0.0, 0.2, 0.5, 0.8))
        answers = {section: dict(list(values.items())[: int(len(values) * stop)]) for section, values in answers.items()}
    if rng.random() < 0.1 and answers["verdicts"]:
        answers["notes"][next(iter(answers["verdicts"]))] = "I am <not> sure: the sanctions & the pilot's funeral point both ways."
    return answers


def synthetic_class(students=300, seed=2015):
    """[(file name, student, document or raw text, saved)] for a class; documents are dicts, corrupted files are text."""
    rng = random.Random(seed)
    files = []
    for n in range(students):
        style = rng.choices([s for s, _ in STYLES], [w for _, w in STYLES])[0]
        name = _name(n)
        saved = START + dt.timedelta(minutes=rng.randrange(60 * 24 * 14))
        document = {
            "format": FORMAT,
            "version": VERSION,
            "student": name,
            "saved": saved.isoformat(),
            "answers": student_answers(style, rng),
        }
        files.append((f"student{n:04d}", name, document, saved))
        if rng.random() < 0.02:  # handed in twice: an earlier, less complete save
            older = json.loads(json.dumps(document))
            older["saved"] = (saved - dt.timedelta(days=2)).isoformat()
            older["answers"]["coding"] = dict(list(older["answers"]["coding"].items())[:5])
            files.append((f"student{n:04d}-earlier", name, older, saved - dt.timedelta(days=2)))
    for n, corruption in enumerate(CORRUPTIONS * max(1, students // 100)):
        saved = START + dt.timedelta(days=3, minutes=n)
        document = {
            "format": FORMAT,
            "version": VERSION,
            "student": f"Broken {n:03d}",
            "saved": saved.isoformat(),
            "answers": {"evidence": {}},
        }
        if corruption == "cut short":
            document = json.dumps(document)[:40]
        elif corruption == "not a course file":
            document = {"format": "some-other-course/answers", "version": 1}
        elif corruption == "newer course":
            document["version"] = VERSION + 1
        else:
            document["answers"]["evidence"] = {"su24-shootdown-2015": 7}
        files.append((f"broken{n:03d}", f"Broken {n:03d}", document, saved))
    return files


def _text(document):
    return document if isinstance(document, str) else json.dumps(document, indent=1, ensure_ascii=False, sort_keys=True)


def write_class(dest, students=300, seed=2015, layout="folder"):
    """Write a synthetic class to dest as a plain folder, nbgrader's submitted/ tree, or a zip (dest is then the zip's path)."""
    dest = Path(dest)
    files = synthetic_class(students, seed)
    if layout == "zip":
        dest.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as bundle:
            for stem, _, document, saved in files:
                info = zipfile.ZipInfo(f"{stem}.json", date_time=saved.timetuple()[:6])
                bundle.writestr(info, _text(document), zipfile.ZIP_DEFLATED)
        return dest
    for stem, _, document, _ in files:
        if layout == "nbgrader":
            folder = "a2_two_readings" if not stem.endswith("-earlier") else "a1_timeline"
            path = dest / "submitted" / stem.removesuffix("-earlier") / folder / "workbench_answers.json"
        else:
            path = dest / f"{stem}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_text(document), encoding="utf-8")
    return dest


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dest")
    parser.add_argument("--students", type=int, default=300)
    parser.add_argument("--seed", type=int, default=2015)
    parser.add_argument("--layout", choices=("folder", "nbgrader", "zip"), default="folder")
    arguments = parser.parse_args(argv)
    print(write_class(arguments.dest, arguments.students, arguments.seed, arguments.layout))


if __name__ == "__main__":
    main()
