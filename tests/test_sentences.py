"""The essay's sentences: where each one ends, their stable ids, and text that survives the split."""

from hypothesis import given
from hypothesis import strategies as st

from helpers.essay import Paragraph, load_essay, paragraph_sentences, split_sentences

# Every sentence of the essay as a careful reader divides it: (id, its first words, its last words).
SEED_SENTENCES = [
    ("p01.s1", "The shooting down", "in the past two decades."),
    ("p01.s2", "All signs indicate", "any time soon."),
    ("p02.s1", "The Turkish decision", "by surprise."),
    ("p02.s2", "However, the Kremlin’s response", "of Russian foreign policy."),
    ("p03.s1", "Although Moscow’s intervention", "into the equation."),
    ("p04.s1", "To start with the large picture", "engagement in Syria."),
    ("p04.s2", "It appears that", "Syrian government forces."),
    ("p04.s3", "This could have been seen", "a leader’s personal desires."),
    ("p04.s4", "It only confirms", "in the region."),
    ("p05.s1", "Some analysts have pointed out", "for the Assad regime."),
    ("p05.s2", "While these factors have played a role", "involvement in Syria."),
    ("p06.s1", "Russian foreign policy is back", "confronting the United States."),
    ("p07.s1", "During the 1990s", "Slobodan Milosevic in Serbia."),
    ("p07.s2", "It did not stop NATO", "the fate of Kosovo."),
    ("p08.s1", "This inaction was interpreted", "for NATO membership."),
    ("p08.s2", "After all, a great power", "able to do it."),
    ("p09.s1", "The sending of Russian troops", "in the Middle East."),
    ("p09.s2", "It is clear that Moscow", "at any cost."),
    ("p10.s1", "What is at stake", "(srednee zarubezh’e)."),
    ("p10.s2", "That is, the Middle East", "and the Balkans."),
    ("p11.s1", "And, if worse comes to worse", "the Shia Muslims."),
    ("p12.s1", "Such a statelet", "a chaotic sea of jihadism."),
    ("p12.s2", "In other words", "Middle East for good."),
    ("p13.s1", "In this context", "competing visions over Syria."),
    ("p13.s2", "The Turkish government has followed", "to the Syrian conflict."),
    ("p13.s3", "It has opposed", "Syrian armed opposition."),
    ("p14.s1", "In addition, Ankara has used", "and Kurdish rebels."),
    ("p14.s2", "The Kremlin was aware", "bilateral relationship with Turkey."),
    ("p15.s1", "Yet the Turkish action", "game-changing potential."),
    ("p15.s2", "And this is where", "domestic politics comes in."),
    ("p15.s3", "Putin has invested", "military modernisation programme."),
    ("p16.s1", "The bloodless takeover of Crimea", "new military capabilities."),
    ("p16.s2", "However, the downing of the Russian Su-34", "tool of foreign policy."),
    ("p17.s1", "More importantly", "major international player."),
    ("p17.s2", "Therefore, the Kremlin", "tough policy vis-a-vis Ankara."),
    ("p17.s3", "Economic sanctions are", "can come later."),
    ("p17.s4", "For example, Moscow", "military aid to the Kurds."),
    ("p18.s1", "It is hardly a coincidence", "“accomplices of terrorists”."),
    ("p18.s2", "He knows very well", "increasingly Islamophobic character."),
    ("p18.s3", "Turkey has long maintained", "the Crimea Tatars."),
    ("p19.s1", "Putin’s refusal to meet", "Russian-Turkish relations."),
    ("p20.s1", "But it can also mean", "second-rate power such as Turkey."),
    ("p21.s1", "History shows that", "policy towards a neighbour."),
    ("p21.s2", "The coming weeks will show", "Turkish-Russian confrontation."),
]


def test_the_essay_splits_into_its_sentences_exactly():
    sentences = load_essay().sentences
    assert [s.id for s in sentences] == [sid for sid, _, _ in SEED_SENTENCES]
    for sentence, (sid, opening, closing) in zip(sentences, SEED_SENTENCES, strict=True):
        assert sentence.text.startswith(opening) and sentence.text.endswith(closing), sid


def test_each_sentence_sits_at_its_offset_and_the_paragraph_is_rebuilt_exactly():
    essay = load_essay()
    for paragraph in essay.paragraphs:
        sentences = paragraph_sentences(paragraph)
        assert all(paragraph.text[s.start : s.start + len(s.text)] == s.text for s in sentences)
        assert " ".join(s.text for s in sentences) == paragraph.text
    assert essay.sentence("p10.s2").text == "That is, the Middle East and the Balkans."


def test_ids_survive_a_reparse_and_do_not_depend_on_other_paragraphs():
    first = load_essay().sentences
    changed = Paragraph("p01", "A new first paragraph. With two sentences.", "", 1)
    assert [s.id for s in paragraph_sentences(changed)] == ["p01.s1", "p01.s2"]
    assert [s.id for s in load_essay().sentences] == [s.id for s in first]


def test_initials_abbreviations_and_quotes_do_not_end_a_sentence():
    text = "Mr. Lavrov met J. Kerry in the U.S. capital. He said “no”. “It is over.” Then (at last) they left! Did they? Yes."
    assert [p.strip() for p in split_sentences(text)] == [
        "Mr. Lavrov met J. Kerry in the U.S. capital.",
        "He said “no”.",
        "“It is over.”",
        "Then (at last) they left!",
        "Did they?",
        "Yes.",
    ]


_WORDS = st.lists(
    st.one_of(
        st.sampled_from(["Moscow", "Ankara", "U.S.", "Su-34", "vis-a-vis", "“friends”.", "(srednee zarubezh’e).", "end.", "Why?", "1995."]),
        st.text(alphabet="abcXYZ.?!”’)(“ ", min_size=1, max_size=6),
    ),
    min_size=1,
    max_size=40,
)


@given(_WORDS, st.sampled_from([" ", "  ", "\n", " \t"]))
def test_joining_the_sentences_gives_back_the_text(words, gap):
    text = gap.join(words)
    pieces = split_sentences(text)
    assert "".join(pieces) == text
    assert all(piece for piece in pieces)
