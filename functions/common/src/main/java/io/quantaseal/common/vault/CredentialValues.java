package io.quantaseal.common.vault;

import java.util.Map;
import java.util.Optional;

/**
 * The clear values of an unsealed credential, e.g. {@code api_key} and {@code app_key}. Never
 * prints; kept only for the duration of one upstream call.
 */
public final class CredentialValues {
  private final String type;
  private final Map<String, String> values;

  public CredentialValues(String type, Map<String, String> values) {
    this.type = type;
    this.values = Map.copyOf(values);
  }

  public String type() {
    return type;
  }

  public Optional<String> get(String field) {
    return Optional.ofNullable(values.get(field));
  }

  /** Every value; only for building an upstream request or an encrypted envelope. */
  public Map<String, String> reveal() {
    return values;
  }

  @Override
  public String toString() {
    return "CredentialValues[" + type + ", redacted]";
  }
}
