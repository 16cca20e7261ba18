"""The package's boundaries: HTML only in `render`, the shared words only in `vocabulary`, a small student kernel."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import vocabulary

ROOT = Path(__file__).resolve().parents[1]
MODULES = sorted((ROOT / "helpers").glob("*.py"))
TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>")  # <b>, </p>, <div class="x">, <br>


def _source(path):
    return path.read_text(encoding="utf-8")


def test_html_is_written_only_in_the_rendering_module():
    offenders = [
        f"{path.name}:{number}: {line.strip()}"
        for path in MODULES
        if path.name != "render.py"
        for number, line in enumerate(_source(path).splitlines(), 1)
        if TAG.search(line)
    ]
    assert not offenders, offenders


def test_the_shared_words_and_colours_are_written_only_in_the_vocabulary():
    words = {
        *vocabulary.READING_LABELS.values(),
        *vocabulary.READING_NAMES.values(),
        *vocabulary.LENS_LABELS.values(),
        *vocabulary.VERDICT_LABELS.values(),
        *vocabulary.WEIGHT_LABELS.values(),
        *vocabulary.CATEGORY_LABELS.values(),
        *vocabulary.THEORY_VERDICTS.values(),
    }
    colours = {*vocabulary.READING_COLOURS.values(), *vocabulary.WEIGHT_COLOURS.values(), *vocabulary.PALETTE.values()}
    literals = re.compile(r"""(["'])(.*?)\1""")
    colour_literal = re.compile(r"(?<![\w&])#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b|rgba?\(")  # #1a1a1a, #999, rgba(...)
    offenders = [
        f"{path.name}:{number}: {value}"
        for path in MODULES
        if path.name != "vocabulary.py"
        for number, line in enumerate(_source(path).splitlines(), 1)
        for _, value in literals.findall(line)
        if value in words or value.upper() in colours or colour_literal.search(value)
    ]
    assert not offenders, offenders


def test_a_students_kernel_imports_no_maintainers_or_test_tools():
    probe = (
        "import sys, helpers; course = helpers.open_course(); "
        "import helpers.timeline, helpers.widgets, helpers.theories, helpers.coding, helpers.answers, helpers.assignments; "
        "helpers.coding.cohen_kappa({'a': 'x'}, {'a': 'y'}); "
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, cwd="/")
    assert result.returncode == 0, result.stderr
    loaded = set(result.stdout.split())
    assert "helpers" in loaded and "pandas" in loaded  # the probe ran
    maintainers = {"tools", "nbval", "pytest", "sklearn", "nbconvert", "nbgrader", "jinja2", "playwright"}
    assert not loaded & maintainers, loaded & maintainers


def test_nothing_in_the_package_imports_the_maintainers_tools():
    imports = re.compile(r"^\s*(from|import)\s+(tools|launch_links|html_export|class_view_report|synthetic_class)\b", re.M)
    assert not [path.name for path in MODULES if imports.search(_source(path))]


def test_the_vocabulary_reads_every_categorised_field_of_the_data_package_in_its_order():
    import json

    from helpers.vocabulary import _categories, _labels

    package = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    fields = [
        (resource["name"], field) for resource in package["resources"] for field in resource["schema"]["fields"] if "categories" in field
    ]
    assert len(fields) >= 8
    for resource, field in fields:
        assert _categories(resource, field["name"]) == field["categories"], (resource, field["name"])
        assert list(_labels(resource, field["name"]).items()) == [(c["value"], c["label"]) for c in field["categories"]]
    with pytest.raises(KeyError):
        _categories("events", "title")  # a field without categories has none to give
    with pytest.raises(StopIteration):
        _categories("events", "no-such-field")
    assert vocabulary.WEIGHTS == (-2, -1, 0, 1, 2) and vocabulary.READINGS[:2] == ("realist", "domestic")
