import pytest

from tests.factories import PieceOfWorkFactory, PurposeFactory


@pytest.fixture
def purpose(personas):
    return PurposeFactory(bureau=personas.bureau)


@pytest.fixture
def piece(personas, purpose):
    return PieceOfWorkFactory(bureau=personas.bureau, purpose=purpose, hours_total=40)


@pytest.fixture(autouse=True)
def _english(english):
    """These tests read English msgids (see the `english` fixture in tests/conftest.py)."""
