/**
 * QuantaSeal SDK for TypeScript and JavaScript (ESM; Node ≥ 20 and browsers). This entry point
 * uses only web-platform APIs (fetch, WebCrypto, TextEncoder); the file helpers for client keys
 * are in `quantaseal/node`.
 */
export { QuantaSeal, type QuantaSealConfig } from "./client.js";
export {
  QuantaSealError,
  ApiError,
  InvalidEnvelopeError,
  NetworkError,
  ResponseFormatError,
  ClientKeyFormatError,
  ConfigurationError,
  type ServiceErrorCode,
} from "./errors.js";
export { ClientKey, type ClientKeyParts } from "./keys/client-key.js";
export { CLIENT_KEY_FORMAT, decodeClientKeyFile, encodeClientKeyFile } from "./keys/client-key-file.js";
export {
  EnvelopeOpener,
  DEFAULT_MAX_CLOCK_SKEW_SECONDS,
  type EnvelopeOpenerOptions,
  type OpenOptions,
  type ServerPublicKeys,
} from "./envelope/opener.js";
export type { Envelope, EnvelopeInput, ParsedEnvelope } from "./envelope/envelope.js";
export { SUITE as ENVELOPE_SUITE } from "./envelope/format.js";
export { paginate, type ListInput, type Page } from "./pagination.js";
export type { RetryOptions } from "./http/retry.js";
export type { FetchFunction } from "./http/transport.js";
export type { RequestOptions, IdempotentRequestOptions, ResponseMetadata } from "./models/common.js";
export {
  UnsealedCredential,
  type CredentialType,
  type SealInput,
  type SealApiKeyInput,
  type SealBearerTokenInput,
  type SealBasicAuthInput,
  type SealOAuth2ClientCredentialsInput,
  type RotateInput,
  type UnsealInput,
  type DeleteEntryInput,
  type VaultEntry,
  type VaultEntryDetail,
  type VaultEntryVersion,
  type ListEntriesOutput,
} from "./models/vault.js";
export {
  ClientKeyRegistration,
  type RegisterClientKeyInput,
  type RegisteredClientKey,
  type ListClientKeysOutput,
  type ServerKey,
  type ListServerKeysOutput,
} from "./models/encryption.js";
export type {
  DatadogSite,
  DatadogOperation,
  DatadogConfig,
  CreateIntegrationInput,
  UpdateIntegrationInput,
  DeleteIntegrationInput,
  Integration,
  ListIntegrationsOutput,
} from "./models/integrations.js";
export type {
  DatadogEventPayload,
  DatadogMetricPointPayload,
  DatadogSeriesPayload,
  DatadogLogPayload,
  ProxyPayloads,
  ProxyAnswer,
  UpstreamAnswer,
} from "./models/proxy.js";
export type {
  SiemStream,
  SiemDestinationStatus,
  CreateSiemDestinationInput,
  SiemDestination,
  ListSiemDestinationsOutput,
  SiemDestinationTestResult,
} from "./models/siem.js";
export {
  CreatedApiKey,
  type ApiKeyScope,
  type CreateApiKeyInput,
  type ApiKey,
  type CurrentApiKey,
  type ListApiKeysOutput,
} from "./models/api-keys.js";
export type { VaultOperations } from "./operations/vault.js";
export type { EncryptionOperations, DecryptOptions } from "./operations/encryption.js";
export type { IntegrationOperations } from "./operations/integrations.js";
export type { ProxyOperations } from "./operations/proxy.js";
export type { SiemOperations } from "./operations/siem.js";
export type { ApiKeyOperations } from "./operations/api-keys.js";
export type {
  AuditOperations,
  AuditTime,
  AuditRangeInput,
  ListAuditRecordsInput,
  ListAuditRecordsOutput,
  ListAuditCheckpointsOutput,
  VerifyAuditInput,
} from "./operations/audit.js";
export { OPERATIONS, type OperationId } from "./operations/index.js";
export { VERSION } from "./version.js";
export {
  verifyAuditTrail,
  parseAuditJson,
  canonicalJson,
  leafHash,
  merkleRoot,
  checkpointBodyHash,
  AuditFormatError,
  AUDIT_CONTEXT,
  AUDIT_FAILURE_KINDS,
  type AuditFailure,
  type AuditFailureKind,
  type AuditVerification,
  type VerifyAuditTrailInput,
} from "./audit/verifier.js";
