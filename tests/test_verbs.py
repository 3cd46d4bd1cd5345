"""The four public verbs of `pipeline` (read_document, parse_text, extract_from, resolve_corpus):
their docstring examples run as doctests, so the first page a notebook user reads stays true."""
import doctest

import pipeline


def test_public_verbs_are_listed():
    for verb in ("read_document", "parse_text", "extract_from", "resolve_corpus"):
        assert verb in pipeline.__all__ and callable(getattr(pipeline, verb))
        assert ">>>" in getattr(pipeline, verb).__doc__


def test_docstring_examples_run():
    result = doctest.testmod(pipeline, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 10
    assert result.failed == 0
