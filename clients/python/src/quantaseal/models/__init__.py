"""Typed requests and answers of every operation of docs/openapi.yaml (frozen dataclasses)."""

from quantaseal.models.common import (
    CredentialType,
    DatadogOperation,
    DatadogSite,
    IntegrationStatus,
    JSONValue,
    ServerKeyStatus,
    SiemDestinationStatus,
    SiemStream,
)
from quantaseal.models.encryption import ClientKeyRegistration, ClientKeyRequest, ServerKey
from quantaseal.models.integrations import (
    CreateIntegrationRequest,
    Integration,
    IntegrationConfig,
    UpdateIntegrationRequest,
)
from quantaseal.models.proxy import ProxyAnswer, ProxyRequest, UpstreamAnswer
from quantaseal.models.siem import CreateSiemDestinationRequest, SiemDestination
from quantaseal.models.vault import (
    RotateRequest,
    SealRequest,
    UnsealedCredential,
    UnsealRequest,
    VaultEntry,
    VaultEntryDetail,
    VaultVersion,
)

__all__ = [
    "ClientKeyRegistration",
    "ClientKeyRequest",
    "CreateIntegrationRequest",
    "CreateSiemDestinationRequest",
    "CredentialType",
    "DatadogOperation",
    "DatadogSite",
    "Integration",
    "IntegrationConfig",
    "IntegrationStatus",
    "JSONValue",
    "ProxyAnswer",
    "ProxyRequest",
    "RotateRequest",
    "SealRequest",
    "ServerKey",
    "ServerKeyStatus",
    "SiemDestination",
    "SiemDestinationStatus",
    "SiemStream",
    "UnsealRequest",
    "UnsealedCredential",
    "UpdateIntegrationRequest",
    "UpstreamAnswer",
    "VaultEntry",
    "VaultEntryDetail",
    "VaultVersion",
]
