package io.quantaseal.client;

/**
 * The client lacks what a call needs: a base URL, an API key, or a client key for a call whose
 * answer is an envelope ({@link QuantaSealClient#withClientKey(ClientKey)}).
 */
public final class ConfigurationException extends QuantaSealClientException {
  private static final long serialVersionUID = 1L;

  /**
   * A configuration error.
   *
   * @param message what is missing and how to give it
   */
  public ConfigurationException(String message) {
    super(message);
  }
}
