package io.quantaseal.client.tenant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A signed audit checkpoint, exactly as signed (docs/openapi.yaml {@code AuditCheckpoint};
 * docs/audit.md#checkpoints).
 *
 * @param v the body's version, 1
 * @param tenantId the tenant
 * @param seq its sequence number, from 0
 * @param periodStart the start of its period (audit time format)
 * @param periodEnd the end of its period
 * @param count the records of the period
 * @param root the RFC 6962 Merkle root of the period's records, unpadded base64url
 * @param prev the base64url SHA-256 of the previous body's JCS bytes; empty for seq 0
 * @param skid the server key that signed it
 * @param sig the ML-DSA-65 signature over JCS(body), unpadded base64url
 * @param body the body as received, for verifiers that canonicalize it themselves
 */
public record AuditCheckpoint(
    int v,
    String tenantId,
    long seq,
    String periodStart,
    String periodEnd,
    long count,
    String root,
    String prev,
    String skid,
    String sig,
    JsonNode body) {

  /**
   * Copies the body.
   *
   * @param v the body's version, 1
   * @param tenantId the tenant
   * @param seq its sequence number, from 0
   * @param periodStart the start of its period
   * @param periodEnd the end of its period
   * @param count the records of the period
   * @param root the Merkle root of the period's records
   * @param prev the hash of the previous body; empty for seq 0
   * @param skid the server key that signed it
   * @param sig the signature
   * @param body the body as received
   */
  public AuditCheckpoint {
    body = body.deepCopy();
  }

  /**
   * The body as received (a copy).
   *
   * @return the JSON object
   */
  @Override
  public JsonNode body() {
    return body.deepCopy();
  }
}
