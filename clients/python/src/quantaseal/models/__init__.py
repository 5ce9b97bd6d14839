"""Typed requests and answers of every operation of docs/openapi.yaml (frozen dataclasses)."""

from quantaseal.models.api_keys import ApiKey, ApiKeyCreated, CreateApiKeyRequest, CurrentApiKey
from quantaseal.models.common import (
    ApiKeyStatus,
    ClientKeyStatus,
    CredentialType,
    DatadogOperation,
    DatadogSite,
    IntegrationStatus,
    JSONValue,
    Scope,
    ServerKeyStatus,
    SiemDestinationStatus,
    SiemStream,
)
from quantaseal.models.encryption import (
    ClientKeyInfo,
    ClientKeyRegistration,
    ClientKeyRequest,
    ServerKey,
)
from quantaseal.models.integrations import (
    CreateIntegrationRequest,
    Integration,
    IntegrationConfig,
    UpdateIntegrationRequest,
)
from quantaseal.models.proxy import ProxyAnswer, ProxyRequest, UpstreamAnswer
from quantaseal.models.siem import (
    CreateSiemDestinationRequest,
    DatadogTestAnswer,
    SiemDestination,
    SiemTestResult,
)
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
    "ApiKey",
    "ApiKeyCreated",
    "ApiKeyStatus",
    "ClientKeyInfo",
    "ClientKeyRegistration",
    "ClientKeyRequest",
    "ClientKeyStatus",
    "CreateApiKeyRequest",
    "CreateIntegrationRequest",
    "CreateSiemDestinationRequest",
    "CredentialType",
    "CurrentApiKey",
    "DatadogOperation",
    "DatadogSite",
    "DatadogTestAnswer",
    "Integration",
    "IntegrationConfig",
    "IntegrationStatus",
    "JSONValue",
    "ProxyAnswer",
    "ProxyRequest",
    "RotateRequest",
    "Scope",
    "SealRequest",
    "ServerKey",
    "ServerKeyStatus",
    "SiemDestination",
    "SiemDestinationStatus",
    "SiemStream",
    "SiemTestResult",
    "UnsealRequest",
    "UnsealedCredential",
    "UpdateIntegrationRequest",
    "UpstreamAnswer",
    "VaultEntry",
    "VaultEntryDetail",
    "VaultVersion",
]
