/**
 * Answers of the encryption operations ({@link io.quantaseal.client.Encryption}): client-key
 * registrations and the service's signing keys.
 */
package io.quantaseal.client.encryption;
