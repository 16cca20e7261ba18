"""The lesson plans in the README: minutes that add up, materials that exist, every outcome served."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SESSION_MINUTES = 90


def _section(text, heading):
    start = text.index(heading)
    end = text.find("\n## ", start + len(heading))
    return text[start : end if end > 0 else None]


def lesson_plans(readme):
    """{session heading: [(start, end, activity, prompt, outcomes), ...]} and the outcomes defined."""
    section = _section(readme, "## Lesson plans (for instructors)")
    outcomes = dict(re.findall(r"^- \*\*(O\d)\*\* (.+)$", section, re.M))
    plans, heading = {}, None
    for line in section.splitlines():
        if line.startswith("###") and "minutes" in line:
            heading = line.lstrip("# ")
            plans[heading] = []
        elif heading and re.match(r"\| \d+–\d+ \|", line):
            minutes, activity, prompt, served = (cell.strip() for cell in line.strip("|").split(" | "))
            start, end = (int(m) for m in minutes.split("–"))
            plans[heading].append((start, end, activity, prompt, [o.strip() for o in served.split(",")]))
    return plans, outcomes


PLANS, OUTCOMES = lesson_plans((ROOT / "README.md").read_text(encoding="utf-8"))


def test_there_is_a_two_session_and_a_one_session_plan():
    assert len(PLANS) == 3 and any(h.startswith("Session 1") for h in PLANS) and any(h.startswith("Session 2") for h in PLANS)
    assert len(OUTCOMES) >= 4


@pytest.mark.parametrize("heading", PLANS)
def test_each_session_runs_minute_by_minute_from_start_to_end(heading):
    steps = PLANS[heading]
    assert steps[0][0] == 0 and steps[-1][1] == SESSION_MINUTES, heading
    for (_, end, *_), (start, *_) in zip(steps, steps[1:], strict=False):
        assert start == end, f"{heading}: a gap or overlap at minute {end}"
    assert all(start < end for start, end, *_ in steps)


@pytest.mark.parametrize("heading", PLANS)
def test_each_step_has_a_prompt_existing_materials_and_defined_outcomes(heading):
    notebooks = {p.stem for p in (ROOT / "notebooks").glob("*.ipynb")}
    assignments = {p.name for p in (ROOT / "assignments" / "source").iterdir()}
    for start, _, activity, prompt, served in PLANS[heading]:
        assert prompt.startswith('"') and prompt.endswith('"'), f"{heading}, minute {start}: no prompt"
        for name in re.findall(r"`([^`]+)`", activity):
            assert name in notebooks | assignments, f"{heading}, minute {start}: no notebook or assignment {name!r}"
        assert set(served) <= set(OUTCOMES), f"{heading}, minute {start}: outcome not defined"


def test_every_outcome_is_served_by_each_plan():
    two_sessions = {o for h, steps in PLANS.items() if h.startswith("Session") for *_, served in steps for o in served}
    one_session = {o for h, steps in PLANS.items() if not h.startswith("Session") for *_, served in steps for o in served}
    assert two_sessions == set(OUTCOMES) == one_session
