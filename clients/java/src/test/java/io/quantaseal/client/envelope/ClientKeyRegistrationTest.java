package io.quantaseal.client.envelope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantaseal.client.QuantaSealClientException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientKeyRegistrationTest {
  private static final byte[] KEY = new byte[64];

  static {
    for (int i = 0; i < KEY.length; i++) {
      KEY[i] = (byte) (0xa5 ^ i * 7);
    }
  }

  private static final String KEY_B64 = Base64.getUrlEncoder().withoutPadding().encodeToString(KEY);

  private static String response(String hmacKey) {
    return "{\"rkid\":\"ck_1\",\"hkid\":\"hk_1\",\"hmac_key\":\""
        + hmacKey
        + "\",\"created_at\":\"2025-11-26T00:00:00Z\"}";
  }

  @Test
  void parse_readsIdsAndKey_andIgnoresUnknownMembers() {
    try (ClientKeyRegistration r = ClientKeyRegistration.parse(response(KEY_B64))) {
      assertEquals("ck_1", r.rkid());
      assertEquals("hk_1", r.hkid());
      assertArrayEquals(KEY, r.macKey().reveal());
    }
  }

  @Test
  void toString_neverShowsTheKey() {
    try (ClientKeyRegistration r = ClientKeyRegistration.parse(response(KEY_B64))) {
      String s = r.toString();
      assertEquals("ClientKeyRegistration[rkid=ck_1, hkid=hk_1, hmac_key redacted]", s);
      assertFalse(s.contains(KEY_B64));
      assertFalse(s.contains(HexFormat.of().formatHex(KEY)));
      assertFalse(r.macKey().toString().contains(KEY_B64));
    }
  }

  @Test
  void close_wipesTheKey() {
    ClientKeyRegistration r = ClientKeyRegistration.parse(response(KEY_B64));
    byte[] inside = r.macKey().reveal();
    r.close();
    assertArrayEquals(new byte[64], inside);
    assertTrue(r.macKey().isDestroyed());
    assertThrows(IllegalStateException.class, () -> r.macKey().reveal());
  }

  @Test
  void parse_rejectsMalformedResponses_withoutShowingTheKey() {
    String padded = Base64.getUrlEncoder().encodeToString(KEY);
    String short63 =
        Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(KEY, 63));
    for (String json :
        List.of(
            response(padded),
            response(short63),
            response(KEY_B64 + "A"),
            response(KEY_B64.replace('-', '+').replace('_', '/') + "+"),
            "{\"rkid\":\"ck_1\",\"hmac_key\":\"" + KEY_B64 + "\"}",
            "{\"hkid\":\"hk_1\",\"hmac_key\":\"" + KEY_B64 + "\"}",
            "{\"rkid\":\"ck_1\",\"hkid\":\"hk_1\"}",
            "{\"rkid\":\"\",\"hkid\":\"hk_1\",\"hmac_key\":\"" + KEY_B64 + "\"}",
            "{\"rkid\":\"ck_1\",\"hkid\":\"hk_1\",\"hmac_key\":64}",
            response(KEY_B64) + "x",
            "[" + response(KEY_B64) + "]",
            "not json")) {
      QuantaSealClientException e =
          assertThrows(QuantaSealClientException.class, () -> ClientKeyRegistration.parse(json));
      assertFalse(e.getMessage().contains(KEY_B64.substring(0, 20)), e.getMessage());
    }
  }
}
