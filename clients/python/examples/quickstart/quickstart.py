"""QuantaSeal quickstart: seal a Datadog API key, create a ``send_event`` integration, send one
event through the proxy and print Datadog's status from the verified, decrypted envelope.

    QS_URL=... QS_API_KEY=... QS_DD_API_KEY=... python examples/quickstart/quickstart.py

``QS_CLIENT_KEY_FILE``, when set, keeps the client key there (created on the first run, loaded
on the next ones); otherwise a new client key is registered for this run only.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from quantaseal import ClientKey, QuantaSeal, QuantaSealSDKError


def client_key(qs: QuantaSeal) -> ClientKey:
    """The key kept in ``QS_CLIENT_KEY_FILE``, or a newly registered one (kept there if set)."""
    path = os.environ.get("QS_CLIENT_KEY_FILE")
    if path and Path(path).exists():
        return ClientKey.load(path)
    key = qs.encryption.create_client_key()
    if path:
        key.save(path)  # mode 0600: it holds the seed and the MAC key
    return key


def main() -> int:
    dd_api_key = os.environ.get("QS_DD_API_KEY")
    if not dd_api_key:
        print("quickstart: QS_DD_API_KEY is not set (the Datadog API key to seal)", file=sys.stderr)
        return 2
    try:
        with QuantaSeal() as base:  # QS_URL and QS_API_KEY
            qs = base.with_client_key(client_key(base))
            entry = qs.vault.seal(
                credential_type="api_key",
                name="datadog-quickstart",
                values={"api_key": dd_api_key},
            )
            integ = qs.integrations.create(
                system_type="datadog",
                credential_id=entry.vault_entry_id,
                config={"site": "datadoghq.com"},
                allowed_operations=["send_event"],
            )
            answer = qs.proxy.outbound(
                integ.integration_id,
                "send_event",
                {"title": "QuantaSeal quickstart", "text": "sent from Python through the proxy"},
            )
    except QuantaSealSDKError as error:
        print(f"quickstart: {error}", file=sys.stderr)
        return 1
    print(f"upstream status: {answer.upstream.status}")
    print(f"upstream body: {json.dumps(answer.upstream.body)}")
    return 0 if answer.upstream.ok else 1


if __name__ == "__main__":
    sys.exit(main())
