package io.quantaseal.crypto.envelope;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantaseal.crypto.InvalidEnvelopeException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** No MAC key, plaintext or private key in any envelope object's toString or in a failure. */
class EnvelopeRedactionTest {
  private static final byte[] PLAINTEXT =
      "{\"api_key\":\"dd_live_SECRET_0123456789abcdef\"}".getBytes(StandardCharsets.UTF_8);

  private static void assertShowsNoSecret(String text) {
    for (byte[] secret : List.of(EnvelopeFixtures.MAC_KEY, PLAINTEXT)) {
      for (String r :
          List.of(
              HexFormat.of().formatHex(secret),
              Base64.getEncoder().withoutPadding().encodeToString(secret),
              Base64.getUrlEncoder().withoutPadding().encodeToString(secret),
              java.util.Arrays.toString(secret),
              new String(secret, StandardCharsets.ISO_8859_1))) {
        assertFalse(text.contains(r), () -> "shows a secret: " + text);
      }
    }
    assertFalse(text.contains("dd_live_SECRET"), text);
  }

  @Test
  void toString_ofEnvelopeObjects_showsNoSecret() {
    EnvelopeRecipient recipient = EnvelopeFixtures.recipient();
    EnvelopeSealer sealer = EnvelopeFixtures.sealer();
    EnvelopeOpener opener = EnvelopeFixtures.opener();
    HybridCryptoEnvelope e = sealer.seal(recipient, "req_redact", PLAINTEXT.clone());
    for (Object o : List.of(recipient, sealer, opener, e)) {
      assertShowsNoSecret(o.toString());
    }
    assertTrue(recipient.toString().contains("redacted"));
    assertShowsNoSecret(recipient.macKey().toString());
  }

  @Test
  void failures_showNoSecret_inMessageOrStackTrace() {
    HybridCryptoEnvelope e =
        EnvelopeFixtures.sealer().seal(EnvelopeFixtures.recipient(), "req_fail", PLAINTEXT.clone());
    byte[] mac = e.mac();
    mac[5] ^= 4;
    HybridCryptoEnvelope bad = EnvelopeFixtures.withBinary(e, "mac", mac);
    try {
      EnvelopeFixtures.opener().open(bad);
      throw new AssertionError("expected rejection");
    } catch (InvalidEnvelopeException ex) {
      StringWriter w = new StringWriter();
      ex.printStackTrace(new PrintWriter(w));
      assertShowsNoSecret(w.toString());
    }
  }
}
