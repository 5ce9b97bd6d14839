/**
 * Requests and answers of the outbound proxy ({@link io.quantaseal.client.Proxy}): the Datadog
 * payloads, and Datadog's answer as the verified, decrypted envelope carries it.
 */
package io.quantaseal.client.proxy;
