"""ClientKey: the quantaseal-client-key/v1 file (docs/clients.md), secrets kept out of sight."""

from __future__ import annotations

import json
import os
import pickle
import stat
from pathlib import Path
from typing import Any

import pytest

from quantaseal import ClientKey, ClientKeyFileError, EnvelopeOpener
from quantaseal._codec import b64url_encode
from tests.support.vectors import CLIENT_KEY_FILE, golden_vectors

SAMPLE: dict[str, Any] = json.loads(CLIENT_KEY_FILE.read_text(encoding="utf-8"))


def test_the_sample_file_loads_and_opens_the_first_golden_vector() -> None:
    key = ClientKey.load(CLIENT_KEY_FILE)
    vector = golden_vectors()[0]
    assert (key.rkid, key.hkid) == (vector.raw["rkid"], vector.raw["hkid"])
    opener = EnvelopeOpener(key, vector.server_keys(), clock=lambda: vector.iat)
    assert opener.open(vector.raw["envelope"]) == vector.binary("plaintext")


def test_save_then_load_round_trips_with_mode_0600(tmp_path: Path, client_key: ClientKey) -> None:
    path = tmp_path / "client-key.json"
    client_key.save(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    loaded = ClientKey.load(path)
    assert (loaded.rkid, loaded.hkid, loaded.public_key()) == (
        client_key.rkid,
        client_key.hkid,
        client_key.public_key(),
    )
    document = json.loads(path.read_text())
    assert document["format"] == "quantaseal-client-key/v1"
    assert set(document) == {"format", "rkid", "hkid", "seed", "mac_key"}
    assert [p.name for p in tmp_path.iterdir()] == ["client-key.json"]


def test_save_replaces_a_looser_file_with_a_0600_one(tmp_path: Path, client_key: ClientKey) -> None:
    path = tmp_path / "key.json"
    path.write_text("old")
    os.chmod(path, 0o644)
    client_key.save(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert ClientKey.load(path).rkid == client_key.rkid


def test_the_sample_is_written_back_identically_in_content() -> None:
    key = ClientKey.load(CLIENT_KEY_FILE)
    assert json.loads(key.to_json()) == SAMPLE


def test_unknown_members_are_ignored() -> None:
    key = ClientKey.from_json(json.dumps({**SAMPLE, "comment": "made by the Go SDK", "x": [1]}))
    assert key.rkid == SAMPLE["rkid"]


def _variant(**changes: Any) -> str:
    document = {**SAMPLE, **changes}
    return json.dumps({k: v for k, v in document.items() if v is not None})


BAD = {
    "another format": _variant(format="quantaseal-client-key/v2"),
    "no format": _variant(format=None),
    "no rkid": _variant(rkid=None),
    "no hkid": _variant(hkid=None),
    "empty rkid": _variant(rkid=""),
    "no seed": _variant(seed=None),
    "no mac_key": _variant(mac_key=None),
    "padded seed": _variant(seed=SAMPLE["seed"] + "=="),
    "seed in the standard alphabet": _variant(seed=SAMPLE["seed"].replace("-", "+")),
    "seed of 32 bytes": _variant(seed=b64url_encode(bytes(32))),
    "mac_key of 65 bytes": _variant(mac_key=b64url_encode(bytes(65))),
    "seed a number": _variant(seed=5),
    "a JSON array": json.dumps([SAMPLE]),
    "not JSON": "seed=...",
    "duplicate member": _variant()[:-1] + ', "rkid": "ck_x"}',
}


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_a_bad_document_is_refused(case: str) -> None:
    with pytest.raises(ClientKeyFileError):
        ClientKey.from_json(BAD[case])


def test_no_secret_in_repr_or_str(client_key: ClientKey) -> None:
    seed = b64url_encode(client_key._kem_private_key().private_bytes_raw())
    mac = b64url_encode(client_key._mac_key_buffer())
    for text in (repr(client_key), str(client_key), f"{client_key}"):
        assert client_key.rkid in text
        assert seed not in text
        assert mac not in text


def test_destroy_zeroes_the_secrets(client_key: ClientKey) -> None:
    seed_buffer, mac_buffer = client_key._seed, client_key._mac_key
    client_key.destroy()
    assert not any(seed_buffer)
    assert not any(mac_buffer)
    with pytest.raises(ValueError, match="destroyed"):
        client_key.public_key()
    with pytest.raises(ValueError, match="destroyed"):
        client_key.to_json()


def test_a_key_is_not_pickled_by_accident(client_key: ClientKey) -> None:
    with pytest.raises(TypeError, match="picklable"):
        pickle.dumps(client_key)


def test_the_key_copies_what_it_is_given() -> None:
    seed, mac = bytearray(os.urandom(64)), bytearray(os.urandom(64))
    key = ClientKey(rkid="ck_1", hkid="hk_1", seed=seed, mac_key=mac)
    public = key.public_key()
    seed[:] = bytes(64)
    assert key.public_key() == public


@pytest.mark.parametrize(
    "kwargs",
    [
        {"rkid": "", "hkid": "hk", "seed": bytes(64), "mac_key": bytes(64)},
        {"rkid": "ck", "hkid": "hk", "seed": bytes(63), "mac_key": bytes(64)},
        {"rkid": "ck", "hkid": "hk", "seed": bytes(64), "mac_key": bytes(32)},
    ],
)
def test_the_constructor_checks_ids_and_lengths(kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - the message names the field
        ClientKey(**kwargs)
