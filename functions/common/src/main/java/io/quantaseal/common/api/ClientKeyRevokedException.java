package io.quantaseal.common.api;

/**
 * 403 {@code client_key_revoked}: the request names, in {@code rkid}, a client key that the calling
 * API key registered and then revoked; no envelope is ever sealed to a revoked key. Only the API
 * key that registered it is told so; to any other caller it is an unusable key like any other
 * ({@link ClientKeyNotUsableException}).
 */
public final class ClientKeyRevokedException extends ClientKeyNotUsableException {
  private static final long serialVersionUID = 1L;

  public ClientKeyRevokedException() {
    super(
        "The client key named in 'rkid' was revoked; nothing is sealed to a revoked key. Register"
            + " a new client key (POST /api/v2/encryption/client-keys) and name it in 'rkid'.");
  }

  @Override
  public String code() {
    return "client_key_revoked";
  }
}
