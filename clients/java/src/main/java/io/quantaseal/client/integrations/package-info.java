/**
 * Requests and answers of the integration operations ({@link io.quantaseal.client.Integrations}): a
 * sealed Datadog key, a Datadog site and a default-deny list of operations.
 */
package io.quantaseal.client.integrations;
