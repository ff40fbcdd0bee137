from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "interview_lab",
    "interview_lab.validation",
    "interview_lab.model",
    "interview_lab.budget",
    "interview_lab.sensitivity",
    "interview_lab.case",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name):
    module = importlib.import_module(name)
    failures, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS, verbose=False)
    assert failures == 0
