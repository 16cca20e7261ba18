"""The course's shared words: the readings' lenses, the evidence weights, and the answers' choices.

One home for values that the widgets offer and the answers file accepts, so that anything
that validates can be displayed.
"""

LENSES = ("realist", "domestic", "both")
WEIGHTS = (-2, -1, 0, 1, 2)  # strongly realist ... strongly domestic politics
YES_NO = ("yes", "no")
CHOICES = {"lens": LENSES, "predictions_revealed": YES_NO, "compare": YES_NO}  # choice -> allowed values
CLAIM_ID = r"[a-z0-9]+(-[a-z0-9]+)*"  # the `claim` choice: a claim's id, as readings.csv writes ids
SENTENCE_ID = r"p[0-9]{2}\.s[0-9]+"  # a sentence of the essay: p04.s2 is the second sentence of p04
