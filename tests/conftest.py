from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest

import interview_lab as il

from .helpers import OWN_SCENARIOS, PUBLIC_SCENARIOS


@pytest.fixture
def example_offers() -> pd.DataFrame:
    return il.load_example_offers()


@pytest.fixture(scope="session")
def public_scenarios() -> pd.DataFrame:
    return il.load_offers(PUBLIC_SCENARIOS)


@pytest.fixture(scope="session")
def own_scenarios() -> pd.DataFrame:
    return il.load_offers(OWN_SCENARIOS)


@pytest.fixture
def make_offers() -> Callable[..., pd.DataFrame]:
    return il.random_offers
