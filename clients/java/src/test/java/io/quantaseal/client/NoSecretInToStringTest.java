package io.quantaseal.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantaseal.client.encryption.ClientKeyRegistration;
import io.quantaseal.client.vault.CredentialType;
import io.quantaseal.client.vault.RotateRequest;
import io.quantaseal.client.vault.SealRequest;
import io.quantaseal.client.vault.UnsealedCredential;
import io.quantaseal.crypto.SecretBytes;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * No secret (API key, seed, MAC key, plaintext credential) appears in a {@code toString} of the
 * client, a client key, a request, an answer or an exception (docs/clients.md).
 */
class NoSecretInToStringTest {
  static final String SECRET = "s3cr3t-value-0123456789";

  private static void assertNoSecret(Object o, String... secrets) {
    String s = String.valueOf(o);
    for (String secret : secrets) {
      assertFalse(s.contains(secret), o.getClass().getSimpleName() + " shows a secret: " + s);
    }
  }

  @Test
  void theClient_neverShowsItsApiKey() throws IOException {
    try (StandIn api = new StandIn()) {
      QuantaSealClient qs = api.client();
      assertNoSecret(qs, StandIn.API_KEY, "qs_test_");
      assertNoSecret(qs.vault(), StandIn.API_KEY);
      assertNoSecret(qs.encryption(), StandIn.API_KEY);
      assertTrue(qs.toString().contains(api.rkid), qs.toString());
      api.handle(
          r ->
              StandIn.Reply.json(
                  403,
                  "{\"error\":{\"code\":\"invalid_api_key\",\"message\":\"Unknown API key.\","
                      + "\"request_id\":\"req_1\"}}"));
      try {
        qs.vault().listEntries();
      } catch (QuantaSealApiException e) {
        assertNoSecret(e, StandIn.API_KEY);
        assertNoSecret(e.getMessage(), StandIn.API_KEY);
      }
    }
  }

  @Test
  void aClientKey_showsItsIdsOnly() throws IOException {
    ClientKey key = ClientKey.fromJson(ClientKeyTest.sample());
    String seed = Base64.getUrlEncoder().withoutPadding().encodeToString(key.seed().reveal());
    String mac = Base64.getUrlEncoder().withoutPadding().encodeToString(key.macKey().reveal());
    assertNoSecret(key, seed, mac, seed.substring(0, 12), mac.substring(0, 12));
    assertTrue(key.toString().contains(key.rkid()));
    SecretBytes hmac = SecretBytes.copyOf(key.macKey().reveal());
    ClientKeyRegistration reg = new ClientKeyRegistration("ck_1", "hk_1", hmac, Instant.EPOCH);
    assertNoSecret(reg, mac, mac.substring(0, 12));
  }

  @Test
  void requestsAndUnsealedCredentials_neverShowAValue() {
    assertNoSecret(
        SealRequest.builder(CredentialType.API_KEY).values(Map.of("api_key", SECRET)).build(),
        SECRET);
    assertNoSecret(SealRequest.builder(CredentialType.BEARER_TOKEN).value(SECRET).build(), SECRET);
    assertNoSecret(RotateRequest.ofValue(SECRET), SECRET);
    assertNoSecret(RotateRequest.ofValues(Map.of("password", SECRET)), SECRET);
    UnsealedCredential u =
        new UnsealedCredential(
            "vlt_1", CredentialType.BASIC_AUTH, 1, Map.of("password", SECRET), "req_1");
    assertNoSecret(u, SECRET);
    assertNoSecret(List.of(u), SECRET);
    assertTrue(u.toString().contains("password"), "field names are shown: " + u);
  }
}
