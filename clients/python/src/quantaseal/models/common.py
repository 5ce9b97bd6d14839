"""The enumerations of docs/openapi.yaml, as ``Literal`` types.

Answers are not checked against them at run time (a newer service may add a value); requests
are checked by the service (400 ``invalid_request``).
"""

from __future__ import annotations

from typing import Literal, TypeAlias

from quantaseal.models._fields import JSONValue

__all__ = [
    "ApiKeyStatus",
    "ClientKeyStatus",
    "CredentialType",
    "DatadogOperation",
    "DatadogSite",
    "IntegrationStatus",
    "JSONValue",
    "Scope",
    "ServerKeyStatus",
    "SiemDestinationStatus",
    "SiemStream",
]

CredentialType: TypeAlias = Literal[
    "api_key", "bearer_token", "basic_auth", "oauth2_client_credentials"
]
DatadogSite: TypeAlias = Literal[
    "datadoghq.com",
    "us3.datadoghq.com",
    "us5.datadoghq.com",
    "datadoghq.eu",
    "uk1.datadoghq.com",
    "ap1.datadoghq.com",
    "ap2.datadoghq.com",
    "ddog-gov.com",
    "us2.ddog-gov.com",
]
DatadogOperation: TypeAlias = Literal["send_event", "send_metric", "send_log"]
SiemStream: TypeAlias = Literal["metrics", "audit", "security_alerts"]
IntegrationStatus: TypeAlias = Literal["healthy", "unhealthy"]
SiemDestinationStatus: TypeAlias = Literal[
    "active",
    "stopped_credential_rejected",
    "stopped_integration_unhealthy",
    "integration_missing",
    "credential_missing",
]
ServerKeyStatus: TypeAlias = Literal["active", "retiring", "retired"]
Scope: TypeAlias = Literal["admin", "client_keys:manage", "vault:unseal"]
ApiKeyStatus: TypeAlias = Literal["active", "expired", "revoked"]
ClientKeyStatus: TypeAlias = Literal["active", "revoked"]
