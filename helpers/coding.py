"""Sentence coding: the codebook, the instructor's key, and agreement between coders.

Students code every sentence of the essay with one code from the codebook (a realist
argument, a domestic-politics argument, both, a factual claim used as evidence, or
framing).  Their coding is compared with the instructor's key by Cohen's kappa
(computed here, checked against scikit-learn's in the tests) and Krippendorff's alpha
(the `krippendorff` package), which also
measures a whole class.  Errors name the file, the row and the field.
"""

from dataclasses import dataclass

from .errors import CourseDataError, Location
from .tables import data_file, read_table
from .vocabulary import CODE_COLOURS, INK, MUTED, TWO_READINGS, UNCODED_COLOUR

# How far apart two codes are, for ranking disagreements: opposite readings are furthest.


@dataclass(frozen=True)
class Code:
    code: str
    shortcut: str
    label: str
    definition: str
    code_when: str
    example: str


@dataclass(frozen=True)
class KeyCode:
    sentence_id: str
    code: str
    rationale: str


def load_codebook(path=None):
    """code -> Code, in the codebook's order."""
    path = path or data_file("codebook.csv")
    return {row["code"]: Code(**row) for _, row in read_table(path, "codebook")}


def load_coding_key(path=None, sentence_ids=None, codebook=None):
    """sentence id -> KeyCode: exactly one code from the codebook for every sentence of the essay."""
    path = path or data_file("coding_key.csv")
    if sentence_ids is None:
        from .essay import load_essay

        sentence_ids = [s.id for s in load_essay().sentences]
    codebook = codebook or load_codebook()
    key, rows = {}, read_table(path, "coding_key")
    for number, row in rows:
        if row["sentence_id"] not in sentence_ids:
            raise CourseDataError(
                Location(path, row=number, field="sentence_id"), f"no sentence of the essay has id {row['sentence_id']!r}"
            )
        if row["code"] not in codebook:
            raise CourseDataError(
                Location(path, row=number, field="code"), f"{row['code']!r} is not a code of the codebook ({', '.join(codebook)})"
            )
        key[row["sentence_id"]] = KeyCode(**row)
    missing = [s for s in sentence_ids if s not in key]
    if missing:
        raise CourseDataError(
            Location(path, whole_file=True, field="sentence_id"), f"no code for {', '.join(missing)}; the key codes every sentence"
        )
    return {s: key[s] for s in sentence_ids}


def distance(a, b):
    """How far apart two codes are: 0 the same; 3 opposite readings; 2 an argument against a non-argument; else 1."""
    if a == b:
        return 0
    if {a, b} == set(TWO_READINGS):
        return 3
    if (a in TWO_READINGS) != (b in TWO_READINGS) and "both" not in (a, b):  # a reading against evidence or framing
        return 2
    return 1


def cohen_kappa(first, second):
    """Cohen's kappa between two coders over the sentences both coded: (observed - chance agreement) / (1 - chance).

    Chance agreement is what two coders with these coders' shares of each code would reach
    by luck (Cohen 1960); the tests check it against scikit-learn's implementation.
    """
    shared = [s for s in first if s in second]
    if not shared:
        return None
    a, b = [first[s] for s in shared], [second[s] for s in shared]
    n = len(shared)
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    chance = sum(a.count(code) * b.count(code) for code in set(a) | set(b)) / n**2
    if chance == 1:
        return 1.0  # every sentence the same code from both: perfect agreement, which the formula leaves undefined
    return (observed - chance) / (1 - chance)


def krippendorff_alpha(codings, codes):
    """Krippendorff's alpha (nominal) for any number of coders; a sentence a coder left uncoded is missing data.

    `codings` is a list of {sentence id: code}, one per coder; `codes` the codebook's codes.
    """
    import krippendorff
    import numpy as np

    sentences = sorted({s for coding in codings for s in coding})
    index = {code: n for n, code in enumerate(codes)}
    data = np.full((len(codings), len(sentences)), np.nan)
    for row, coding in enumerate(codings):
        for column, sentence in enumerate(sentences):
            if sentence in coding:
                data[row, column] = index[coding[sentence]]
    pairable = (np.sum(~np.isnan(data), axis=0) >= 2).sum()
    if pairable == 0:
        return None
    values = np.unique(data[~np.isnan(data)])
    if len(values) == 1:
        return 1.0  # one code throughout: no disagreement, and alpha's expected disagreement is zero
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal", value_domain=list(range(len(codes)))))


def confusion(coding, key, codes):
    """{(the student's code, the key's code): count} over the sentences the student coded, every pair present."""
    counts = {(a, b): 0 for a in codes for b in codes}
    for sentence, code in coding.items():
        counts[(code, key[sentence].code)] += 1
    return counts


def worst_disagreements(coding, key, count=3):
    """The sentences where the student's code is furthest from the key's, in essay order among equals."""
    order = list(key)
    differing = [s for s, code in coding.items() if code != key[s].code]
    return sorted(differing, key=lambda s: (-distance(coding[s], key[s].code), order.index(s)))[:count]


def agreement_words(value):
    """What a kappa or alpha means, in words a student understands."""
    if value is None:
        return "not measured yet: code some sentences first"
    if value >= 0.8:
        return "strong agreement: content analysts treat 0.8 and above as a coding others can rely on"
    if value >= 0.667:
        return "moderate agreement: enough for tentative conclusions, not for firm ones"
    if value >= 0.4:
        return "some agreement beyond chance, but the coders often read the same sentence differently"
    if value > 0:
        return "little agreement beyond what chance alone would give"
    return "no agreement beyond chance"


# Okabe-Ito colours: the readings keep the course's blue, vermilion and pink; uncoded is a pale grey.


def essay_stripe(sentences, codebook, columns, turn_sentence=None):
    """The essay as a column of sentence blocks per coder, coloured by code, top to bottom.

    `columns` is [(name, {sentence id: code}), ...]; an uncoded sentence is pale grey.
    `turn_sentence` (an id) is marked with a line: where the essay turns to domestic politics.
    """
    import plotly.graph_objects as go

    from .render import bold, figure_text, join, wrap
    from .timeline import TEMPLATE

    ids = [s.id for s in sentences]
    fig = go.Figure()
    for column, (name, coding) in enumerate(columns):
        for rank, code in enumerate([*codebook, None]):  # the legend keeps this order, the codebook's (shortcuts 1-5)
            rows = [n for n, s in enumerate(sentences) if coding.get(s.id) == code]
            if not rows:
                continue
            label = codebook[code].label if code else "Not coded yet"
            fig.add_trace(
                go.Bar(
                    x=[0.9] * len(rows),
                    y=[ids[n] for n in rows],
                    base=[column - 0.45] * len(rows),
                    orientation="h",
                    width=0.92,
                    marker=dict(color=CODE_COLOURS.get(code, UNCODED_COLOUR), line=dict(color="white", width=1)),
                    name=label,
                    legendgroup=label,
                    legendrank=rank,  # whichever column shows a code first
                    showlegend=column == 0 or not any(t.legendgroup == label for t in fig.data),
                    customdata=[ids[n] for n in rows],
                    hovertext=[figure_text(join([bold(ids[n]), f" · {name}: {label}"]), *wrap(sentences[n].text)) for n in rows],
                    hoverinfo="text",
                    hoverlabel=dict(bordercolor=CODE_COLOURS.get(code, MUTED)),
                )
            )
    firsts = [s.id for s in sentences if s.number == 1]
    paragraph_line = dict(color=MUTED, width=1)  # a rule between paragraphs
    shapes = [
        dict(type="line", xref="paper", x0=0, x1=1, yref="y", y0=ids.index(f) - 0.5, y1=ids.index(f) - 0.5, line=paragraph_line)
        for f in firsts[1:]
    ]
    annotations = []
    if turn_sentence in ids:
        y = ids.index(turn_sentence) - 0.5
        shapes.append(dict(type="line", xref="paper", x0=0, x1=1.02, yref="y", y0=y, y1=y, line=dict(color=INK, width=3, dash="dot")))
        annotations.append(
            dict(
                text=figure_text("The turn to", "domestic", "politics"),
                xref="paper",
                x=1.03,
                xanchor="left",
                yref="y",
                y=y,
                showarrow=False,
                align="left",
                font=dict(size=11),
            )
        )
    fig.update_layout(
        template=TEMPLATE,
        title=dict(text="The essay, sentence by sentence", x=0.01),
        barmode="overlay",
        height=140 + 14 * len(sentences),
        margin=dict(l=60, r=90, t=90, b=30),
        shapes=shapes,
        annotations=annotations,
        xaxis=dict(
            range=[-0.5, len(columns) - 0.5],
            tickvals=list(range(len(columns))),
            ticktext=[figure_text(name) for name, _ in columns],
            side="top",
            fixedrange=True,
            showgrid=False,
        ),
        yaxis=dict(
            categoryorder="array",
            categoryarray=ids,
            autorange="reversed",
            tickvals=firsts,
            ticktext=[s.split(".")[0] for s in firsts],
            fixedrange=True,
            title="Paragraph",
        ),
        legend=dict(orientation="h", x=0, y=-0.01, yanchor="top", traceorder="normal"),
        bargap=0,
    )
    return fig


def stripe_table(sentences, codebook, columns):
    """The stripe's text alternative: each sentence and each coder's code, as a table in a details element."""
    from .render import folded, table

    label = {code: c.label for code, c in codebook.items()}
    rows = [(s.id, s.text, *(label.get(coding.get(s.id), "–") for _, coding in columns)) for s in sentences]
    shown = table(("Sentence", "Text", *(name for name, _ in columns)), rows, caption=f"{len(rows)} sentences")
    summary = "Text alternative: every sentence and its code, as a table"
    return folded(summary, shown)


def codebook_table(codebook):
    """The codebook as a table: each code with its key, definition, rule and example."""
    from .render import table

    rows = [(c.shortcut, c.label, c.definition, c.code_when, c.example) for c in codebook.values()]
    return table(("Key", "Code", "Definition", "Code it when", "Example"), rows, caption=f"The codebook: {len(rows)} codes")
