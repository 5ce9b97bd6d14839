/**
 * Requests and answers of the SIEM operations ({@link io.quantaseal.client.Siem}): where
 * QuantaSeal's own metrics, audit trail and alerts go.
 */
package io.quantaseal.client.siem;
