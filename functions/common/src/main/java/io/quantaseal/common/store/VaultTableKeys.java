package io.quantaseal.common.store;

/**
 * The key scheme of the vault table: every tenant-scoped item lives under {@code pk =
 * TENANT#<tenant id>}, so a query or a get for one tenant can never return another tenant's item.
 */
public final class VaultTableKeys {
  private VaultTableKeys() {}

  public static final String SERVICE_PK = "SERVICE";

  public static String pk(String tenantId) {
    return "TENANT#" + tenantId;
  }

  public static final String TENANT_SK = "TENANT";

  public static String entry(String entryId) {
    return "ENTRY#" + entryId;
  }

  public static String entryVersion(String entryId, int version) {
    return String.format("ENTRY#%s#V#%08d", entryId, version);
  }

  public static String entryVersionsPrefix(String entryId) {
    return "ENTRY#" + entryId + "#V#";
  }

  public static String clientKey(String rkid) {
    return "CLIENTKEY#" + rkid;
  }

  public static String apiKey(String apiKeyId) {
    return "APIKEY#" + apiKeyId;
  }

  public static String integration(String integrationId) {
    return "INTEGRATION#" + integrationId;
  }

  public static String siemDestination(String destinationId) {
    return "SIEMDEST#" + destinationId;
  }

  public static String idempotency(String route, String key) {
    return "IDEMPOTENCY#" + route + "#" + key;
  }

  public static String signingKey(String skid) {
    return "SIGNINGKEY#" + skid;
  }
}
