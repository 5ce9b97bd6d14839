package io.quantaseal.client.tenant;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A new API key of the caller's tenant ({@code POST /api/v2/api-keys}, docs/openapi.yaml {@code
 * ApiKeyCreate}). Each scope must be one the calling key holds.
 *
 * @param name a label (1 to 64 characters, no control characters)
 * @param scopes its scopes, or null for none
 * @param expiresAt when it stops working (in the future, at most 3650 days ahead), or null
 * @param idempotencyKey an {@code Idempotency-Key} to send, or null (a retry with it is 409, never
 *     a replay of the key)
 */
public record CreateApiKeyRequest(
    String name, List<Scope> scopes, Instant expiresAt, String idempotencyKey) {

  /**
   * Checks the request.
   *
   * @param name a label (1 to 64 characters, no control characters)
   * @param scopes its scopes, or null for none
   * @param expiresAt when it stops working, or null
   * @param idempotencyKey an {@code Idempotency-Key} to send, or null
   * @throws NullPointerException if {@code name} is null
   */
  public CreateApiKeyRequest {
    Objects.requireNonNull(name, "name");
    scopes = scopes == null ? null : List.copyOf(scopes);
  }

  /**
   * A builder for a key named {@code name}.
   *
   * @param name the label
   * @return the builder
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Builds a {@link CreateApiKeyRequest}. */
  public static final class Builder {
    private final String name;
    private List<Scope> scopes;
    private Instant expiresAt;
    private String idempotencyKey;

    private Builder(String name) {
      this.name = name;
    }

    /**
     * Its scopes; none when not given.
     *
     * @param scopes the scopes; copied
     * @return this builder
     */
    public Builder scopes(List<Scope> scopes) {
      this.scopes = scopes;
      return this;
    }

    /**
     * When it stops working.
     *
     * @param expiresAt in the future, at most 3650 days ahead
     * @return this builder
     */
    public Builder expiresAt(Instant expiresAt) {
      this.expiresAt = expiresAt;
      return this;
    }

    /**
     * The {@code Idempotency-Key} to send.
     *
     * @param idempotencyKey 1 to 255 printable ASCII characters
     * @return this builder
     */
    public Builder idempotencyKey(String idempotencyKey) {
      this.idempotencyKey = idempotencyKey;
      return this;
    }

    /**
     * The request.
     *
     * @return the request
     */
    public CreateApiKeyRequest build() {
      return new CreateApiKeyRequest(name, scopes, expiresAt, idempotencyKey);
    }
  }
}
