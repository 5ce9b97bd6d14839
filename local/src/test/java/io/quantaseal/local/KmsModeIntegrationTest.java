package io.quantaseal.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantaseal.operator.OperatorCommands;
import io.quantaseal.testsupport.MotoServer;
import io.quantaseal.testsupport.RepoRoot;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner with a KMS endpoint (moto's server on 127.0.0.1) instead of the local keyring: a
 * service key and a tenant CMK with its {@code alias/quantaseal/tenant/} alias are created there,
 * and sealing, the server keys and unsealing go through KMS.
 */
class KmsModeIntegrationTest {
  @TempDir Path dataDir;

  @Test
  void withAKmsEndpoint_tenantKeysAndSealingUseKms() throws Exception {
    try (MotoServer moto = MotoServer.start();
        LocalRunner runner =
            LocalRunner.start(
                LocalRunOptions.builder(RepoRoot.find())
                    .dataDir(dataDir)
                    .kmsEndpoint(Optional.of(moto.endpoint()))
                    .unsealKey(true)
                    .build(),
                true,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
      assertTrue(
          runner.services().keyringDescription().startsWith("AWS KMS at "),
          runner.services().keyringDescription());
      var aliases =
          moto.kmsClient().listAliasesPaginator(r -> {}).aliases().stream()
              .map(a -> a.aliasName())
              .toList();
      assertTrue(
          aliases.contains(OperatorCommands.TENANT_KEY_ALIAS_PREFIX + runner.tenantId()),
          aliases.toString());
      assertTrue(aliases.contains(LocalServices.SERVICE_KEY_ALIAS), aliases.toString());

      Http http = new Http(runner.baseUrl());
      Http.Answer sealed =
          http.post(
              "/api/v2/vault/seal",
              runner.apiKey(),
              "{\"credential_type\":\"bearer_token\",\"value\":\"a-token-only-kms-can-open\"}");
      assertEquals(201, sealed.status(), sealed.toString());
      assertEquals(200, http.get("/api/v2/encryption/server-keys", runner.apiKey()).status());
      ByteArrayOutputStream pub = new ByteArrayOutputStream();
      ClientTools.newClientKey(
          dataDir.resolve("ck.json"), new PrintStream(pub, true, StandardCharsets.UTF_8));
      assertEquals(
          201,
          http.post(
                  "/api/v2/encryption/client-keys",
                  runner.unsealApiKey().orElseThrow(),
                  pub.toString(StandardCharsets.UTF_8))
              .status());
      Http.Answer unsealed =
          http.post(
              "/api/v2/vault/unseal",
              runner.unsealApiKey().orElseThrow(),
              "{\"vault_entry_id\":\"" + sealed.json().path("vault_entry_id").asText() + "\"}");
      assertEquals(200, unsealed.status(), unsealed.toString());
      assertEquals(1, unsealed.json().path("v").asInt());
    }
  }
}
