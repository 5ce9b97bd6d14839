package io.quantaseal.crypto.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantaseal.crypto.signature.MlDsa65;
import io.quantaseal.crypto.signature.MlDsaPublicKey;
import java.nio.charset.StandardCharsets;

/**
 * A checkpoint as {@code GET /api/v2/audit/checkpoints} lists it: {@code {"body": {...}, "sig":
 * "..."}}, where {@code sig} is ML-DSA-65 over JCS(body) with the context {@value #CONTEXT} by the
 * server key {@code body.skid}, in unpadded base64url. Members other than {@code body} and {@code
 * sig} are not signed and are ignored.
 */
public final class SignedCheckpoint {
  /** The ML-DSA-65 context string of audit checkpoints. */
  public static final String CONTEXT = "quantaseal/audit/v1";

  private static final byte[] CONTEXT_BYTES = CONTEXT.getBytes(StandardCharsets.US_ASCII);

  private final CheckpointBody body;
  private final byte[] sig;

  private SignedCheckpoint(CheckpointBody body, byte[] sig) {
    this.body = body;
    this.sig = sig;
  }

  /** A body and its signature (3309 bytes); the signature is not checked here. */
  public static SignedCheckpoint of(CheckpointBody body, byte[] sig) {
    if (body == null) {
      throw new AuditFormatException("body is missing");
    }
    if (sig == null || sig.length != MlDsa65.SIGNATURE_LENGTH) {
      throw new AuditFormatException("sig must be an ML-DSA-65 signature (3309 bytes)");
    }
    return new SignedCheckpoint(body, sig.clone());
  }

  /** Parses {@code {"body": ..., "sig": ...}}; the signature is not checked here. */
  public static SignedCheckpoint fromJson(JsonNode json) {
    if (json == null || !json.isObject()) {
      throw new AuditFormatException("a checkpoint is a JSON object");
    }
    CheckpointBody body = CheckpointBody.fromJson(AuditJsonValues.member(json, "body"));
    byte[] sig = Base64Url.decode(AuditJsonValues.string(json, "sig"), "sig");
    return of(body, sig);
  }

  /** Parses the JSON text of one checkpoint. */
  public static SignedCheckpoint parse(String json) {
    return fromJson(Jcs.parse(json));
  }

  public CheckpointBody body() {
    return body;
  }

  /** The signature (a copy). */
  public byte[] sig() {
    return sig.clone();
  }

  /**
   * Whether {@link #sig()} is {@code key}'s ML-DSA-65 signature of JCS(body) under {@value
   * #CONTEXT}.
   */
  public boolean isSignedBy(MlDsaPublicKey key) {
    return MlDsa65.verify(key, body.canonicalBytes(), CONTEXT_BYTES, sig);
  }

  /** {@code {"body": {...}, "sig": "..."}}. */
  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.set("body", body.toJson());
    o.put("sig", Base64Url.encode(sig));
    return o;
  }

  static byte[] context() {
    return CONTEXT_BYTES.clone();
  }

  @Override
  public String toString() {
    return "SignedCheckpoint[seq=" + body.seq() + ", skid=" + body.skid() + "]";
  }
}
