package io.quantaseal.testsupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.DisabledException;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.KmsInvalidStateException;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MotoServerIntegrationTest {

  private static final Map<String, String> CONTEXT =
      Map.of("tenant_id", "ten_1", "vault_entry_id", "vlt_1");

  private MotoServer moto;
  private KmsClient kms;

  @BeforeAll
  void startMoto() {
    moto = MotoServer.start();
    // The ordinary SDK v2 client, pointed at moto: what a handler's test constructor gets.
    kms =
        KmsClient.builder()
            .endpointOverride(moto.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(MotoServer.CREDENTIALS)
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build();
  }

  @AfterAll
  void stopMoto() {
    kms.close();
    moto.close();
  }

  private String newKey() {
    return kms.createKey(r -> r.description("tenant CMK")).keyMetadata().keyId();
  }

  private GenerateDataKeyResponse dataKey(String keyId) {
    return kms.generateDataKey(
        r -> r.keyId(keyId).keySpec(DataKeySpec.AES_256).encryptionContext(CONTEXT));
  }

  private SdkBytes decrypt(SdkBytes blob, Map<String, String> context) {
    return kms.decrypt(r -> r.ciphertextBlob(blob).encryptionContext(context)).plaintext();
  }

  @Test
  void endpoint_isLoopbackWithItsPort() {
    assertEquals("http://127.0.0.1:" + moto.port(), moto.endpoint().toString());
  }

  @Test
  void generateDataKey_decryptWithSameContext_returnsPlaintext() {
    GenerateDataKeyResponse dk = dataKey(newKey());

    assertEquals(32, dk.plaintext().asByteArray().length);
    assertArrayEquals(
        dk.plaintext().asByteArray(), decrypt(dk.ciphertextBlob(), CONTEXT).asByteArray());
  }

  @Test
  void decrypt_wrongEncryptionContext_throwsInvalidCiphertext() {
    GenerateDataKeyResponse dk = dataKey(newKey());
    Map<String, String> otherEntry = Map.of("tenant_id", "ten_1", "vault_entry_id", "vlt_2");

    assertThrows(InvalidCiphertextException.class, () -> decrypt(dk.ciphertextBlob(), otherEntry));
    assertThrows(InvalidCiphertextException.class, () -> decrypt(dk.ciphertextBlob(), Map.of()));
  }

  @Test
  void decrypt_keyDisabled_throwsDisabledException_andWorksAgainWhenEnabled() {
    String keyId = newKey();
    GenerateDataKeyResponse dk = dataKey(keyId);

    kms.disableKey(r -> r.keyId(keyId));

    assertEquals(KeyState.DISABLED, kms.describeKey(r -> r.keyId(keyId)).keyMetadata().keyState());
    DisabledException e =
        assertThrows(DisabledException.class, () -> decrypt(dk.ciphertextBlob(), CONTEXT));
    assertEquals(400, e.statusCode());
    assertThrows(DisabledException.class, () -> dataKey(keyId));

    kms.enableKey(r -> r.keyId(keyId));

    assertArrayEquals(
        dk.plaintext().asByteArray(), decrypt(dk.ciphertextBlob(), CONTEXT).asByteArray());
  }

  @Test
  void decrypt_keyPendingDeletion_throwsInvalidState() {
    String keyId = newKey();
    GenerateDataKeyResponse dk = dataKey(keyId);

    kms.scheduleKeyDeletion(r -> r.keyId(keyId).pendingWindowInDays(7));

    assertThrows(KmsInvalidStateException.class, () -> decrypt(dk.ciphertextBlob(), CONTEXT));
  }

  @Test
  void client_fromServiceSpecificEndpointSetting_reachesMoto() {
    // AWS_ENDPOINT_URL_KMS semantics, via its system-property twin (the environment is read-only).
    String previous = System.getProperty("aws.endpointUrlKms");
    System.setProperty("aws.endpointUrlKms", moto.endpoint().toString());
    try (KmsClient fromSettings =
        KmsClient.builder()
            .region(Region.US_EAST_1)
            .credentialsProvider(MotoServer.CREDENTIALS)
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build()) {
      String keyId =
          fromSettings.createKey(r -> r.description("via settings")).keyMetadata().keyId();

      assertTrue(kms.describeKey(r -> r.keyId(keyId)).keyMetadata().enabled());
    } finally {
      if (previous == null) {
        System.clearProperty("aws.endpointUrlKms");
      } else {
        System.setProperty("aws.endpointUrlKms", previous);
      }
    }
  }

  @Test
  void reset_forgetsKeys() {
    try (MotoServer own = MotoServer.start()) {
      own.kmsClient().createKey(r -> r.description("gone after reset"));
      assertEquals(1, own.kmsClient().listKeys().keys().size());

      own.reset();

      assertEquals(0, own.kmsClient().listKeys().keys().size());
    }
  }

  @Test
  void plainMoto_withoutKeyStateChecks_stillDecryptsWithDisabledKey() {
    // Documents why MotoServer adds the checks: moto 5.2.5 records the state but ignores it.
    try (MotoServer plain = MotoServer.builder().kmsKeyStateChecks(false).start()) {
      KmsClient client = plain.kmsClient();
      String keyId = client.createKey(r -> r.description("plain")).keyMetadata().keyId();
      GenerateDataKeyResponse dk =
          client.generateDataKey(
              r -> r.keyId(keyId).keySpec(DataKeySpec.AES_256).encryptionContext(CONTEXT));
      client.disableKey(r -> r.keyId(keyId));

      SdkBytes plaintext =
          client
              .decrypt(r -> r.ciphertextBlob(dk.ciphertextBlob()).encryptionContext(CONTEXT))
              .plaintext();

      assertArrayEquals(dk.plaintext().asByteArray(), plaintext.asByteArray());
    }
  }

  @Test
  void close_stopsTheProcessAndFreesThePort() throws Exception {
    MotoServer own = MotoServer.start();
    int port = own.port();

    own.close();

    assertThrows(
        IOException.class,
        () -> {
          try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
          }
        });
    assertFalse(Files.exists(own.log()));
  }

  @Test
  void listensOnLoopbackOnly() throws Exception {
    Loopback.assertNotReachableFromOtherInterfaces(moto.port());
  }

  @Test
  void start_venvMissing_failsNamingTheScript(@TempDir Path emptyVenv) {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> MotoServer.builder().venv(emptyVenv).start());

    assertTrue(e.getMessage().contains("scripts/ensure-venv.sh"), e.getMessage());
    assertTrue(e.getMessage().contains(emptyVenv.toString()), e.getMessage());
  }

  @Test
  void defaultVenv_isDotVenvAtRepositoryRoot() {
    // Unless -Dqs.venv / QS_VENV say otherwise (they do not in this build).
    if (System.getProperty(MotoServer.VENV_PROPERTY) == null
        && System.getenv(MotoServer.VENV_ENV) == null) {
      assertEquals(RepoRoot.find().resolve(".venv"), MotoServer.defaultVenv());
    }
  }
}
