package io.quantaseal.common.paging;

import io.quantaseal.common.api.InvalidRequestException;
import io.quantaseal.crypto.CryptoException;
import io.quantaseal.crypto.aead.AesGcm;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The opaque {@code cursor} / {@code next_cursor} of every list (docs/api.md, "Pagination"): the
 * position (the sort key of the last item listed) encrypted with AES-256-GCM under the deployment's
 * cursor key ({@link ListCursorKey}), with the tenant and the list as associated data.
 *
 * <pre>
 * cursor = base64url(0x01 ‖ iv[12] ‖ AES-256-GCM(key, iv, position, aad))
 * aad    = "quantaseal/cursor/v1" ‖ 0x00 ‖ tenant id ‖ 0x00 ‖ list name
 * </pre>
 *
 * So a cursor reveals nothing (not even an id), cannot be altered, and opens only for the tenant
 * and the list it was made for: another tenant's cursor, another list's, a tampered or made-up one
 * is the same 400 {@code invalid_request}.
 */
public final class ListCursors {
  private static final byte VERSION = 1;
  private static final int MAX_CURSOR_CHARS = 1024;
  private static final String AAD_LABEL = "quantaseal/cursor/v1";
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

  private final Supplier<AesGcm> key;
  private final SecureRandom random;

  /** {@code key}: the cursor key, loaded on first use (once per container). */
  public ListCursors(Supplier<AesGcm> key, SecureRandom random) {
    this.key = key;
    this.random = random;
  }

  /** The cursor of {@code position} in {@code list} of {@code tenantId}. */
  public String seal(String tenantId, String list, String position) {
    byte[] sealed =
        key.get()
            .encryptWithRandomIv(
                position.getBytes(StandardCharsets.UTF_8), aad(tenantId, list), random);
    byte[] out = new byte[1 + sealed.length];
    out[0] = VERSION;
    System.arraycopy(sealed, 0, out, 1, sealed.length);
    return B64URL.encodeToString(out);
  }

  /**
   * The position in {@code cursor}, which must have been made by {@link #seal} for this tenant and
   * list.
   *
   * @throws InvalidRequestException for anything else, whatever the reason
   */
  public String open(String tenantId, String list, String cursor) {
    byte[] raw;
    try {
      if (cursor.isEmpty()
          || cursor.length() > MAX_CURSOR_CHARS
          || cursor.contains("=")
          || cursor.contains("+")
          || cursor.contains("/")) {
        throw invalid();
      }
      raw = Base64.getUrlDecoder().decode(cursor);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    if (raw.length < 1 + AesGcm.IV_LENGTH + AesGcm.TAG_LENGTH || raw[0] != VERSION) {
      throw invalid();
    }
    byte[] ivAndCiphertext = new byte[raw.length - 1];
    System.arraycopy(raw, 1, ivAndCiphertext, 0, ivAndCiphertext.length);
    try {
      byte[] position = key.get().decryptWithPrefixedIv(ivAndCiphertext, aad(tenantId, list));
      return new String(position, StandardCharsets.UTF_8);
    } catch (CryptoException e) {
      throw invalid();
    }
  }

  /** {@link #open} of an optional cursor. */
  public Optional<String> openOptional(String tenantId, String list, Optional<String> cursor) {
    return cursor.map(c -> open(tenantId, list, c));
  }

  private static byte[] aad(String tenantId, String list) {
    return (AAD_LABEL + '\0' + tenantId + '\0' + list).getBytes(StandardCharsets.UTF_8);
  }

  static InvalidRequestException invalid() {
    return new InvalidRequestException(
        "Parameter 'cursor' is not a cursor of this list: pass next_cursor from the previous page"
            + " unchanged, with the same API key's tenant.");
  }
}
