package io.quantaseal.crypto.audit;

import io.quantaseal.crypto.CryptoException;

/**
 * An audit record, checkpoint body or signed checkpoint that is not what docs/audit.md says: a
 * missing or extra member, a wrong type, a time that is not fixed-width microseconds, a number that
 * is not a safe integer, invalid base64url or Unicode. The message names the member, never its
 * value.
 */
public final class AuditFormatException extends CryptoException {
  private static final long serialVersionUID = 1L;

  public AuditFormatException(String message) {
    super(message);
  }

  public AuditFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
