"""QuantaSeal's Python SDK: the vault, the outbound proxy and the envelopes they answer with.

from quantaseal import QuantaSeal

qs = QuantaSeal()  # QS_URL, QS_API_KEY
qs = qs.with_client_key(qs.encryption.create_client_key())
entry = qs.vault.seal(credential_type="api_key", name="dd", values={"api_key": k})
integ = qs.integrations.create(credential_id=entry.vault_entry_id,
                               config={"site": "datadoghq.com"},
                               allowed_operations=["send_event"])
answer = qs.proxy.outbound(integ.integration_id, "send_event", {"title": "t", "text": "x"})
answer.upstream.status, answer.upstream.body
"""

from quantaseal._version import __version__
from quantaseal.audit import AuditFailure, AuditVerification, verify_audit_trail
from quantaseal.client import QuantaSeal
from quantaseal.envelope import Envelope, EnvelopeOpener
from quantaseal.errors import (
    ClientKeyFileError,
    ConfigurationError,
    InvalidEnvelopeError,
    QuantaSealError,
    QuantaSealSDKError,
    TransportError,
    UnexpectedResponseError,
)
from quantaseal.keys import ClientKey
from quantaseal.models import (
    ApiKey,
    ApiKeyCreated,
    ClientKeyInfo,
    ClientKeyRegistration,
    CurrentApiKey,
    Integration,
    IntegrationConfig,
    ProxyAnswer,
    ServerKey,
    SiemDestination,
    SiemTestResult,
    UnsealedCredential,
    UpstreamAnswer,
    VaultEntry,
    VaultEntryDetail,
    VaultVersion,
)
from quantaseal.pagination import Page
from quantaseal.retry import RetryPolicy

__all__ = [
    "ApiKey",
    "ApiKeyCreated",
    "AuditFailure",
    "AuditVerification",
    "ClientKey",
    "ClientKeyFileError",
    "ClientKeyInfo",
    "ClientKeyRegistration",
    "ConfigurationError",
    "CurrentApiKey",
    "Envelope",
    "EnvelopeOpener",
    "Integration",
    "IntegrationConfig",
    "InvalidEnvelopeError",
    "Page",
    "ProxyAnswer",
    "QuantaSeal",
    "QuantaSealError",
    "QuantaSealSDKError",
    "RetryPolicy",
    "ServerKey",
    "SiemDestination",
    "SiemTestResult",
    "TransportError",
    "UnexpectedResponseError",
    "UnsealedCredential",
    "UpstreamAnswer",
    "VaultEntry",
    "VaultEntryDetail",
    "VaultVersion",
    "__version__",
    "verify_audit_trail",
]
