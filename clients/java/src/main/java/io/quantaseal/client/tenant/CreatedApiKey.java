package io.quantaseal.client.tenant;

/**
 * A new API key with the key itself, shown this once ({@code createApiKey}; docs/openapi.yaml
 * {@code ApiKeyCreated}). {@link #toString()} never shows the key.
 *
 * @param metadata the key as it will be listed
 * @param apiKey the key itself ({@code qs_live_…} or {@code qs_test_…}); QuantaSeal keeps only its
 *     SHA-256
 */
public record CreatedApiKey(ApiKey metadata, String apiKey) {
  /**
   * The metadata only.
   *
   * @return {@code CreatedApiKey[metadata=…, api key redacted]}
   */
  @Override
  public String toString() {
    return "CreatedApiKey[metadata=" + metadata + ", api key redacted]";
  }
}
