package io.quantaseal.datadog;

import io.quantaseal.common.api.InvalidRequestException;

/**
 * The checks on a tenant's keys before they become {@code DD-API-KEY} / {@code DD-APPLICATION-KEY}
 * headers: present, at most 1024 characters, visible ASCII only (no CR/LF header injection). A key
 * that fails is a 400 {@code invalid_request} that names the field, never the value; no request is
 * sent.
 */
final class CredentialHeaders {
  static final String API_KEY = "DD-API-KEY";
  static final String APPLICATION_KEY = "DD-APPLICATION-KEY";
  static final int MAX_LENGTH = 1024;

  private CredentialHeaders() {}

  /**
   * @param value the key
   * @param field the sealed credential's field it came from ({@code api_key}, {@code app_key})
   * @throws InvalidRequestException when it cannot be sent as a header value
   */
  static void check(String value, String field) {
    if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
      throw new InvalidRequestException("The sealed credential has no usable '" + field + "'.");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        throw new InvalidRequestException(
            "The sealed credential's '" + field + "' cannot be sent in an HTTP header.");
      }
    }
  }
}
