package io.quantaseal.common.tenancy;

import io.quantaseal.common.api.Caller;
import io.quantaseal.common.ids.Ids;
import io.quantaseal.common.store.ApiKeyRecord;
import io.quantaseal.common.store.ApiKeyRepository;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Creates API keys (for the operator and for a tenant's {@code admin} key): 32 random bytes, only
 * the hash stored, the clear key returned once in {@link IssuedApiKey}.
 */
public final class ApiKeyIssuer {
  /** A newly issued key: the only time the clear key exists outside the caller's hands. */
  public record IssuedApiKey(ApiKeyRecord record, String apiKey) {
    public IssuedApiKey {
      Objects.requireNonNull(record, "record");
      Objects.requireNonNull(apiKey, "apiKey");
    }

    public String apiKeyId() {
      return record.apiKeyId();
    }

    public Set<String> scopes() {
      return record.scopes();
    }

    @Override
    public String toString() {
      return "IssuedApiKey[" + record.apiKeyId() + ", redacted]";
    }
  }

  private final ApiKeyRepository apiKeys;
  private final Ids ids;
  private final SecureRandom random;
  private final Clock clock;

  public ApiKeyIssuer(ApiKeyRepository apiKeys, Ids ids, SecureRandom random, Clock clock) {
    this.apiKeys = apiKeys;
    this.ids = ids;
    this.random = random;
    this.clock = clock;
  }

  /**
   * Issues a key of {@code tenantId} with {@code scopes} (each one of {@link Caller#SCOPES}).
   *
   * @throws IllegalArgumentException for an unknown scope
   */
  public IssuedApiKey issue(
      String tenantId,
      boolean live,
      Set<String> scopes,
      Optional<String> name,
      Optional<Instant> expiresAt) {
    for (String scope : scopes) {
      if (!Caller.SCOPES.contains(scope)) {
        throw new IllegalArgumentException(
            "unknown scope "
                + scope
                + " (scopes: "
                + String.join(", ", Caller.SCOPES.stream().sorted().toList())
                + ")");
      }
    }
    String key = ApiKeys.generate(live, random);
    ApiKeyRecord record =
        new ApiKeyRecord(
            ApiKeys.hash(key),
            ids.next(Ids.API_KEY),
            tenantId,
            scopes,
            ApiKeys.displayPrefix(key),
            clock.instant(),
            Optional.empty(),
            name,
            expiresAt,
            Optional.empty());
    apiKeys.create(record);
    return new IssuedApiKey(record, key);
  }
}
