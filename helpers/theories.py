"""The theory toolbox: the IR theories behind the two readings, what each predicts, and the works they come from.

Each theory belongs to a family (the realist or the domestic-politics reading), states
its core claim, cites its key works from the verified bibliography, and predicts each
of the essay's three cases: the intervention of September 2015, the response to the
shoot-down, and the reconciliation of 2016.  Two theories whose prediction for a case
is worded the same predict the same thing there, so that case cannot tell them apart.
Errors name the file, the row and the field.
"""

import string
from dataclasses import dataclass

from .errors import CourseDataError, Location
from .render import bold, figure_text, italic, join, reading_list, table, wrap
from .sources import denied_problem
from .tables import data_file, read_table, sibling, split_list
from .vocabulary import CASES, FAMILIES, INK, READING_COLOURS, THEORY_VERDICTS, TWO_READINGS, VERDICT_MARKS, VERDICT_SCORES


@dataclass(frozen=True)
class Reference:
    id: str
    authors: tuple
    year: str
    title: str
    venue: str
    details: str
    doi: str
    url: str
    confirmed_at: str
    confirmed_by: str

    def short(self):
        """'Waltz 1979', 'Larson and Shevchenko 2019', 'Frye et al. 2017'."""
        surnames = [author.split(",")[0] for author in self.authors]
        names = surnames[0] if len(surnames) == 1 else " and ".join(surnames) if len(surnames) == 2 else f"{surnames[0]} et al."
        return f"{names} {self.year}"

    def full(self):
        """The reference as a reading list gives it (plain text)."""
        where = (
            self.venue
            if not self.details
            else f"{self.venue} {self.details}"
            if self.details[0].isdigit()  # volume(issue): pages
            else f"{self.details}: {self.venue}"  # place: publisher
        )
        title = self.title if self.title.endswith(("?", "!", ".")) else f"{self.title}."
        return f"{'; '.join(self.authors)} ({self.year}). {title} {where}."


@dataclass(frozen=True)
class TheoryPrediction:
    theory: str
    case: str
    expects: str
    prediction: str
    verdict: str
    events: tuple
    why: str


@dataclass(frozen=True)
class Theory:
    id: str
    family: str
    name: str
    core_claim: str
    references: tuple  # of Reference
    predictions: dict  # case -> TheoryPrediction

    def score(self):
        """The share of its tested predictions that matched (partly counts half); None if none was tested."""
        scores = [VERDICT_SCORES[p.verdict] for p in self.predictions.values() if p.verdict in VERDICT_SCORES]
        return sum(scores) / len(scores) if scores else None


def load_references(path=None):
    """The verified bibliography: id -> Reference."""
    path = path or data_file("references.csv")
    references = {}
    for number, row in read_table(path, "references"):
        for field in ("url", "confirmed_at"):
            if problem := denied_problem(row[field]):
                raise CourseDataError(Location(path, row=number, id=row["id"], field=field), problem)
        references[row["id"]] = Reference(**{**row, "authors": split_list(row["authors"])})
    return references


def load_theories(path=None, predictions_path=None, references_path=None, event_ids=None):
    """The theories, id -> Theory, each with its references and one prediction per case, every cross-reference checked.

    Every reference in the bibliography must be cited by some theory.  `event_ids`, if
    given, are the events a prediction may rest on.
    """
    predictions_path = predictions_path or sibling(path, "theory_predictions.csv")  # beside a custom file, as for the events
    references_path = references_path or sibling(path, "references.csv")
    path = path or data_file("theories.csv")
    references = load_references(references_path)
    rows = read_table(path, "theories")
    cited = set()
    theories = {}
    for number, row in rows:
        missing = [r for r in split_list(row["references"]) if r not in references]
        if missing:
            raise CourseDataError(Location(path, row=number, id=row["id"], field="references"), f"no such reference: {', '.join(missing)}")
        cited |= set(split_list(row["references"]))
        theories[row["id"]] = row | {"references": tuple(references[r] for r in split_list(row["references"])), "predictions": {}}
    for number, row in read_table(predictions_path, "theory_predictions"):
        if row["theory"] not in theories:
            raise CourseDataError(Location(predictions_path, row=number, field="theory"), f"no such theory: {row['theory']!r}")
        if row["case"] in theories[row["theory"]]["predictions"]:
            raise CourseDataError(
                Location(predictions_path, row=number, field="case"), f"{row['theory']} already has a prediction for {row['case']}"
            )
        events = split_list(row["events"])
        unknown = [e for e in events if event_ids is not None and e not in event_ids]
        if unknown:
            raise CourseDataError(Location(predictions_path, row=number, field="events"), f"no such event: {', '.join(unknown)}")
        theories[row["theory"]]["predictions"][row["case"]] = TheoryPrediction(**{**row, "events": events})
    for _, row in rows:
        absent = [case for case in CASES if case not in theories[row["id"]]["predictions"]]
        if absent:
            raise CourseDataError(
                Location(predictions_path, whole_file=True, field="case"), f"theory {row['id']!r} has no prediction for {', '.join(absent)}"
            )
    uncited = sorted(set(references) - cited)
    if uncited:
        raise CourseDataError(Location(references_path, whole_file=True, field="id"), f"{uncited[0]!r} is cited by no theory")
    return {theory_id: Theory(**fields) for theory_id, fields in theories.items()}


def indistinguishable(theories, case):
    """Groups of theories that predict the same thing for `case`: [(expects, (theory ids...)), ...], largest first."""
    groups = {}
    for theory in theories.values():
        groups.setdefault(theory.predictions[case].expects, []).append(theory.id)
    shared = [(expects, tuple(ids)) for expects, ids in groups.items() if len(ids) > 1]
    return sorted(shared, key=lambda group: (-len(group[1]), group[0]))


def theory_names(theories, ids):
    """'Structural realism, Status seeking' for a list of theory ids."""
    return ", ".join(theories[i].name for i in ids)


def _works(theory):
    return "; ".join(r.short() for r in theory.references)


def toolbox_table(theories):
    """The toolbox as a table: each theory's family, core claim and key works."""
    rows = [(t.name, FAMILIES[t.family], t.core_claim, _works(t)) for t in theories.values()]
    return table(("Theory", "Reading", "Core claim", "Key works"), rows, caption=f"{len(rows)} theories")


def case_table(theories, case, verdicts=True):
    """What each theory predicts for one case and, with `verdicts`, how the prediction fared."""
    rows = [
        (t.name, FAMILIES[t.family], p.expects, p.prediction, *((THEORY_VERDICTS[p.verdict], p.why) if verdicts else ()))
        for t in theories.values()
        for p in [t.predictions[case]]
    ]
    header = ("Theory", "Reading", "Expects", "Prediction", *(("Verdict", "Why") if verdicts else ()))
    return table(header, rows, caption=CASES[case])


def scorecard(theories):
    """Each theory's verdict on the three cases and its score (matched 1, partly 0.5, untested left out)."""
    rows = []
    for t in sorted(theories.values(), key=lambda t: (-(t.score() or 0), t.name)):
        score = t.score()
        verdicts = [THEORY_VERDICTS[t.predictions[case].verdict] for case in CASES]
        rows.append((t.name, FAMILIES[t.family], *verdicts, "–" if score is None else f"{score:.0%}"))
    header = ("Theory", "Reading", *(CASES[case] for case in CASES), "Score")
    return table(header, rows, caption="How each theory's predictions fared (the course's verdicts, to be argued with)")


def further_reading(reference_ids, title="Further reading"):
    """Two to four works from the verified bibliography, linked."""
    references = load_references()
    return reading_list(title, [(references[i].full(), references[i].url) for i in reference_ids])


def _verdict_lines(verdict, why):
    """The verdict, in italics, and its reason, wrapped together so that the first line is no longer than the rest."""
    first, *rest = wrap(f"{verdict}: {why}")
    return [join([italic(f"{verdict}:"), first.removeprefix(f"{verdict}:")]), *rest]


def theory_grid(theories, cases=None):
    """A figure: each theory's prediction for each case (all three unless `cases`), marked by its verdict; shared predictions carry the same letter."""
    import plotly.graph_objects as go

    from .timeline import TEMPLATE

    ordered = sorted(theories.values(), key=lambda t: (t.family != "realist", list(theories).index(t.id)))
    names = [figure_text(*wrap(t.name, 24)) for t in ordered]
    cases = list(cases or CASES)
    columns = [figure_text(*wrap(CASES[case], 16)) for case in cases]
    letters = {}
    for case in cases:
        for n, (expects, _) in enumerate(indistinguishable(theories, case)):
            letters[(case, expects)] = string.ascii_uppercase[n]
    fig = go.Figure()
    for verdict, (symbol, filled) in VERDICT_MARKS.items():
        for family in TWO_READINGS:
            points = [(t, case) for t in ordered for case in cases if t.family == family and t.predictions[case].verdict == verdict]
            if not points:
                continue
            colour = READING_COLOURS[family]
            fig.add_trace(
                go.Scatter(
                    x=[columns[cases.index(case)] for _, case in points],
                    y=[names[ordered.index(t)] for t, _ in points],
                    mode="markers+text",
                    text=[letters.get((case, t.predictions[case].expects), "") for t, case in points],
                    textposition="middle right",
                    textfont=dict(size=13, color=INK),
                    marker=dict(symbol=symbol, size=16, color=colour if filled else "white", line=dict(color=colour, width=2)),
                    name=THEORY_VERDICTS[verdict],
                    showlegend=False,
                    hovertext=[
                        figure_text(
                            bold(t.name),
                            CASES[case],
                            *wrap(f"Expects: {p.expects}"),
                            *wrap(p.prediction),
                            *_verdict_lines(THEORY_VERDICTS[p.verdict], p.why),
                        )
                        for t, case in points
                        for p in [t.predictions[case]]
                    ],
                    customdata=[f"{t.id}:{case}" for t, case in points],  # which prediction a point is
                    hoverinfo="text",
                    hoverlabel=dict(bordercolor=colour),
                    cliponaxis=False,
                )
            )
    shown = {t.predictions[case].verdict for t in ordered for case in cases}
    for verdict, (symbol, filled) in VERDICT_MARKS.items():  # the legend in one neutral colour: colour means the reading
        if verdict not in shown:
            continue
        grey = READING_COLOURS["context"]
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=THEORY_VERDICTS[verdict],
                marker=dict(symbol=symbol, size=14, color=grey if filled else "white", line=dict(color=grey, width=2)),
            )
        )
    fig.update_layout(
        title=dict(
            text="What each theory predicted, and how it fared",
            x=0.01,
            y=0.98,
            yanchor="top",
            subtitle=dict(
                text=figure_text(
                    "Blue: realist theories. Vermilion: domestic-politics theories.", "The same letter in a column: the same prediction."
                )
            ),
        ),
        template=TEMPLATE,
        height=230 + 38 * len(names),
        margin=dict(l=10, r=30, t=150, b=40),
        xaxis=dict(title="", side="top", tickangle=0, categoryorder="array", categoryarray=columns, fixedrange=True),
        yaxis=dict(title="", categoryorder="array", categoryarray=names[::-1], automargin=True, fixedrange=True),
        legend=dict(title="Verdict", orientation="h", x=0, y=-0.02, yanchor="top"),
    )
    return fig
