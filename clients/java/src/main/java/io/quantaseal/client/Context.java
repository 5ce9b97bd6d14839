package io.quantaseal.client;

/**
 * What the resource groups of one client share: the transport, the server-key cache, the envelope
 * opener and the client key held (null until one is given). Immutable.
 */
record Context(
    Transport transport, ServerKeyCache serverKeys, Envelopes envelopes, ClientKey clientKey) {
  ClientKey requireClientKey() {
    if (clientKey == null) {
      throw new ConfigurationException(
          "this call answers an envelope and needs a client key: "
              + "qs = qs.withClientKey(qs.encryption().createClientKey()) or ClientKey.load(path)");
    }
    return clientKey;
  }

  Context withClientKey(ClientKey key) {
    return new Context(transport, serverKeys, envelopes, key);
  }
}
