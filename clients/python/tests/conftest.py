"""Shared fixtures: keys, a signer, and a fake API that seals real envelopes."""

from __future__ import annotations

import pytest

from quantaseal import ClientKey
from tests.support.fake_api import FakeApi
from tests.support.sealer import Signer, new_client_key


@pytest.fixture
def client_key() -> ClientKey:
    return new_client_key()


@pytest.fixture
def signer() -> Signer:
    return Signer.new("sk_test")


@pytest.fixture
def fake_api() -> FakeApi:
    return FakeApi()
