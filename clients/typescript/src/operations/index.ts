/**
 * Every operationId of docs/openapi.yaml and the SDK method that calls it. A test reads the
 * OpenAPI document and fails when an operation has no entry here or an entry names no method.
 */
export const OPERATIONS = Object.freeze({
  sealCredential: "vault.seal",
  unsealCredential: "vault.unseal",
  listEntries: "vault.list",
  getEntry: "vault.get",
  rotateEntry: "vault.rotate",
  deleteEntry: "vault.delete",
  retireVersion: "vault.retireVersion",
  registerClientKey: "encryption.registerClientKey",
  listClientKeys: "encryption.listClientKeys",
  revokeClientKey: "encryption.revokeClientKey",
  listServerKeys: "encryption.listServerKeys",
  createIntegration: "integrations.create",
  listIntegrations: "integrations.list",
  getIntegration: "integrations.get",
  updateIntegration: "integrations.update",
  deleteIntegration: "integrations.delete",
  proxyOutbound: "proxy.outbound",
  createApiKey: "apiKeys.create",
  listApiKeys: "apiKeys.list",
  getCurrentApiKey: "apiKeys.current",
  revokeApiKey: "apiKeys.revoke",
  createSiemDestination: "siem.createDestination",
  listSiemDestinations: "siem.listDestinations",
  getSiemDestination: "siem.getDestination",
  deleteSiemDestination: "siem.deleteDestination",
  testSiemDestination: "siem.testDestination",
  listAuditRecords: "audit.listRecords",
  listAuditCheckpoints: "audit.listCheckpoints",
} as const);

export type OperationId = keyof typeof OPERATIONS;
