"""The two-readings workbench: ipywidgets that put the readings side by side.

Builders return widgets.  Each widget keeps its current figure in `.figure` and
says what it shows in `.summary()`, so tests and notebooks can check a callback's
result as text.  Figures are plain `go.Figure`s placed in an `Output` widget's
`outputs` (no FigureWidget, no widget state in saved notebooks), and every piece
of HTML shown is built by `render`, which escapes the text.
"""

import json
import sys
from contextlib import contextmanager

import ipywidgets as w
import plotly.graph_objects as go
import plotly.io as pio

from . import render
from .course import course_theories
from .dates import event_written
from .errors import CourseDataError, Location
from .readings import balance, brier_score, essay_balance
from .render import save_status
from .theories import theory_names
from .timeline import TEMPLATE, drawn_marks, lens_base, plotted_ids, ring_events, ring_traces, with_hover
from .vocabulary import (
    COLOUR_NAMES,
    LENS_ADJECTIVES,
    LENS_LABELS,
    LENS_LEAN,
    READING_COLOURS,
    READING_NAMES,
    TWO_READINGS,
    VERDICT_LABELS,
    WEIGHT_LABELS,
)

LENS_OPTIONS = tuple((label, lens) for lens, label in LENS_LABELS.items())
VERDICT_OPTIONS = tuple((label, lens) for lens, label in VERDICT_LABELS.items())
SCALE_HINT = "Left end: the event supports the realist reading. Right end: it supports the domestic-politics reading."


def figure_output(fig):
    """An Output widget's contents for a figure: plotly's own JSON, drawn offline by JupyterLab."""
    return spec_output(json.loads(pio.to_json(fig, validate=False)))  # plain JSON types, as the widget protocol needs


def spec_output(spec):
    """`figure_output` for a figure already in plain JSON types (`data` and `layout`), with no plotly validation."""
    bundle = {"application/vnd.plotly.v1+json": spec | {"config": {"responsive": True}}}
    if "google.colab" in sys.modules:  # Colab draws plotly only from HTML
        bundle["text/html"] = pio.to_html(spec, include_plotlyjs="cdn", full_html=False, validate=False)
    return ({"output_type": "display_data", "data": bundle, "metadata": {}},)


class SaveStatus(w.HTML):
    """One line under a widget that says when an answer could not be saved, and what to do; empty otherwise."""

    def __init__(self, store):
        super().__init__()
        self.store = store
        self.show()

    def show(self, problem=None):
        text = problem or (self.store.status if self.store else "")
        self.value = save_status(text).html

    def save(self, section, key, value):
        """Save one answer; True if it was saved, else the line says why."""
        return self.save_all(section, {key: value})

    def save_all(self, section, values):
        """Save several answers of one section in one write; True if they were saved, else the line says why."""
        if not self.store:
            return True
        try:
            saved = self.store.update(section, values)
        except CourseDataError as error:  # refused where it was typed, e.g. a character that cannot be saved
            self.show(f"Not saved: {error.problem}")
            return False
        self.show()
        return saved


_REVERTING = set()  # ids of controls being put back after a failed save


def _revert(control, value):
    """Put a control back to its last saved value, without trying to save that again."""
    _REVERTING.add(id(control))
    try:
        control.value = value
    finally:
        _REVERTING.discard(id(control))


def _saving_allowed(change):
    return id(change["owner"]) not in _REVERTING


def _short(text, limit=70):
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _in_time_order(by_id, ids):
    """The events `ids` of a frame indexed by id, by date and then id, as rows whose Index is the id."""
    return by_id.loc[list(ids)].sort_values(["date", "id"]).itertuples()


# ---------------------------------------------------------------- lens switch


def readings_panel(claim, lens, events, citation, note="", theories=None):
    """HTML: the essay's words above the realist and domestic-politics readings, side by side, each with its theories."""
    theories = course_theories() if theories is None else theories
    by_id = events.set_index("id")
    lean = LENS_LABELS[claim.essay_lens]
    readings = [
        (
            reading,
            f"{LENS_ADJECTIVES[reading]} reading",
            text,
            READING_COLOURS[reading],
            lens not in (reading, "both"),
            [(t.name, "; ".join(r.short() for r in t.references), t.core_claim) for t in _theories_of(theories, claim.theories, reading)],
        )
        for reading, text in zip(TWO_READINGS, (claim.realist, claim.domestic), strict=True)
    ]
    evidence = [(event_written(e), e.title) for e in _in_time_order(by_id, claim.events)]
    return render.readings_panel(claim.quote, claim.paragraph, citation, lean, readings, evidence, note).html


def _theories_of(theories, ids, family):
    """The claim's theories of one family."""
    return [theories[i] for i in ids if theories[i].family == family]


class LensSwitch(w.VBox):
    """Realist / domestic politics / both: recolours and filters the timeline, and shows the two readings of a claim.

    The three lenses' figures are drawn once per claim, each in its own Output, and
    switching lens only shows another one: no figure is rebuilt or redrawn on the click.
    A new claim adds its rings, as plain JSON, to each lens's figure kept as JSON: plotly
    does not validate again what the course built (`.figure` is built only when asked for).
    """

    def __init__(self, events, claims, citation, store=None, theories=None):
        self.events, self.claims, self.citation, self.store = with_hover(events), {c.id: c for c in claims}, citation, store
        self.theories = course_theories() if theories is None else theories
        saved = store.answers["choices"] if store else {}
        self.lens = w.ToggleButtons(options=LENS_OPTIONS, value=saved.get("lens", "both"), description="Lens")
        claim_options = [(_short(f"{c.paragraph}: {c.quote}"), c.id) for c in claims]
        first = saved.get("claim") if saved.get("claim") in self.claims else claims[0].id
        self.claim = w.Dropdown(options=claim_options, value=first, description="Claim", layout=w.Layout(width="95%"))
        self.verdict = w.ToggleButtons(
            options=VERDICT_OPTIONS,
            index=None,
            description="Which reading is more convincing for this claim?",
            tooltips=[f"The {label.lower()} reading is more convincing" for label, _ in VERDICT_OPTIONS[:2]] + ["Both readings equally"],
            style={"description_width": "initial"},
        )
        self.note = w.Textarea(
            placeholder="Your note on this claim (saved as you type)", continuous_update=True, layout=w.Layout(width="95%")
        )
        self.panel = w.HTML()
        self.bases = {lens: lens_base(self.events, lens) for _, lens in LENS_OPTIONS}
        tallest = max(base.layout.height for base in self.bases.values())
        for base in self.bases.values():  # one height, so the page does not jump when the lens changes
            base.layout.height = tallest
        # Each base as JSON once, from a copy, so that its keys come in the order the ringed copies had.
        self.specs = {lens: json.loads(pio.to_json(go.Figure(base), validate=False)) for lens, base in self.bases.items()}
        self.marks = {lens: drawn_marks(base) for lens, base in self.bases.items()}
        self.figures = {}  # the figures on show as go.Figures, built when asked for
        # The three figures share one grid cell; the hidden ones keep their full size, so plotly sizes them right.
        self.plots = {lens: w.Output(layout=w.Layout(grid_area="1 / 1 / 2 / 2")) for lens in self.bases}
        stack = w.GridBox(
            [w.HTML(render.HIDDEN_LENS_STYLE), *self.plots.values()],
            layout=w.Layout(grid_template_columns="minmax(0, 1fr)"),
        )
        self.saving = SaveStatus(store)
        super().__init__([self.lens, self.claim, self.panel, self.verdict, self.note, self.saving, stack])
        self._load_claim_answers(first)
        self.lens.observe(self._lens_changed, "value")
        self.claim.observe(self._claim_changed, "value")
        self.note.observe(self._note_changed, "value")
        self.verdict.observe(self._verdict_changed, "value")
        self._draw()

    @property
    def figure(self):
        """The figure on show (a `go.Figure`, equal to what the Output draws)."""
        lens = self.lens.value
        if lens not in self.figures:
            self.figures[lens] = ring_events(self.bases[lens], self.claims[self.claim.value].events)
        return self.figures[lens]

    def _draw(self):
        """Ring the claim's events in all three lenses' figures, the one on show first."""
        claim = self.claims[self.claim.value]
        self._show_panel()
        self._show_lens()
        self.figures = {}
        for lens in sorted(self.bases, key=lambda lens: lens != self.lens.value):
            rings = [
                trace | {"x": [x.isoformat() for x in trace["x"]], "type": "scatter"}
                for trace in ring_traces(self.marks[lens], claim.events)
            ]
            spec = self.specs[lens]
            self.plots[lens].outputs = spec_output({"data": spec["data"] + rings, "layout": spec["layout"]})

    def _show_lens(self):
        for lens, plot in sorted(self.plots.items(), key=lambda item: item[0] != self.lens.value):  # show, then hide
            plot._dom_classes = () if lens == self.lens.value else ("course-lens-hidden",)

    def _lens_changed(self, change):
        self._show_lens()
        self._show_panel()
        self._save_choices()

    def _load_claim_answers(self, claim_id):
        """Show the student's saved note and verdict on a claim, without saving them again."""
        self._loading = True
        self.note.value = self.store.get("notes", claim_id, "") if self.store else ""
        self.verdict.value = self.store.get("verdicts", claim_id) if self.store else None
        self._loading = False

    def _claim_changed(self, change):
        self._load_claim_answers(change["new"])
        self._draw()
        self._save_choices()

    def _note_changed(self, change):
        if self.store and not self._loading:
            self.saving.save("notes", self.claim.value, change["new"])
        self._show_panel()  # a note changes the panel only, not the figure

    def _verdict_changed(self, change):
        if self.store and not self._loading and change["new"] is not None:
            self.saving.save("verdicts", self.claim.value, change["new"])

    def _show_panel(self):
        claim = self.claims[self.claim.value]
        self.panel.value = readings_panel(claim, self.lens.value, self.events, self.citation, self.note.value, self.theories)

    def _save_choices(self):
        if self.store:
            self.saving.save_all("choices", {"lens": self.lens.value, "claim": self.claim.value})

    def summary(self):
        shown = plotted_ids(self.figure)
        drawn = {(t.name, COLOUR_NAMES[t.marker.color]) for t in self.figure.data if t.customdata is not None}
        ringed = sum(len(t.x) for t in self.figure.data if t.name == "Bears on this claim")
        return (
            f"Lens: {dict((v, k) for k, v in LENS_OPTIONS)[self.lens.value]}; claim: {self.claim.value}; "
            f"{len(shown)} events shown, {', '.join(f'{name} in {colour}' for name, colour in sorted(drawn))}; "
            f"{ringed} ringed as bearing on the claim; theories: {theory_names(self.theories, self.claims[self.claim.value].theories)}"
        )

    def __repr__(self):
        return f"<LensSwitch: {self.summary()}>"


def lens_switch(events, claims, citation, store=None):
    """Build the lens switch (see `LensSwitch`)."""
    return LensSwitch(events, claims, citation, store)


# ---------------------------------------------------------------- weigh the evidence


def balance_figure(rows):
    """Horizontal bars: for each row (e.g. 'You'), how much evidence it counts on each side."""
    fig = go.Figure()
    names = list(rows)
    for reading in TWO_READINGS:
        label, sign = READING_NAMES[reading], LENS_LEAN[reading]
        fig.add_trace(
            go.Bar(
                y=names,
                x=[sign * rows[n][reading] for n in names],
                orientation="h",
                name=label,
                marker_color=READING_COLOURS[reading],
                text=[rows[n][reading] for n in names],
                textposition="auto",
                hovertemplate=render.hover_template("%{y}: %{text} points", label),
            )
        )
    fig.update_layout(
        title="The balance of the evidence",
        barmode="relative",
        template=TEMPLATE,
        xaxis=dict(title="← realist points · domestic-politics points →", zeroline=True, zerolinewidth=2, automargin=True),
        yaxis=dict(title="", autorange="reversed", automargin=False),
        height=190 + 50 * len(names),
        margin=dict(l=120, r=10, t=50, b=40),
        # Below the axis title, whatever the width: beside it, the two collide in a narrow notebook.
        legend=dict(orientation="h", x=0, xanchor="left", y=0, yanchor="bottom", yref="container"),
    )
    if not any(rows[n][reading] for n in names for reading in TWO_READINGS):  # nothing weighed yet: say so, not a blank chart
        hint = render.figure_text("Move a slider above:", "your balance appears here")
        fig.add_annotation(text=hint, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False)
    return fig


class WeighEvidence(w.VBox):
    """For each key event, the student says which reading it supports and how strongly; a chart shows the balance."""

    def __init__(self, events, claims, key, store=None, theories=None):
        self.claims, self.key, self.store = claims, key, store
        self.theories = theories = course_theories() if theories is None else theories
        self.frame = frame = events.set_index("id")
        self.sliders = {}
        rows = []
        for event in _in_time_order(frame, key):
            event_id = event.Index
            saved = store.get("evidence", event_id, 0) if store else 0
            slider = w.SelectionSlider(
                options=[(label, weight) for weight, label in WEIGHT_LABELS.items()],
                value=saved,
                continuous_update=False,
                layout=w.Layout(width="24em", min_width="18em"),
                style={"description_width": "0"},
            )
            bears = theory_names(theories, key[event_id].theories)
            label = w.HTML(
                render.event_label(event_written(event), event.title, bears).html, layout=w.Layout(flex="1 1 16em", min_width="14em")
            )
            slider.observe(self._weighed(event_id), "value")
            self.sliders[event_id] = slider
            rows.append(w.HBox([label, slider], layout=w.Layout(flex_flow="row wrap", align_items="center")))
        hint = w.HTML(render.paragraph(SCALE_HINT).html)
        compared = store.get("choices", "compare", "no") == "yes" if store else False
        self.compare = w.Checkbox(
            value=compared, description="Compare with the essay and the instructor's key", indent=False, layout=w.Layout(width="auto")
        )
        self.compare.observe(self._compared, "value")
        self.plot = w.Output()
        self.rationale = w.HTML()
        self.figure = None
        self.saving = SaveStatus(store)
        super().__init__([hint, *rows, self.compare, self.saving, self.plot, self.rationale])
        self.refresh()

    def _compared(self, change):
        if self.store:
            self.saving.save("choices", "compare", "yes" if change["new"] else "no")
        self.refresh()

    def _weighed(self, event_id):
        def save(change):
            if _saving_allowed(change) and not self.saving.save("evidence", event_id, change["new"]):
                _revert(change["owner"], change["old"])
            self.refresh()

        return save

    def weights(self):
        return {event_id: slider.value for event_id, slider in self.sliders.items()}

    def rows(self):
        rows = {"You": balance(self.weights())}
        if self.compare.value:
            rows["The essay"] = balance(essay_balance(self.claims, list(self.key)))
            rows["Instructor's key"] = balance({e: k.weight for e, k in self.key.items()})
        return rows

    def refresh(self, change=None):
        self.figure = balance_figure(self.rows())
        self.plot.outputs = figure_output(self.figure)
        if self.compare.value:
            items = [
                (self.frame.loc[e, "title"], WEIGHT_LABELS[k.weight].lower(), WEIGHT_LABELS[self.sliders[e].value].lower(), k.rationale)
                for e, k in self.key.items()
            ]
            self.rationale.value = render.key_rationale(items).html
        else:
            self.rationale.value = ""

    def summary(self):
        return "; ".join(f"{name}: realist {r['realist']}, domestic {r['domestic']}" for name, r in self.rows().items())

    def bears_on(self, event_id):
        """The theories whose predictions an event bears on, as its row shows them."""
        return theory_names(self.theories, self.key[event_id].theories)

    def __repr__(self):
        return f"<WeighEvidence: {self.summary()}>"


def weigh_evidence(events, claims, key, store=None):
    """Build the evidence weigher (see `WeighEvidence`)."""
    return WeighEvidence(events, claims, key, store)


# ---------------------------------------------------------------- predictions

BRIER_EXPLAINED = (
    "The Brier score is the average, over the predictions, of (your probability − what happened)², "
    "where what happened counts as 1 if it came true and 0 if not. 0 is a perfect forecaster; "
    "answering 50% to everything scores 0.25; being sure and always wrong scores 1. Lower is better. "
    "A prediction whose outcome the sources leave contested is shown but not scored."
)
OUTCOME_WORDS = {True: "Yes", False: "No", None: "Contested"}


def _share(probability, happened):
    """A prediction's squared error as text, or a dash when its outcome is contested."""
    return "–" if happened is None else f"{(probability - happened) ** 2:.3f}"


def outcome_table(predictions, probabilities):
    """HTML: each prediction, the student's probability, what happened, and its share of the Brier score."""
    rows = [
        (
            p.paragraph,
            p.prediction,
            f"{probabilities[p.id]:.0%}",
            f"{OUTCOME_WORDS[p.happened]}: {p.outcome}",
            _share(probabilities[p.id], p.happened),
        )
        for p in predictions
    ]
    score = brier_score(probabilities, {p.id: p.happened for p in predictions})
    return render.outcome_table(rows, score, BRIER_EXPLAINED).html


class Predictions(w.VBox):
    """Probabilities for the essay's predictions, as if in December 2015; then the outcomes and a Brier score."""

    def __init__(self, predictions, store=None):
        self.predictions, self.store = predictions, store
        self.sliders = {}
        rows = []
        for p in predictions:
            saved = store.get("predictions", p.id, 0.5) if store else 0.5
            slider = w.FloatSlider(
                value=saved,
                min=0,
                max=1,
                step=0.05,
                readout_format=".0%",
                continuous_update=False,
                description="Probability",
                layout=w.Layout(width="30em"),
            )
            slider.observe(self._forecast(p.id), "value")
            self.sliders[p.id] = slider
            rows.append(w.VBox([w.HTML(render.labelled(p.paragraph, p.prediction).html), slider]))
        self.reveal = w.Button(description="Reveal what happened", button_style="info", layout=w.Layout(width="auto"))
        self.reveal.on_click(lambda _: self.show_outcomes())
        self.result = w.HTML()
        self.saving = SaveStatus(store)
        super().__init__(rows + [self.reveal, self.saving, self.result])
        if store and store.get("choices", "predictions_revealed") == "yes":
            self.show_outcomes()

    def _forecast(self, prediction_id):
        def save(change):
            if _saving_allowed(change) and not self.saving.save("predictions", prediction_id, round(change["new"], 2)):
                _revert(change["owner"], change["old"])

        return save

    def probabilities(self):
        return {pid: round(s.value, 2) for pid, s in self.sliders.items()}

    def show_outcomes(self):
        """Reveal the outcomes and score the forecasts; the sliders then lock, as the forecast was for Dec 2015."""
        for slider in self.sliders.values():
            slider.disabled = True
        self.reveal.disabled = True
        self.result.value = outcome_table(self.predictions, self.probabilities())
        if self.store:
            self.saving.save("choices", "predictions_revealed", "yes")

    def score(self):
        return brier_score(self.probabilities(), {p.id: p.happened for p in self.predictions})

    def summary(self):
        state = f"revealed, Brier score {self.score():.3f}" if self.reveal.disabled else "not revealed"
        return f"{len(self.sliders)} predictions, {state}"

    def __repr__(self):
        return f"<Predictions: {self.summary()}>"


def predictions_quiz(predictions, store=None):
    """Build the predictions widget (see `Predictions`)."""
    return Predictions(predictions, store)


# ---------------------------------------------------------------- sentence coding

CODING_KEYS_HINT = "Type 1–5 to code, n next, p previous"


def sentence_in_paragraph(paragraph, sentence):
    """HTML: the paragraph with one sentence highlighted, the others dimmed."""
    before = paragraph.text[: sentence.start]
    after = paragraph.text[sentence.start + len(sentence.text) :]
    return render.sentence_in_paragraph(paragraph.id, before, sentence.text, after).html


def agreement_report(coding, key, codebook, notes=None):
    """Kappa and alpha in numbers and words, the confusion table, and the three sentences furthest from the key (Html)."""
    from .coding import agreement_words, cohen_kappa, confusion, krippendorff_alpha, worst_disagreements
    from .render import table

    notes = notes or {}
    expected = {s: k.code for s, k in key.items()}
    kappa, alpha = cohen_kappa(coding, expected), krippendorff_alpha([coding, expected], list(codebook))
    counts = confusion(coding, key, list(codebook))
    short = {code: c.label.split()[0] for code, c in codebook.items()}
    rows = [(f"You: {short[mine]}", *(counts[(mine, theirs)] for theirs in codebook)) for mine in codebook]
    matrix = table(("", *(f"Key: {short[c]}" for c in codebook)), rows, caption="Your codes (rows) against the key's (columns)")
    number = lambda v: "–" if v is None else f"{v:.2f}"  # noqa: E731
    scores = [
        f"Cohen's kappa {number(kappa)}: {agreement_words(kappa)}.",
        f"Krippendorff's alpha {number(alpha)}: {agreement_words(alpha)}.",
    ]
    meaning = (
        "Both measure how far you and the key agree beyond what chance would give: 0 is no better than chance, 1 is "
        "perfect; 0.4 means you often read the same sentence differently, 0.8 is what content analysts ask before they "
        "rely on a coding. Agreement is not being right: the key is one careful reading, and a sentence you both code "
        "the same way may still be miscoded by both."
    )
    worst = [
        (
            f"{s}: you coded {codebook[coding[s]].label.lower()}, the key {codebook[key[s].code].label.lower()}.",
            key[s].rationale,
            notes.get(s, ""),
        )
        for s in worst_disagreements(coding, key)
    ]
    return render.agreement(scores, meaning, matrix, worst)


class CodingBench(w.VBox):
    """Code the essay sentence by sentence: one sentence at a time, in its paragraph, with the codebook's codes.

    Every code and note is saved at once.  The stripe shows your coding; once every sentence
    is coded it shows the instructor's key beside it, with the agreement between the two.
    """

    _holding = False  # True inside `held()`: codes are drawn once, when it ends

    def __init__(self, essay, codebook, key, store=None):
        self.essay, self.codebook, self.key, self.store = essay, codebook, key, store
        self.sentences = list(essay.sentences)
        self.paragraphs = {p.id: p for p in essay.paragraphs}
        saved = store.answers["coding"] if store else {}
        self.codes = {s.id: saved[s.id] for s in self.sentences if s.id in saved}
        self.index = next((n for n, s in enumerate(self.sentences) if s.id not in self.codes), 0)
        self.progress = w.HTML()
        self.paragraph = w.HTML()
        self.buttons = w.ToggleButtons(
            options=[(f"{c.shortcut} {c.label}", c.code) for c in codebook.values()],
            value=None,
            tooltips=[c.definition for c in codebook.values()],
            style={"button_width": "auto"},
        )
        self.keyboard = w.Text(
            placeholder=CODING_KEYS_HINT, description="Keys", continuous_update=True, layout=w.Layout(width="95%", max_width="30em")
        )
        self.previous = w.Button(description="◀ Previous", layout=w.Layout(width="auto"))
        self.next = w.Button(description="Next ▶", layout=w.Layout(width="auto"))
        self.next_uncoded = w.Button(description="Next uncoded", layout=w.Layout(width="auto"))
        self.note = w.Textarea(placeholder="Your note on this sentence (optional, saved as you type)", layout=w.Layout(width="95%"))
        self.saving = SaveStatus(store)
        self.plot = w.Output()
        self.alternative = w.HTML()  # the stripe's text alternative
        self.report = w.HTML()
        navigation = w.HBox([self.previous, self.next, self.next_uncoded])
        super().__init__(
            [
                self.progress,
                self.paragraph,
                self.buttons,
                self.keyboard,
                navigation,
                self.note,
                self.saving,
                self.plot,
                self.alternative,
                self.report,
            ]
        )
        self._moving = False
        self.buttons.observe(self._clicked, "value")
        self.keyboard.observe(self._typed, "value")
        self.note.observe(self._noted, "value")
        self.previous.on_click(lambda _: self.go(self.index - 1))
        self.next.on_click(lambda _: self.go(self.index + 1))
        self.next_uncoded.on_click(lambda _: self.go(self._first_uncoded()))
        self.go(self.index)
        self._draw()

    @property
    def sentence(self):
        return self.sentences[self.index]

    def _first_uncoded(self):
        after = self.sentences[self.index + 1 :] + self.sentences[: self.index + 1]
        return self.sentences.index(next((s for s in after if s.id not in self.codes), self.sentence))

    def go(self, index):
        """Show sentence number `index` (0-based), within the essay's bounds."""
        self.index = max(0, min(index, len(self.sentences) - 1))
        sentence = self.sentence
        self._moving = True
        self.buttons.value = self.codes.get(sentence.id)
        self.note.value = self.store.get("notes", sentence.id, "") if self.store else ""
        self._moving = False
        self.paragraph.value = sentence_in_paragraph(self.paragraphs[sentence.paragraph_id], sentence)
        self._refresh()

    def code(self, code):
        """Give the current sentence a code, save it, and move on to the next sentence."""
        if code not in self.codebook:
            raise CourseDataError(
                Location(self.store.path if self.store else "the answers", key=f"answers.coding.{self.sentence.id}"),
                f"{code!r} is not a code of the codebook ({', '.join(self.codebook)})",
            )
        if not self.saving.save("coding", self.sentence.id, code):
            self.go(self.index)  # the code was not saved: show the sentence as it was
            return
        self.codes[self.sentence.id] = code
        self.go(self.index + 1 if self.index + 1 < len(self.sentences) else self.index)
        if not self._holding:
            self._draw()

    @contextmanager
    def held(self):
        """Code several sentences in a row: the stripe and the agreement are drawn once, at the end."""
        self._holding = True
        try:
            yield self
        finally:
            self._holding = False
            self._draw()

    def _clicked(self, change):
        if not self._moving and change["new"] is not None:
            self.code(change["new"])

    def _typed(self, change):
        typed = change["new"][-1:].lower()
        if not typed:
            return
        self.keyboard.value = ""
        shortcuts = {c.shortcut: c.code for c in self.codebook.values()}
        if typed in shortcuts:
            self.code(shortcuts[typed])
        elif typed == "n":
            self.go(self.index + 1)
        elif typed == "p":
            self.go(self.index - 1)

    def _noted(self, change):
        if self.store and not self._moving:
            self.saving.save("notes", self.sentence.id, change["new"])

    def complete(self):
        return len(self.codes) == len(self.sentences)

    def _refresh(self):
        sentence, paragraph = self.sentence, self.paragraphs[self.sentence.paragraph_id]
        count = sum(1 for s in self.sentences if s.paragraph_id == paragraph.id)
        self.progress.value = render.coding_progress(
            len(self.codes), len(self.sentences), sentence.id, sentence.number, count, paragraph.id
        ).html

    def _draw(self):
        """Redraw the stripe and, once every sentence is coded, the agreement with the key (only when a code changed)."""
        self.figure = self.stripe()
        self.plot.outputs = figure_output(self.figure)
        self.alternative.value = self.text_alternative().html
        notes = {s.id: self.store.get("notes", s.id, "") for s in self.sentences} if self.store else {}
        self.report.value = agreement_report(self.codes, self.key, self.codebook, notes).html if self.complete() else ""

    def _columns(self):
        columns = [("You", self.codes)]
        if self.complete():
            columns.append(("Instructor's key", {s: k.code for s, k in self.key.items()}))
        return columns

    def stripe(self):
        from .coding import essay_stripe

        return essay_stripe(self.sentences, self.codebook, self._columns(), self.essay.turn_sentence_id)

    def text_alternative(self):
        """The stripe as a table: every sentence with its codes (Html)."""
        from .coding import stripe_table

        return stripe_table(self.sentences, self.codebook, self._columns())

    def summary(self):
        state = "key shown" if self.complete() else "key hidden until every sentence is coded"
        return f"{len(self.codes)} of {len(self.sentences)} coded; at {self.sentence.id} ({self.buttons.value or 'not coded'}); {state}"

    def __repr__(self):
        return f"<CodingBench: {self.summary()}>"


def coding_bench(essay, store=None):
    """Build the sentence-coding widget (see `CodingBench`) with the course's codebook and key."""
    from .course import course_coding

    codebook, key = course_coding()
    return CodingBench(essay, codebook, key, store)
