package io.quantaseal.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quantaseal.client.StandIn.Reply;
import io.quantaseal.client.proxy.DatadogEvent;
import io.quantaseal.crypto.SecretBytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An answer is bound to its request (docs/clients.md; docs/envelope.md, "Binding an answer to its
 * request"): the stand-in seals real envelopes and misbehaves like a man in the middle: it replays
 * an earlier valid envelope under a new X-Request-Id, drops the header, answers with an envelope to
 * another client key, or tampers with one byte.
 */
class AnswerBindingTest {
  enum Mode {
    HONEST,
    REPLAY_PREVIOUS,
    NO_REQUEST_ID,
    TO_OTHER_CLIENT_KEY,
    TAMPERED
  }

  private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.HONEST);
  private final AtomicReference<String> previous = new AtomicReference<>();
  private final SecretBytes otherSeed = SecretBytes.random(64, StandIn.RANDOM);
  private StandIn api;
  private QuantaSealClient qs;

  @BeforeEach
  void start() throws IOException {
    api = new StandIn();
    qs = api.client();
    api.handle(
        r -> {
          String rid = api.nextRequestId();
          String plaintext =
              r.path().endsWith("/unseal")
                  ? "{\"vault_entry_id\":\"vlt_1\",\"credential_type\":\"bearer_token\",\"version\":1,"
                      + "\"values\":{\"token\":\"secret-"
                      + rid
                      + "\"}}"
                  : "{\"integration_id\":\"int_1\",\"operation\":\"send_event\",\"upstream\":"
                      + "{\"status\":202,\"body\":{\"n\":\""
                      + rid
                      + "\"},\"latency_ms\":1},\"audit_id\":\"aud_1\"}";
          Mode m = mode.get();
          String envelope =
              m == Mode.TO_OTHER_CLIENT_KEY
                  ? api.envelope(rid, plaintext, "ck_other", otherSeed)
                  : api.envelope(rid, plaintext);
          String served = m == Mode.REPLAY_PREVIOUS ? previous.get() : envelope;
          if (m == Mode.TAMPERED) {
            int at = served.indexOf("\"ct\":\"") + 7;
            served =
                served.substring(0, at)
                    + (served.charAt(at) == 'A' ? 'B' : 'A')
                    + served.substring(at + 1);
          }
          previous.set(envelope);
          Reply reply =
              Reply.json(r.path().endsWith("/unseal") ? 200 : 202, served)
                  .with("X-QS-Source", "upstream");
          return m == Mode.NO_REQUEST_ID ? reply : reply.with("X-Request-Id", rid);
        });
  }

  @AfterEach
  void stop() {
    api.close();
    otherSeed.close();
  }

  @Test
  void honestAnswers_open_andTheRequestsNameTheClientKey() {
    assertEquals("secret-req_standin-1", qs.vault().unseal("vlt_1").value("token"));
    var answer = qs.proxy().outbound("int_1", DatadogEvent.of("t", "x"));
    assertEquals(202, answer.upstream().status());
    assertEquals("req_standin-2", answer.requestId());
    assertEquals("req_standin-2", answer.upstream().body().path("n").asText());
    api.requests.forEach(r -> assertEquals(api.rkid, r.json().path("rkid").asText()));
  }

  @Test
  void anEarlierValidEnvelope_servedAsAnotherAnswer_isRejected() {
    qs.vault().unseal("vlt_1");
    mode.set(Mode.REPLAY_PREVIOUS);
    assertThrows(InvalidEnvelopeException.class, () -> qs.vault().unseal("vlt_1"));
    assertThrows(
        InvalidEnvelopeException.class,
        () -> qs.proxy().outbound("int_1", DatadogEvent.of("t", "x")));
  }

  @Test
  void anAnswerWithoutXRequestId_isRejected() {
    mode.set(Mode.NO_REQUEST_ID);
    assertThrows(InvalidEnvelopeException.class, () -> qs.vault().unseal("vlt_1"));
  }

  @Test
  void anEnvelopeToAnotherClientKey_isRejected_asAnswerAndByDecrypt() {
    mode.set(Mode.TO_OTHER_CLIENT_KEY);
    assertThrows(InvalidEnvelopeException.class, () -> qs.vault().unseal("vlt_1"));
    String envelope = previous.get();
    assertThrows(InvalidEnvelopeException.class, () -> qs.encryption().decrypt(envelope));
    // The holder of the other key opens it with decrypt (no request to bind it to).
    QuantaSealClient other =
        qs.withClientKey(ClientKey.of("ck_other", api.hkid, otherSeed, api.macKey));
    assertArrayEquals(
        ("{\"vault_entry_id\":\"vlt_1\",\"credential_type\":\"bearer_token\",\"version\":1,"
                + "\"values\":{\"token\":\"secret-req_standin-1\"}}")
            .getBytes(StandardCharsets.UTF_8),
        other.encryption().decrypt(envelope));
  }

  @Test
  void aTamperedEnvelope_isTheOneInvalidEnvelopeError() {
    mode.set(Mode.TAMPERED);
    InvalidEnvelopeException e =
        assertThrows(InvalidEnvelopeException.class, () -> qs.vault().unseal("vlt_1"));
    assertEquals(InvalidEnvelopeException.MESSAGE, e.getMessage());
    assertThrows(InvalidEnvelopeException.class, () -> qs.encryption().decrypt("{}"));
    assertThrows(InvalidEnvelopeException.class, () -> qs.encryption().decrypt("[1]"));
    assertThrows(InvalidEnvelopeException.class, () -> qs.encryption().decrypt((String) null));
  }
}
