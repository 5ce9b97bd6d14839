"""Every operation of docs/openapi.yaml has a method (the table of the README, checked)."""

from __future__ import annotations

import inspect
import re

import pytest

from quantaseal import QuantaSeal
from tests.support.vectors import OPENAPI_FILE

METHODS = {
    "sealCredential": "vault.seal",
    "unsealCredential": "vault.unseal",
    "listEntries": "vault.list_entries",
    "getEntry": "vault.get_entry",
    "deleteEntry": "vault.delete_entry",
    "rotateEntry": "vault.rotate_entry",
    "retireVersion": "vault.retire_version",
    "registerClientKey": "encryption.register_client_key",
    "listServerKeys": "encryption.list_server_keys",
    "listClientKeys": "encryption.list_client_keys",
    "revokeClientKey": "encryption.revoke_client_key",
    "createApiKey": "api_keys.create",
    "listApiKeys": "api_keys.list",
    "getCurrentApiKey": "api_keys.current",
    "revokeApiKey": "api_keys.revoke",
    "testSiemDestination": "siem.test_destination",
    "createIntegration": "integrations.create",
    "listIntegrations": "integrations.list",
    "getIntegration": "integrations.get",
    "updateIntegration": "integrations.update",
    "deleteIntegration": "integrations.delete",
    "proxyOutbound": "proxy.outbound",
    "createSiemDestination": "siem.create_destination",
    "listSiemDestinations": "siem.list_destinations",
    "getSiemDestination": "siem.get_destination",
    "deleteSiemDestination": "siem.delete_destination",
    "listAuditRecords": "audit.list_records",
    "listAuditCheckpoints": "audit.list_checkpoints",
}


def operation_ids() -> list[str]:
    return re.findall(
        r"^\s+operationId:\s*(\w+)\s*$", OPENAPI_FILE.read_text(encoding="utf-8"), re.M
    )


def test_every_operation_of_the_openapi_document_has_a_method() -> None:
    ids = operation_ids()
    assert len(ids) == len(set(ids))
    assert sorted(ids) == sorted(METHODS), "add the new operation to the SDK (and to METHODS)"


@pytest.mark.parametrize(("operation_id", "method"), sorted(METHODS.items()))
def test_the_method_exists_and_names_its_operation(operation_id: str, method: str) -> None:
    qs = QuantaSeal("https://x.test", "k")
    try:
        group, name = method.split(".")
        bound = getattr(getattr(qs, group), name)
        assert callable(bound)
        assert operation_id in (inspect.getdoc(bound) or "")
    finally:
        qs.close()


def test_the_readme_lists_every_operation() -> None:
    readme = (OPENAPI_FILE.parents[1] / "clients" / "python" / "README.md").read_text(
        encoding="utf-8"
    )
    for operation_id, method in METHODS.items():
        assert f"`{operation_id}`" in readme, operation_id
        assert f"`qs.{method}(" in readme, method
