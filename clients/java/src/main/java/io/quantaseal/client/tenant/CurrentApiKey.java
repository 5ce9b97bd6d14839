package io.quantaseal.client.tenant;

/**
 * The calling API key as listed, with its tenant ({@code getCurrentApiKey}; docs/openapi.yaml
 * {@code ApiKeyCurrent}); never the key or its hash.
 *
 * @param tenantId the tenant it belongs to ({@code ten_…})
 * @param key the key as {@code listApiKeys} shows it (its id, name, scopes, status, …)
 */
public record CurrentApiKey(String tenantId, ApiKey key) {}
