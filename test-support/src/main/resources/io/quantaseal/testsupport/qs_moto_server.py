"""moto_server, plus the KMS key-state checks that moto does not make.

Real AWS KMS refuses cryptographic operations on a key that is not Enabled: DisabledException
for a disabled key, KMSInvalidStateException for one pending deletion (or pending import).
moto records the state (DisableKey, ScheduleKeyDeletion) but keeps encrypting and decrypting.
QuantaSeal's tests need the real behaviour (a tenant whose CMK is disabled cannot unseal), so this
launcher wraps moto's KMS backend before starting the ordinary moto server.

Usage, with the venv's python: python qs_moto_server.py -H 127.0.0.1 -p 5000
"""

import sys

from moto.core.exceptions import JsonRESTError
from moto.kms import models


class DisabledException(JsonRESTError):
    code = 400

    def __init__(self, arn):
        super().__init__("DisabledException", f"{arn} is disabled.")


class KMSInvalidStateException(JsonRESTError):
    code = 400

    def __init__(self, arn, state):
        detail = "pending deletion" if state == "PendingDeletion" else state
        super().__init__("KMSInvalidStateException", f"{arn} is {detail}.")


def _require_enabled(key):
    if key.key_state == "Enabled":
        return
    if key.key_state == "Disabled":
        raise DisabledException(key.arn)
    raise KMSInvalidStateException(key.arn, key.key_state)


_encrypt = models.KmsBackend.encrypt
_decrypt = models.KmsBackend.decrypt


def encrypt(self, key_id, plaintext, encryption_context):
    key = self.keys.get(self.any_id_to_key_id(key_id))
    if key is not None:
        _require_enabled(key)
    return _encrypt(self, key_id, plaintext, encryption_context)


def decrypt(self, ciphertext_blob, encryption_context, key_id=None):
    plaintext, arn = _decrypt(self, ciphertext_blob, encryption_context, key_id)
    key = self.keys.get(self.get_key_id(arn))
    if key is not None:
        _require_enabled(key)
    return plaintext, arn


# GenerateDataKey(WithoutPlaintext) and ReEncrypt go through encrypt/decrypt.
models.KmsBackend.encrypt = encrypt
models.KmsBackend.decrypt = decrypt

if __name__ == "__main__":
    from moto.server import main

    main(sys.argv[1:])
