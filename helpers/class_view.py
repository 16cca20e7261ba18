"""The instructor's class view: what the whole class thought, from its answers files.

`ClassView(load_class(folder))` aggregates once: the spread of the class's weights per event,
the readings it found more convincing per claim, its forecasts, its sentence coding and its
progress.  Each figure has a table as its text alternative.  Students appear as stable
pseudonyms unless `show_names=True`.  `tools/class_view_report.py` saves it all as one HTML
file with no CDN and no kernel.  The instructor's side only: no student notebook imports it.
"""

import math
import statistics

import plotly.graph_objects as go

from .class_answers import pseudonyms
from .coding import essay_stripe, krippendorff_alpha, stripe_table
from .course import course
from .readings import essay_balance
from .render import bold, bullet_list, details, figure_text, italic, join, table, title_lines, wrap
from .timeline import TEMPLATE
from .vocabulary import INK, LENSES, MUTED, PALETTE, READING_COLOURS, VERDICT_LABELS, WEIGHT_COLOURS, WEIGHT_LABELS, WEIGHTS

ALWAYS_HALF = 0.25  # the Brier score of a forecaster who always says 50%
CALIBRATION_BINS = 5  # forecasts pooled in fifths: 0-20%, 20-40%, ...
LABEL_CHARACTERS = 56  # a row's label fits one line of a figure about 370 px wide (JupyterLab at 800 px)
STATUS = ("not started", "half done or less", "more than half done", "complete")


def _short(text, limit=48):
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def evidence_spread(students, key, balance, titles):
    """One row per event of the key: the class's weights, their spread, the key's and the essay's; most split first.

    `students` is [answers, ...]; the spread is the standard deviation of the weights given
    (population form, 0 when fewer than two students weighed the event).
    """
    rows = []
    for order, event_id in enumerate(key):
        given = [a["evidence"][event_id] for a in students if event_id in a["evidence"]]
        counts = {w: given.count(w) for w in WEIGHTS}
        rows.append(
            {
                "event": event_id,
                "title": titles.get(event_id, event_id),
                "n": len(given),
                "counts": counts,
                "mean": statistics.fmean(given) if given else None,
                "spread": statistics.pstdev(given) if len(given) > 1 else 0.0,
                "key": key[event_id].weight,
                "essay": balance[event_id],
                "order": order,
            }
        )
    return sorted(rows, key=lambda r: (-r["spread"], r["order"]))


def verdicts_by_claim(students, claims):
    """One row per claim: how many students found each reading more convincing, and the essay's own lens."""
    rows = []
    for claim in claims:
        given = [a["verdicts"][claim.id] for a in students if claim.id in a["verdicts"]]
        rows.append(
            {
                "claim": claim.id,
                "paragraph": claim.paragraph,
                "quote": claim.quote,
                "essay": claim.essay_lens,
                "n": len(given),
                "counts": {lens: given.count(lens) for lens in LENSES},
            }
        )
    return rows


def brier_scores(students, predictions):
    """{student: Brier score} over each student's forecasts of settled outcomes; students with none are left out."""
    outcomes = {p.id: p.happened for p in predictions}
    scores = {}
    for name, answers in students.items():
        settled = {k: p for k, p in answers["predictions"].items() if outcomes.get(k) is not None}
        if settled:
            scores[name] = sum((p - float(outcomes[k])) ** 2 for k, p in settled.items()) / len(settled)
    return scores


def calibration(students, predictions, bins=CALIBRATION_BINS):
    """The class's pooled forecasts of settled outcomes in equal bins: [{low, high, n, forecast, observed}]."""
    outcomes = {p.id: p.happened for p in predictions}
    pooled = [[] for _ in range(bins)]
    for answers in students:
        for k, p in answers["predictions"].items():
            if outcomes.get(k) is not None:
                pooled[min(int(p * bins), bins - 1)].append((p, float(outcomes[k])))
    return [
        {
            "low": n / bins,
            "high": (n + 1) / bins,
            "n": len(pairs),
            "forecast": statistics.fmean(p for p, _ in pairs) if pairs else None,
            "observed": statistics.fmean(o for _, o in pairs) if pairs else None,
        }
        for n, pairs in enumerate(pooled)
    ]


def average_forecasts(students, predictions):
    """One row per prediction: the class's mean forecast, its quartiles and what happened (None: contested)."""
    rows = []
    for p in predictions:
        given = sorted(a["predictions"][p.id] for a in students if p.id in a["predictions"])
        quartiles = statistics.quantiles(given, n=4, method="inclusive") if len(given) > 1 else given * 3 or [None] * 3
        rows.append(
            {
                "prediction": p.id,
                "text": p.prediction,
                "paragraph": p.paragraph,
                "quote": p.quote,
                "n": len(given),
                "mean": statistics.fmean(given) if given else None,
                "q1": quartiles[0],
                "q3": quartiles[2],
                "happened": p.happened,
            }
        )
    return rows


def majority_codes(codings, sentence_ids):
    """{sentence: (the most given code, its share, coders)}; ties go to the code first in alphabetical order."""
    result = {}
    for s in sentence_ids:
        given = [c[s] for c in codings if s in c]
        if given:
            counts = {code: given.count(code) for code in sorted(set(given))}
            top = max(counts, key=lambda code: (counts[code], [-ord(ch) for ch in code]))
            result[s] = (top, counts[top] / len(given), len(given))
    return result


def class_agreement(codings, codes):
    """Krippendorff's alpha of the whole class: ("All codes", alpha), then one row per code (that code against the rest)."""
    rows = [("All codes", krippendorff_alpha(codings, codes))]
    for code in codes:
        binary = [{s: c == code for s, c in coding.items()} for coding in codings]
        rows.append((code, krippendorff_alpha(binary, [False, True])))
    return rows


def contested_sentences(codings, key, count=5):
    """The sentences whose majority code has the smallest share of the class, in essay order among equals."""
    majority = majority_codes(codings, list(key))
    ranked = sorted((s for s in majority if majority[s][2] > 1), key=lambda s: (majority[s][1], list(key).index(s)))
    return [(s, majority[s]) for s in ranked[:count]]


def progress(students, totals, roster=()):
    """{student: (status, share done, {part: done})} for every student, and every roster name without a file."""
    rows = {}
    for name, answers in students.items():
        done = {part: min(len(answers[part]), total) for part, total in totals.items()}
        share = sum(done.values()) / sum(totals.values())
        status = STATUS[0] if share == 0 else STATUS[1] if share <= 0.5 else STATUS[3] if share == 1 else STATUS[2]
        rows[name] = (status, share, done)
    for name in roster:
        rows.setdefault(name, (STATUS[0], 0.0, dict.fromkeys(totals, 0)))
    return dict(sorted(rows.items()))


def _alternative(header, rows, caption):
    """A figure's text alternative: its data as a table, folded under a summary line."""
    return details(f"Text alternative: {caption}", table(header, rows, caption=caption))


def _label_rows(fig, labels):
    """Name each row of a figure above its marks, across the full width: readable on a phone, unlike a y-axis margin."""
    names = [
        dict(xref="paper", x=0, xanchor="left", y=row - 0.3, yanchor="bottom", text=figure_text(text), showarrow=False)
        | dict(font=dict(size=12, color=INK))
        for row, text in enumerate(labels)
    ]
    fig.update_layout(annotations=[*fig.layout.annotations, *names])  # at once: plotly checks the list again each time it grows
    fig.update_yaxes(range=[len(labels) - 0.5, -0.9], showticklabels=False, showgrid=False, zeroline=False, fixedrange=True)


def _percent(share):
    return f"{100 * share:.0f}%"


def _figure(title, height, **layout):
    fig = go.Figure()
    fig.update_layout(template=TEMPLATE, title=dict(text=title, x=0.01), height=height, **layout)
    return fig


class ClassView:
    """Everything the class view shows, computed once from a `ClassAnswers` (see `load_class`)."""

    def __init__(self, collected, show_names=False, roster=(), secret=""):
        self.collected = collected
        # Everyone a file names gets a pseudonym, the owners of unreadable files too: their paths name them.
        everyone = list(dict.fromkeys([*collected.students, *roster, *(owner for _, _, owner in collected.skipped)]))
        self.show_names = show_names
        self.names = {s: s for s in everyone} if show_names else pseudonyms(everyone, secret)
        self.answers = {self.names[s]: sub.answers for s, sub in collected.students.items()}
        parts = course()
        self.claims, self.predictions, self.key = parts.readings
        self.codebook, self.coding_key = parts.coding
        self.essay = parts.essay
        events = parts.events
        titles = dict(zip(events["id"], events["title"], strict=True))
        everyone = list(self.answers.values())
        self.evidence = evidence_spread(everyone, self.key, essay_balance(self.claims, list(self.key)), titles)
        self.verdicts = verdicts_by_claim(everyone, self.claims)
        self.briers = brier_scores(self.answers, self.predictions)
        self.calibration = calibration(everyone, self.predictions)
        self.forecasts = average_forecasts(everyone, self.predictions)
        self.codings = [a["coding"] for a in everyone if a["coding"]]
        self.agreement = class_agreement(self.codings, list(self.codebook))
        self.majority = majority_codes(self.codings, list(self.coding_key))
        self.contested = contested_sentences(self.codings, self.coding_key)
        totals = {
            "evidence": len(self.key),
            "predictions": len(self.predictions),
            "verdicts": len(self.claims),
            "coding": len(self.coding_key),
        }
        self.progress = progress(self.answers, totals, [self.names[r] for r in roster])

    # Loading -------------------------------------------------------------------------------
    def loading_report(self):
        """What was read and what was skipped, with reasons: with the files' paths when names are shown, else by pseudonym."""
        collected = self.collected
        lines = collected.report()
        if not self.show_names:  # a path names its student (an nbgrader folder, an LMS folder, a file name): leave paths out
            lines = lines[:1]
            lines += [f"Skipped a file of {self.names[owner]}: {reason}" for _, reason, owner in collected.skipped]
            lines += [f"{self.names[student]} handed in twice: kept the latest save" for student, _, _ in collected.replaced]
            lines += [f"{self.names[s.student]}: left out {'; '.join(s.dropped)}" for s in collected.students.values() if s.dropped]
        return bullet_list(lines[0], lines[1:], empty="Every file could be read.")

    # Evidence ------------------------------------------------------------------------------
    def evidence_figure(self):
        """For each event, most split first: the share of the class at each weight, the key's weight and the essay's lean."""
        rows = self.evidence
        labels, y = [_short(r["title"], LABEL_CHARACTERS) for r in rows], list(range(len(rows)))
        fig = _figure(
            "How the class weighed each event (most split first)",
            130 + 52 * len(rows),
            margin=dict(l=10, r=10, t=90, b=40),
            legend=dict(orientation="h", x=0, y=1.0, yanchor="bottom"),
        )
        for weight in WEIGHTS:
            shares = [r["counts"][weight] / r["n"] if r["n"] else 0 for r in rows]
            fig.add_trace(
                go.Scatter(
                    x=[weight] * len(rows),
                    y=y,
                    mode="markers",
                    name=WEIGHT_LABELS[weight],
                    showlegend=False,
                    marker=dict(
                        size=[5 + 25 * math.sqrt(s) for s in shares],
                        color=WEIGHT_COLOURS[weight],
                        opacity=0.85,
                        line=dict(color="white", width=1),
                    ),
                    hovertext=[
                        figure_text(*title_lines(r["title"]), f"{WEIGHT_LABELS[weight]}: {_percent(s)} ({r['counts'][weight]} of {r['n']})")
                        for r, s in zip(rows, shares, strict=True)
                    ],
                    hoverinfo="text",
                )
            )
        fig.add_trace(
            go.Scatter(
                x=[r["key"] for r in rows],
                y=y,
                mode="markers",
                name="Instructor's key",
                marker=dict(symbol="diamond-open", size=14, color=INK, line=dict(width=2)),
                hovertext=[figure_text(*title_lines(r["title"]), f"Key: {WEIGHT_LABELS[r['key']]}") for r in rows],
                hoverinfo="text",
            )
        )
        fig.add_trace(
            go.Scatter(
                x=[r["essay"] for r in rows],
                y=y,
                mode="markers",
                name="The essay's lean",
                marker=dict(symbol="line-ns-open", size=20, color=INK, line=dict(width=2)),
                hovertext=[figure_text(*title_lines(r["title"]), f"Essay: {WEIGHT_LABELS[r['essay']]}") for r in rows],
                hoverinfo="text",
            )
        )
        fig.update_xaxes(
            tickvals=list(WEIGHTS),
            ticktext=[figure_text(*WEIGHT_LABELS[w].split(" ")) for w in WEIGHTS],
            range=[-2.5, 2.5],
            fixedrange=True,
        )
        _label_rows(fig, labels)
        return fig

    def evidence_table(self):
        """The evidence figure's text alternative."""
        rows = [
            (
                r["title"],
                r["n"],
                *(_percent(r["counts"][w] / r["n"]) if r["n"] else "–" for w in WEIGHTS),
                f"{r['spread']:.2f}",
                WEIGHT_LABELS[r["key"]],
                WEIGHT_LABELS[r["essay"]],
            )
            for r in self.evidence
        ]
        header = ("Event", "Weighed by", *(WEIGHT_LABELS[w] for w in WEIGHTS), "Spread (SD)", "Key", "Essay")
        return _alternative(header, rows, caption="The class's weights per event, most split first")

    # Readings per claim --------------------------------------------------------------------
    def verdicts_figure(self):
        """For each key claim, the share of the class that found each reading more convincing."""
        rows = self.verdicts
        labels = [_short(f"{r['paragraph']} (essay: {r['essay']}): {r['quote']}", LABEL_CHARACTERS) for r in rows]
        fig = _figure(
            "Which reading convinced the class, per claim",
            140 + 44 * len(rows),
            barmode="stack",
            margin=dict(l=10, r=10, t=90, b=40),
            legend=dict(orientation="h", x=0, y=1.0, yanchor="bottom", traceorder="normal"),
        )
        for lens, colour in (
            ("realist", READING_COLOURS["realist"]),
            ("both", READING_COLOURS["both"]),
            ("domestic", READING_COLOURS["domestic"]),
        ):
            shares = [r["counts"][lens] / r["n"] if r["n"] else 0 for r in rows]
            fig.add_trace(
                go.Bar(
                    x=shares,
                    y=list(range(len(rows))),
                    orientation="h",
                    width=0.5,
                    name=VERDICT_LABELS[lens],
                    marker=dict(color=colour),
                    hovertext=[
                        _hover_quote(r, f"{VERDICT_LABELS[lens]}: {_percent(s)} ({r['counts'][lens]} of {r['n']})")
                        for r, s in zip(rows, shares, strict=True)
                    ],
                    hoverinfo="text",
                )
            )
        fig.update_xaxes(range=[0, 1], tickformat=".0%", title="Share of the students who gave a verdict", fixedrange=True)
        _label_rows(fig, labels)
        return fig

    def verdicts_table(self):
        rows = [
            (
                r["paragraph"],
                r["quote"],
                VERDICT_LABELS[r["essay"]],
                r["n"],
                *(_percent(r["counts"][lens] / r["n"]) if r["n"] else "–" for lens in LENSES),
            )
            for r in self.verdicts
        ]
        header = ("Paragraph", "Claim", "The essay's lens", "Verdicts", *(VERDICT_LABELS[lens] for lens in LENSES))
        return _alternative(header, rows, caption="Which reading the class found more convincing, per claim")

    # Forecasts -----------------------------------------------------------------------------
    def brier_figure(self):
        """The distribution of the students' Brier scores, against the always-50% forecaster."""
        scores = list(self.briers.values())
        width = 0.05
        counts = [sum(1 for s in scores if min(int(s / width), 19) == n) for n in range(20)]
        fig = _figure("The class's forecasts: Brier scores (lower is better)", 340, margin=dict(l=60, r=20, t=70, b=60), bargap=0.05)
        fig.add_trace(
            go.Bar(
                x=[(n + 0.5) * width for n in range(20)],
                y=counts,
                width=width * 0.95,
                marker=dict(color=PALETTE["sky blue"]),
                name="Students",
                hovertext=[f"Brier {n * width:.2f}–{(n + 1) * width:.2f}: {c} students" for n, c in enumerate(counts)],
                hoverinfo="text",
            )
        )
        fig.add_vline(x=ALWAYS_HALF, line=dict(color=INK, dash="dash"), annotation_text="Always 50%: 0.25", annotation_position="top right")
        if scores:
            median = statistics.median(scores)
            fig.add_vline(
                x=median,
                line=dict(color=INK),  # not vermilion, which means the domestic-politics reading elsewhere
                annotation_text=f"Class median: {median:.2f}",
                annotation_position="top left",
            )
        fig.update_xaxes(range=[0, 1], title="Brier score (0 = perfect; 1 = always certain and wrong)", fixedrange=True)
        fig.update_yaxes(title="Students", range=[0, 1.2 * max(counts + [1])], fixedrange=True)  # room for the lines' labels
        fig.update_layout(showlegend=False)
        return fig

    def brier_table(self):
        scores = sorted(self.briers.values())
        beat = sum(1 for s in scores if s < ALWAYS_HALF)
        rows = [
            ("Students with a settled forecast", len(scores)),
            ("Median Brier score", f"{statistics.median(scores):.3f}" if scores else "–"),
            ("Better than always saying 50% (below 0.25)", f"{beat} ({_percent(beat / len(scores))})" if scores else "–"),
        ]
        return _alternative(("Measure", "Value"), rows, caption="Brier scores of the class")

    def calibration_figure(self):
        """A reliability diagram of the class's pooled forecasts: how often what they forecast at p% happened."""
        used = [b for b in self.calibration if b["n"]]
        title = figure_text("Calibration: forecast against what happened", italic("dotted: perfect; larger dot: more forecasts"))
        fig = _figure(title, 380, margin=dict(l=60, r=20, t=70, b=60), showlegend=False)
        fig.add_trace(
            go.Scatter(
                x=[0, 1], y=[0, 1], mode="lines", line=dict(color=PALETTE["grey"], dash="dot"), hoverinfo="skip", name="Perfect calibration"
            )
        )
        fig.add_trace(
            go.Scatter(
                x=[b["forecast"] for b in used],
                y=[b["observed"] for b in used],
                mode="lines+markers",
                name="The class",
                marker=dict(size=[8 + 20 * math.sqrt(b["n"] / max(x["n"] for x in used)) for b in used], color=PALETTE["blue"]),
                hovertext=[
                    figure_text(
                        f"{b['n']} forecasts of {_percent(b['low'])}–{_percent(b['high'])}",
                        f"mean forecast {_percent(b['forecast'])}, happened {_percent(b['observed'])}",
                    )
                    for b in used
                ],
                hoverinfo="text",
            )
        )
        fig.update_xaxes(range=[0, 1], tickformat=".0%", title="Forecast probability (pooled in fifths)", fixedrange=True)
        fig.update_yaxes(range=[0, 1], tickformat=".0%", title="How often it happened", fixedrange=True, scaleanchor=None)
        return fig

    def calibration_table(self):
        rows = [
            (
                f"{_percent(b['low'])}–{_percent(b['high'])}",
                b["n"],
                _percent(b["forecast"]) if b["n"] else "–",
                _percent(b["observed"]) if b["n"] else "–",
            )
            for b in self.calibration
        ]
        return _alternative(
            ("Forecasts", "How many", "Mean forecast", "Happened"), rows, caption="Calibration of the class's pooled forecasts"
        )

    def forecasts_figure(self):
        """Per prediction: the class's mean forecast and middle half, against the outcome."""
        rows = self.forecasts
        labels = [_short(f"{r['paragraph']}: {r['quote']}", LABEL_CHARACTERS) for r in rows]
        fig = _figure(
            "The class's forecasts against what happened",
            130 + 56 * len(rows),
            margin=dict(l=10, r=10, t=90, b=60),
            legend=dict(orientation="h", x=0, y=1.0, yanchor="bottom"),
        )
        shown = [r for r in rows if r["mean"] is not None]
        fig.add_trace(
            go.Scatter(
                x=[r["mean"] for r in shown],
                y=[rows.index(r) for r in shown],
                mode="markers",
                name="Class mean (bar: middle half)",
                marker=dict(size=12, color=PALETTE["blue"]),
                error_x=dict(
                    type="data",
                    symmetric=False,
                    array=[r["q3"] - r["mean"] for r in shown],
                    arrayminus=[r["mean"] - r["q1"] for r in shown],
                    color=PALETTE["blue"],
                ),
                hovertext=[
                    figure_text(
                        bold(r["prediction"]),
                        *wrap(r["text"]),
                        f"mean {_percent(r['mean'])} (middle half {_percent(r['q1'])}–{_percent(r['q3'])}), {r['n']} students",
                    )
                    for r in shown
                ],
                hoverinfo="text",
            )
        )
        settled = [r for r in rows if r["happened"] is not None]
        fig.add_trace(
            go.Scatter(
                x=[float(r["happened"]) for r in settled],
                y=[rows.index(r) for r in settled],
                mode="markers",
                name="What happened (0 or 100%)",
                marker=dict(symbol="x-thin-open", size=14, color=PALETTE["vermilion"], line=dict(width=3)),
                hovertext=[
                    figure_text(join([bold(r["prediction"]), f": {'happened' if r['happened'] else 'did not happen'}"])) for r in settled
                ],
                hoverinfo="text",
            )
        )
        for r in rows:
            if r["happened"] is None:
                fig.add_annotation(
                    x=1.0, y=rows.index(r), text="contested", showarrow=False, xanchor="right", font=dict(size=11, color=MUTED)
                )
        fig.update_xaxes(range=[-0.03, 1.03], tickformat=".0%", title="Forecast probability", fixedrange=True)
        _label_rows(fig, labels)
        return fig

    def forecasts_table(self):
        outcome = {True: "happened", False: "did not happen", None: "contested"}
        rows = [
            (
                r["prediction"],
                r["text"],
                r["n"],
                _percent(r["mean"]) if r["n"] else "–",
                f"{_percent(r['q1'])}–{_percent(r['q3'])}" if r["n"] else "–",
                outcome[r["happened"]],
            )
            for r in self.forecasts
        ]
        return _alternative(
            ("Prediction", "Forecast", "Students", "Mean", "Middle half", "Outcome"), rows, caption="The class's forecasts per prediction"
        )

    # Coding --------------------------------------------------------------------------------
    def agreement_table(self):
        """Krippendorff's alpha of the whole class, overall and for each code against the rest."""
        label = {code: c.label for code, c in self.codebook.items()}
        rows = [(label.get(code, code), "–" if alpha is None else f"{alpha:.2f}") for code, alpha in self.agreement]
        return table(
            ("Code", "Krippendorff's alpha"), rows, caption=f"Agreement among the {len(self.codings)} students who coded sentences"
        )

    def stripe_columns(self):
        majority = {s: code for s, (code, _, _) in self.majority.items()}
        return [("Class majority", majority), ("Instructor's key", {s: k.code for s, k in self.coding_key.items()})]

    def coding_figure(self):
        """The essay stripe coloured by the class's majority code, beside the instructor's key."""
        fig = essay_stripe(self.essay.sentences, self.codebook, self.stripe_columns(), self.essay.turn_sentence_id)
        fig.update_layout(title=dict(text="The essay as the class coded it (majority code per sentence)"))
        return fig

    def coding_table(self):
        return stripe_table(self.essay.sentences, self.codebook, self.stripe_columns())

    def contested_table(self):
        """The sentences the class agreed on least, with the key's code and rationale."""
        label = {code: c.label for code, c in self.codebook.items()}
        rows = []
        for s, (_, _, n) in self.contested:
            given = [c[s] for c in self.codings if s in c]
            split = ", ".join(f"{label[c]} {_percent(given.count(c) / n)}" for c in sorted(set(given), key=lambda c: (-given.count(c), c)))
            key = self.coding_key[s]
            rows.append((s, self.essay.sentence(s).text, split, f"{label[key.code]}: {key.rationale}"))
        return table(("Sentence", "Text", "The class's codes", "The key"), rows, caption="The sentences the class agreed on least")

    # Notes --------------------------------------------------------------------------------
    def notes_table(self, limit=40):
        """The students' notes on the key claims, claim by claim (escaped: a note is whatever a student typed)."""
        notes = [
            (c.paragraph, _short(c.quote, 60), name, answers["notes"][c.id])
            for c in self.claims
            for name, answers in self.answers.items()
            if answers["notes"].get(c.id, "").strip()
        ]
        caption = f"{len(notes)} notes on the key claims" + (f"; the first {limit} shown" if len(notes) > limit else "")
        return table(("Paragraph", "Claim", "Student", "Note"), notes[:limit], caption=caption)

    # Progress ------------------------------------------------------------------------------
    def progress_figure(self):
        counts = {status: sum(1 for s, _, _ in self.progress.values() if s == status) for status in STATUS}
        colours = (PALETTE["grey"], PALETTE["orange"], PALETTE["sky blue"], PALETTE["green"])
        fig = _figure("Where the class stands", 260, margin=dict(l=10, r=20, t=60, b=50), showlegend=False)
        fig.add_trace(
            go.Bar(
                x=list(counts.values()),
                y=[f"{s} " for s in STATUS],
                orientation="h",
                marker=dict(color=list(colours)),
                text=list(counts.values()),
                textposition="auto",
                hovertext=[f"{s}: {c} students" for s, c in counts.items()],
                hoverinfo="text",
            )
        )
        fig.update_xaxes(title="Students", fixedrange=True)
        fig.update_yaxes(autorange="reversed", automargin=True, fixedrange=True)
        return fig

    def progress_table(self, statuses=STATUS[:2]):
        """Who has not started and who is half done or less (pseudonyms unless names were asked for)."""
        rows = [
            (name, status, _percent(share), ", ".join(f"{part} {n}" for part, n in done.items()))
            for name, (status, share, done) in self.progress.items()
            if status in statuses
        ]
        return table(("Student", "Status", "Done", "Answers"), rows, caption=f"{len(rows)} students: {' or '.join(statuses)}")


def _hover_quote(row, last_line):
    """A claim's tooltip: its paragraph in bold, the quote wrapped, then `last_line`."""
    quote = wrap(row["quote"])
    return figure_text(join([bold(row["paragraph"]), f": {quote[0]}"]), *quote[1:], last_line)
