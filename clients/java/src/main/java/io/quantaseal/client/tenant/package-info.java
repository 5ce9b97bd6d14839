/**
 * Requests and answers of the tenant operations ({@link io.quantaseal.client.Tenant}): the tenant's
 * own API keys and audit trail (scope {@code admin}).
 */
package io.quantaseal.client.tenant;
