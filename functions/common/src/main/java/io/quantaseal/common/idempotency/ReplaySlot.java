package io.quantaseal.common.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Where one {@code Idempotency-Key} of one tenant and route is kept: the tenant and the item's sort
 * key. {@link #bindingId()} names it in a sealed answer's binding (a short digest, since the key is
 * the caller's own text).
 */
public record ReplaySlot(String tenantId, String sortKey) {
  public ReplaySlot {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(sortKey, "sortKey");
  }

  /** {@code idem_} and the SHA-256 of the sort key, hex: the entry id a sealed answer binds. */
  public String bindingId() {
    try {
      return "idem_"
          + HexFormat.of()
              .formatHex(
                  MessageDigest.getInstance("SHA-256")
                      .digest(sortKey.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
