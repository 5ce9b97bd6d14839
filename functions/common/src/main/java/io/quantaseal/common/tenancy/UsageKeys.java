package io.quantaseal.common.tenancy;

import java.util.Optional;

/**
 * The API Gateway usage-plan key of a tenant: the authorizer returns it as {@code
 * usageIdentifierKey}, so API Gateway throttles each tenant by the usage plan its key is in
 * (template.yaml, {@code ApiKeySourceType: AUTHORIZER}). It only selects a throttling bucket and is
 * never read from a request, so it is derived from the tenant id rather than kept secret.
 */
public final class UsageKeys {
  /** Prefix of every tenant's usage key. */
  public static final String PREFIX = "qs-usage-";

  private UsageKeys() {}

  public static String of(String tenantId) {
    return PREFIX + tenantId;
  }

  /** The tenant a usage key is for. */
  public static Optional<String> tenantOf(String usageKey) {
    return usageKey != null && usageKey.startsWith(PREFIX) && usageKey.length() > PREFIX.length()
        ? Optional.of(usageKey.substring(PREFIX.length()))
        : Optional.empty();
  }
}
