package io.quantaseal.datadog;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quantaseal.common.api.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which keys may become DD-API-KEY / DD-APPLICATION-KEY headers; the error never echoes them. */
class CredentialHeadersTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0123456789abcdef0123456789abcdef",
        "!",
        "~",
        "key-with_punctuation.and/slashes+=",
      })
  void visibleAscii_accepted(String key) {
    assertDoesNotThrow(() -> CredentialHeaders.check(key, "api_key"));
  }

  @Test
  void longestAccepted_oneMoreRefused() {
    assertDoesNotThrow(() -> CredentialHeaders.check("a".repeat(1024), "api_key"));
    InvalidRequestException e =
        assertThrows(
            InvalidRequestException.class,
            () -> CredentialHeaders.check("a".repeat(1025), "api_key"));
    assertEquals("The sealed credential has no usable 'api_key'.", e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "abc\r\nX-Injected: 1",
        "abc def",
        "abc\tdef",
        "clé",
        "abc\u0000",
        "abc\u007f",
      })
  void notAHeaderValue_400NamingTheFieldNotTheValue(String key) {
    InvalidRequestException e =
        assertThrows(InvalidRequestException.class, () -> CredentialHeaders.check(key, "app_key"));
    assertEquals(400, e.status());
    assertEquals(
        "The sealed credential's 'app_key' cannot be sent in an HTTP header.", e.getMessage());
    assertFalse(e.getMessage().contains("abc"));
  }

  @Test
  void missing_400() {
    assertThrows(InvalidRequestException.class, () -> CredentialHeaders.check(null, "api_key"));
    assertThrows(InvalidRequestException.class, () -> CredentialHeaders.check("", "api_key"));
  }
}
