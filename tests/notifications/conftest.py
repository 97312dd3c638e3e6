import pytest

from tests.notification_support import register


@pytest.fixture(autouse=True)
def notification_events():
    register()
