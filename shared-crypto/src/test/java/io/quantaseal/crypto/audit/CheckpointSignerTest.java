package io.quantaseal.crypto.audit;

import static io.quantaseal.crypto.audit.AuditFixtures.KEY;
import static io.quantaseal.crypto.audit.AuditFixtures.OTHER_KEY;
import static io.quantaseal.crypto.audit.AuditFixtures.SIGNER;
import static io.quantaseal.crypto.audit.AuditFixtures.SKID;
import static io.quantaseal.crypto.audit.AuditFixtures.TENANT;
import static io.quantaseal.crypto.audit.AuditFixtures.periodStart;
import static io.quantaseal.crypto.audit.AuditFixtures.record;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantaseal.crypto.signature.MlDsa65;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CheckpointSignerTest {
  private static final SignedCheckpoint SIGNED =
      SIGNER.next(
          Optional.empty(), TENANT, periodStart(0), periodStart(1), List.of(record(0, 5, 1)));

  @Test
  void signatureIsMlDsa65OverTheCanonicalBodyWithTheAuditContext() {
    assertTrue(SIGNED.isSignedBy(KEY.publicKey()));
    assertTrue(
        MlDsa65.verify(
            KEY.publicKey(),
            SIGNED.body().canonicalBytes(),
            "quantaseal/audit/v1".getBytes(StandardCharsets.US_ASCII),
            SIGNED.sig()));
    assertFalse(
        MlDsa65.verify(KEY.publicKey(), SIGNED.body().canonicalBytes(), new byte[0], SIGNED.sig()),
        "the context is part of what is signed");
    assertFalse(SIGNED.isSignedBy(OTHER_KEY.publicKey()));
  }

  @Test
  void hedgedSigningDiffersEachTimeDeterministicDoesNot() {
    CheckpointBody body = SIGNED.body();
    assertFalse(Arrays.equals(SIGNER.sign(body).sig(), SIGNER.sign(body).sig()));
    assertArrayEquals(
        SIGNER.signDeterministically(body).sig(), SIGNER.signDeterministically(body).sig());
    assertTrue(SIGNER.signDeterministically(body).isSignedBy(KEY.publicKey()));
  }

  @Test
  void signsOnlyBodiesNamingItsKey() {
    CheckpointSigner other = new CheckpointSigner("sk_other", OTHER_KEY, new SecureRandom());
    assertThrows(IllegalArgumentException.class, () -> other.sign(SIGNED.body()));
    assertThrows(IllegalArgumentException.class, () -> other.signDeterministically(SIGNED.body()));
    assertEquals(SKID, SIGNER.skid());
  }

  @Test
  void signedCheckpointJsonRoundTripsAndIgnoresUnsignedMembers() {
    SignedCheckpoint back = SignedCheckpoint.fromJson(SIGNED.toJson());
    assertEquals(SIGNED.body(), back.body());
    assertArrayEquals(SIGNED.sig(), back.sig());
    var json = SIGNED.toJson();
    json.put("checkpoint_id", "cp_1");
    assertTrue(SignedCheckpoint.fromJson(json).isSignedBy(KEY.publicKey()));
    assertTrue(SignedCheckpoint.parse(SIGNED.toJson().toString()).isSignedBy(KEY.publicKey()));
  }

  @Test
  void signedCheckpointJsonIsChecked() {
    var noSig = SIGNED.toJson();
    noSig.remove("sig");
    assertThrows(AuditFormatException.class, () -> SignedCheckpoint.fromJson(noSig));
    var shortSig = SIGNED.toJson();
    shortSig.put("sig", Base64Url.encode(new byte[100]));
    assertThrows(AuditFormatException.class, () -> SignedCheckpoint.fromJson(shortSig));
    var noBody = SIGNED.toJson();
    noBody.remove("body");
    assertThrows(AuditFormatException.class, () -> SignedCheckpoint.fromJson(noBody));
    assertThrows(AuditFormatException.class, () -> SignedCheckpoint.parse("[]"));
  }

  @Test
  void printsNoKey() {
    assertEquals("CheckpointSigner[skid=" + SKID + "]", SIGNER.toString());
  }
}
