"""The course's shared words, in one place: readings, lenses, lanes, weights, verdicts, codes, their labels and colours.

Values, labels and the readings' colours come from `data/datapackage.json`, the schema every
CSV file is checked against, so a label changed there changes every figure, widget and table.
What the data package cannot say (marker symbols, the answers file's own choices) is set here.
Every other module takes these words from here.
"""

from .tables import schema


def _categories(resource, field):
    """The categories of one field of the data package, in order: dicts with a value, a label and maybe a colour."""
    return next(item["categories"] for item in schema(resource)["fields"] if item["name"] == field)


def _labels(resource, field):
    return {c["value"]: c["label"] for c in _categories(resource, field)}


# The two readings, the evidence for both and the context: the events' `reading`, legend labels and colours (Okabe-Ito).
READING_LABELS = _labels("events", "reading")
READINGS = tuple(READING_LABELS)
READING_NAMES = {value: label.split(":")[0] for value, label in READING_LABELS.items()}  # "Realist", "Domestic politics"...
READING_COLOURS = {c["value"]: c["colour"] for c in _categories("events", "reading")}
COLOUR_NAMES = {c["colour"]: c["colour_name"] for c in _categories("events", "reading")}  # for text that names a colour
READING_SYMBOLS = {"realist": "circle", "domestic": "diamond", "both": "star", "context": "circle-open"}  # told apart without colour

# The lenses a claim is read through (the readings' `essay_lens`), and a student's verdict on which reading convinces more.
LENS_LABELS = _labels("readings", "essay_lens")
LENSES = tuple(LENS_LABELS)
VERDICT_LABELS = {**LENS_LABELS, "both": "Both equally"}
LENS_ADJECTIVES = {"realist": "Realist", "domestic": "Domestic-politics", "both": "Combined"}  # "Realist lens", "Combined lens"
TWO_READINGS = ("realist", "domestic")  # the two readings the essay sets against each other
LENS_LEAN = {"realist": -1, "domestic": 1, "both": 0}  # a claim's lens on the evidence scale

# The evidence scale: -2 strongly realist ... 2 strongly domestic politics (the key's `weight`).
WEIGHT_LABELS = {int(c["value"]): c["label"] for c in _categories("evidence_key", "weight")}
WEIGHTS = tuple(WEIGHT_LABELS)
WEIGHT_COLOURS = {int(c["value"]): c["colour"] for c in _categories("evidence_key", "weight")}

CATEGORY_LABELS = _labels("events", "category")  # the timeline's lanes, in order
SOURCE_KINDS = _labels("event_sources", "kind")

# The theory toolbox: the three cases, the two families and how a theory's prediction fared.
CASES = _labels("theory_predictions", "case")
FAMILIES = _labels("theories", "family")
THEORY_VERDICTS = _labels("theory_predictions", "verdict")
VERDICT_SCORES = {"matched": 1.0, "partly": 0.5, "not-matched": 0.0}  # "untested" is left out of a score
VERDICT_MARKS = {  # verdict -> (marker symbol, filled?); open symbols take their colour from the marker
    "matched": ("circle", True),
    "partly": ("circle-dot", False),
    "not-matched": ("x-thin-open", True),
    "untested": ("line-ew-open", True),
}

# Okabe-Ito's colours, which colour-blind readers tell apart, for marks that are not a reading.
PALETTE = {
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermilion": "#D55E00",
    "grey": "#999999",
}

# Greys and tints for what stands for no reading: text, rules, grid lines and highlights.
INK = "#1a1a1a"  # near-black: text, and marks such as a median or a reference line
MUTED = "#595959"  # grey text and thin rules that still read at 7:1 on white
LEADER = "#888888"  # a label's leader line, lighter than the label
AXIS_TEXT = "#2a3f5f"  # plotly_white's font and grid colours, kept without its 8 KB template
GRID = "#EBF0F8"
LABEL_BACKGROUND = "rgba(255,255,255,0.85)"  # behind a label that may cross a mark
HIGHLIGHT = "#FFF3B0"  # the sentence being coded
ALERT = "#a40000"  # a message that the student's work was not saved
CALLOUT_TINT = "rgba(230,159,0,0.08)"  # PALETTE's orange at 8%: behind a fact check or a hindsight note

# The sentence codes: the readings' colours, and two more for the codes that argue for neither reading.
CODE_COLOURS = {**{r: READING_COLOURS[r] for r in LENSES}, "evidence": PALETTE["green"], "framing": PALETTE["grey"]}
UNCODED_COLOUR = "#EEEEEE"

# The answers file's choices (the widgets offer exactly these).
YES_NO = ("yes", "no")
CHOICES = {"lens": LENSES, "predictions_revealed": YES_NO, "compare": YES_NO}  # choice -> allowed values
CLAIM_ID = r"[a-z0-9]+(-[a-z0-9]+)*"  # the `claim` choice: a claim's id, as readings.csv writes ids
SENTENCE_ID = r"p[0-9]{2}\.s[0-9]+"  # a sentence of the essay: p04.s2 is the second sentence of p04
