package io.quantaseal.seal;

import io.quantaseal.common.api.ApiRouter;

/** The routes SealFunction serves (template.yaml maps the same paths to it). */
public final class SealRoutes {
  private SealRoutes() {}

  public static ApiRouter create(
      VaultService vault, EncryptionKeysService keys, ClientKeysService clientKeys) {
    return ApiRouter.builder()
        .route("POST", "/api/v2/vault/seal", vault::seal)
        .route("POST", "/api/v2/vault/unseal", vault::unseal)
        .route("GET", "/api/v2/vault/entries", vault::list)
        .route("GET", "/api/v2/vault/entries/{id}", vault::get)
        .route("DELETE", "/api/v2/vault/entries/{id}", vault::delete)
        .route("POST", "/api/v2/vault/entries/{id}/rotate", vault::rotate)
        .route("DELETE", "/api/v2/vault/entries/{id}/versions/{version}", vault::retireVersion)
        .route("POST", "/api/v2/encryption/client-keys", keys::registerClientKey)
        .route("GET", "/api/v2/encryption/client-keys", clientKeys::list)
        .route("DELETE", "/api/v2/encryption/client-keys/{rkid}", clientKeys::revoke)
        .route("GET", "/api/v2/encryption/server-keys", keys::serverKeys)
        .build();
  }
}
