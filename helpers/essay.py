"""The essay: parse the seed text into headline, sections and body paragraphs.

The seed is the op-ed as copied from the web page: one block of text per line,
with the page furniture (photo captions, pull quotes, "Also read" teasers, the
author's bio and the disclaimer) mixed in.  `parse_essay` separates the
author's argument (body paragraphs, numbered ``p01``, ``p02``, ...) from that
furniture.  Ids count body paragraphs only, so adding or removing a caption
or teaser never renumbers the argument.
"""

import re
import unicodedata
from dataclasses import dataclass
from importlib import resources

from .errors import CourseDataError, Location
from .render import essay_quote, masthead, table
from .tables import read_json

SEED_NAME = "karagiannis-2015-what-putin-is-really-after"
TURN_MARKER = "And this is where domestic politics comes in"
DOMESTIC_PART_TITLE = "Where domestic politics comes in"
COURSE_SECTIONS = (None, "The puzzle of Russian involvement", "Competing visions")

_PHOTO_CREDIT = re.compile(r"\s\[(AP|REUTERS|Reuters|AFP|EPA|Getty Images|Getty|Al Jazeera)\]$")
_BIO = re.compile(r"^([A-Z][\w.'’-]+ ){1,4}is (a|an|the) ")
_DISCLAIMER = "The views expressed in this article are"
_TEASER = "Also read:"
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph: the author's argument."""

    id: str
    text: str
    section: str  # the section title; "" for the untitled opening
    line: int  # 1-based line in the seed


@dataclass(frozen=True)
class Furniture:
    """Page text that is not the argument: caption, pull quote, teaser, bio, disclaimer."""

    kind: str
    text: str
    line: int
    repeats: str = ""  # what it duplicates: a paragraph id, or "line N" for a caption


@dataclass(frozen=True)
class Section:
    """A section as the essay prints it; the opening one has no title."""

    title: str
    paragraph_ids: tuple


@dataclass(frozen=True)
class Part:
    """A stretch of the argument that one notebook walks."""

    slug: str
    title: str
    paragraph_ids: tuple


@dataclass(frozen=True)
class Turn:
    """Where the argument turns to domestic politics."""

    paragraph_id: str
    offset: int  # character offset of the marker sentence in that paragraph
    sentence: str


@dataclass(frozen=True)
class Sentence:
    """One sentence of a body paragraph: `p04.s2` is the second sentence of p04."""

    id: str
    paragraph_id: str
    number: int  # 1-based within the paragraph
    text: str
    start: int  # character offset in the paragraph's text


# A sentence ends at . ! or ?, after any closing quote or bracket, where whitespace and then an
# opening quote, a bracket, a capital or a digit follow.  Not after an initial ("U.") or one of
# the few abbreviations that end in a full stop and are followed by a name.
_SENTENCE_END = re.compile(r"[.!?][”’\"')\]]*(?=\s+[“‘\"'(\[A-Z0-9])")
_NOT_AN_END = re.compile(r"(\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Col|Lt|Sen|Rep|Gov|Jr|Sr|vs|No|e\.g|i\.e))\.$")


def split_sentences(text):
    """The text cut into sentences, each with the whitespace that follows it, so that joining them gives back the text."""
    pieces, start = [], 0
    for end in _SENTENCE_END.finditer(text):
        if _NOT_AN_END.search(text[start : end.end()]):
            continue
        stop = end.end()
        while stop < len(text) and text[stop].isspace():
            stop += 1
        pieces.append(text[start:stop])
        start = stop
    if start < len(text) or not pieces:
        pieces.append(text[start:])
    return pieces


def paragraph_sentences(paragraph):
    """The sentences of one body paragraph, numbered from 1."""
    sentences, offset = [], 0
    for number, piece in enumerate(split_sentences(paragraph.text), start=1):
        sentences.append(Sentence(f"{paragraph.id}.s{number}", paragraph.id, number, piece.rstrip(), offset))
        offset += len(piece)
    return tuple(sentences)


@dataclass(frozen=True)
class Essay:
    headline: str
    standfirst: str
    sections: tuple
    paragraphs: tuple
    furniture: tuple
    turn: Turn
    source: str
    metadata: dict

    def paragraph(self, paragraph_id):
        """The body paragraph with this id, or a CourseDataError naming it."""
        for paragraph in self.paragraphs:
            if paragraph.id == paragraph_id:
                return paragraph
        raise CourseDataError(Location(self.source, whole_file=True), f"no body paragraph has id {paragraph_id!r}")

    @property
    def paragraph_ids(self):
        return tuple(p.id for p in self.paragraphs)

    @property
    def sentences(self):
        """Every sentence of the argument, in order, with ids such as `p04.s2`."""
        return tuple(s for p in self.paragraphs for s in paragraph_sentences(p))

    @property
    def turn_sentence_id(self):
        """The id of the sentence where the argument turns to domestic politics."""
        paragraph = self.paragraph(self.turn.paragraph_id)
        return next(s.id for s in reversed(paragraph_sentences(paragraph)) if s.start <= self.turn.offset)

    def sentence(self, sentence_id):
        """The sentence with this id, or a CourseDataError naming it."""
        for sentence in self.sentences:
            if sentence.id == sentence_id:
                return sentence
        raise CourseDataError(Location(self.source, whole_file=True), f"no sentence of the essay has id {sentence_id!r}")

    @property
    def parts(self):
        """The sections, with the one holding the turn split there into two parts."""
        parts = []
        for section in self.sections:
            ids = section.paragraph_ids
            slug = _slug(section.title) if section.title else "opening"
            title = section.title or "Opening"
            if self.turn and self.turn.paragraph_id in ids:
                cut = ids.index(self.turn.paragraph_id)
                if cut:
                    parts.append(Part(slug, title, ids[:cut]))
                parts.append(Part("domestic-politics", DOMESTIC_PART_TITLE, ids[cut:]))
            else:
                parts.append(Part(slug, title, ids))
        return tuple(parts)

    def part(self, slug):
        """One part by slug: opening, the-puzzle-of-russian-involvement, competing-visions, domestic-politics."""
        for part in self.parts:
            if part.slug == slug:
                return part
        known = ", ".join(p.slug for p in self.parts)
        raise CourseDataError(Location(self.source, whole_file=True), f"no part {slug!r}; the parts are {known}")

    def citation(self):
        """Author, title, outlet and date, for attributing quotations."""
        meta = self.metadata
        date = meta.get("published_display", meta.get("published", ""))
        return f"{meta.get('author', '')}, “{self.headline}”, {meta.get('outlet', '')}, {date}"

    def quote(self, *paragraph_ids):
        """Quote body paragraphs by id, with their ids and the author's attribution."""
        return essay_quote([(pid, self.paragraph(pid).text) for pid in paragraph_ids], self.citation())

    def quote_part(self, slug):
        """Quote every paragraph of one part."""
        return self.quote(*self.part(slug).paragraph_ids)

    def masthead(self):
        """Headline, standfirst and attribution, as the essay's page opens."""
        return masthead(self.headline, self.standfirst, self.citation())

    def furniture_table(self):
        """A table of the page text that is not the argument, and why it was set aside."""
        rows = [(f.line, f.kind, _opening_words(f.text, 10), f.repeats) for f in self.furniture]
        return table(("Line", "Kind", "Text", "Repeats"), rows, caption="Set aside: not body text")

    def outline(self):
        """A table of the parts and their paragraphs, with each paragraph's opening words."""
        rows = []
        for part in self.parts:
            for pid in part.paragraph_ids:
                rows.append((part.title, pid, _opening_words(self.paragraph(pid).text)))
        return table(("Part", "Paragraph", "Opens with"), rows, caption=f"“{self.headline}”: the argument")


def _slug(title):
    """A section title as a part's slug: lower-case ASCII letters and digits, other runs as one dash, none at the ends."""
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def _opening_words(text, count=8):
    words = text.split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


def _normalise(text):
    """Text compared for duplicates: case, punctuation and quote style ignored."""
    text = unicodedata.normalize("NFKC", text).lower()
    return re.sub(r"[^\w]+", " ", text).strip()


def _is_heading(text):
    return len(text) <= 80 and len(text.split()) <= 8 and text[0].isupper() and text[-1].isalnum() and not _PHOTO_CREDIT.search(text)


def _is_link_question(text):
    return text.endswith("?") and len(text) <= 120 and not re.search(r"[.!?]\s", text[:-1])


def parse_essay(text, source="the essay text", metadata=None):
    """Parse the seed text into an `Essay`; raise `CourseDataError` on malformed input."""
    if not isinstance(text, str):
        raise CourseDataError(Location(source, whole_file=True), f"expected text, got {type(text).__name__}")
    blocks = []
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        bad = _FORBIDDEN.search(line)
        if bad:
            raise CourseDataError(Location(source, line=number), f"control character {bad.group()!r}")
        if line.strip():
            blocks.append((number, line.strip()))
    if len(blocks) < 3:
        raise CourseDataError(
            Location(source, line=blocks[-1][0] if blocks else 1),
            "expected a headline, a standfirst and at least one paragraph",
        )
    (_, headline), (_, standfirst) = blocks[0], blocks[1]
    for field, (number, value) in zip(("headline", "standfirst"), blocks[:2], strict=True):
        if _PHOTO_CREDIT.search(value) or value.startswith(_TEASER):
            raise CourseDataError(Location(source, line=number, field=field), "missing")

    paragraphs, furniture, sections = [], [], []
    body_index, caption_index = {}, {}
    current_title, current_ids = "", []
    ended = False
    for position, (number, block) in enumerate(blocks[2:], start=2):
        if ended:
            raise CourseDataError(Location(source, line=number), "text after the disclaimer")
        key = _normalise(block)
        following = blocks[position + 1][1] if position + 1 < len(blocks) else ""
        if _PHOTO_CREDIT.search(block):
            first = caption_index.setdefault(key, number)
            furniture.append(Furniture("caption", block, number, "" if first == number else f"line {first}"))
        elif block.startswith(_TEASER):
            furniture.append(Furniture("teaser", block, number))
        elif block.startswith(_DISCLAIMER):
            furniture.append(Furniture("disclaimer", block, number))
            ended = True
        elif _BIO.match(block) and (not following or following.startswith(_DISCLAIMER)):
            furniture.append(Furniture("bio", block, number))
        elif key in body_index:
            furniture.append(Furniture("pull quote", block, number, body_index[key]))
        elif _is_link_question(block):
            furniture.append(Furniture("link question", block, number))
        elif _is_heading(block):
            if current_ids or current_title:
                if not current_ids:
                    raise CourseDataError(Location(source, line=number), f"section {current_title!r} has no paragraphs")
                sections.append(Section(current_title, tuple(current_ids)))
            if any(s.title == block for s in sections):
                raise CourseDataError(Location(source, line=number), f"section {block!r} appears twice")
            current_title, current_ids = block, []
        else:
            pid = f"p{len(paragraphs) + 1:02d}"
            paragraphs.append(Paragraph(pid, block, current_title, number))
            body_index[key] = pid
            current_ids.append(pid)
    if not current_ids:
        where = f"section {current_title!r}" if current_title else "the essay"
        raise CourseDataError(Location(source, line=blocks[-1][0]), f"{where} has no body paragraphs")
    sections.append(Section(current_title, tuple(current_ids)))

    turn = None
    for paragraph in paragraphs:
        offset = paragraph.text.find(TURN_MARKER)
        if offset >= 0:
            turn = Turn(paragraph.id, offset, TURN_MARKER + ".")
            break
    return Essay(headline, standfirst, tuple(sections), tuple(paragraphs), tuple(furniture), turn, str(source), metadata or {})


def _seed_file(suffix):
    return resources.files("helpers.seeds").joinpath(SEED_NAME + suffix)


def read_metadata():
    """The seed's metadata: title, author, outlet, date, URL and rights note."""
    return read_json(_seed_file(".json"))


def load_essay():
    """The course essay, parsed from `seeds/` and checked against the course's outline."""
    path = _seed_file(".txt")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        line = error.object[: error.start].count(b"\n") + 1
        raise CourseDataError(Location(path, line=line), f"not UTF-8 (byte {error.start})") from None
    metadata = read_metadata()
    essay = parse_essay(text, source=path, metadata=metadata)
    check_course_outline(essay)
    if essay.headline != metadata.get("title"):
        raise CourseDataError(Location(path, line=1, field="headline"), f"{essay.headline!r} differs from the metadata title")
    return essay


def check_course_outline(essay):
    """Raise `CourseDataError` unless the essay has the sections and the turn the notebooks walk."""
    titles = tuple(s.title or None for s in essay.sections)
    if titles != COURSE_SECTIONS:
        raise CourseDataError(Location(essay.source, whole_file=True), f"expected the sections {COURSE_SECTIONS}, found {titles}")
    if essay.turn is None:
        raise CourseDataError(Location(essay.source, whole_file=True), f"the turn, the sentence {TURN_MARKER!r}, is missing")
