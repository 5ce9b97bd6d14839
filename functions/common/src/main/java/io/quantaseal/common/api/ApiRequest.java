package io.quantaseal.common.api;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An HTTP request as the services see it: no Lambda types. Header names are case-insensitive.
 * {@code route} is the API's resource template, e.g. {@code POST /api/v2/vault/entries/{id}}.
 */
public final class ApiRequest {
  private final String method;
  private final String resource;
  private final String path;
  private final Map<String, String> pathParameters;
  private final Map<String, String> queryParameters;
  private final Map<String, String> headers;
  private final String body;
  private final String requestId;
  private final Caller caller;

  private ApiRequest(Builder b) {
    this.method = Objects.requireNonNull(b.method, "method");
    this.resource = Objects.requireNonNull(b.resource, "resource");
    this.path = b.path == null ? b.resource : b.path;
    this.pathParameters = Map.copyOf(b.pathParameters);
    this.queryParameters = Map.copyOf(b.queryParameters);
    TreeMap<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    h.putAll(b.headers);
    this.headers = java.util.Collections.unmodifiableMap(h);
    this.body = b.body;
    this.requestId = Objects.requireNonNull(b.requestId, "requestId");
    this.caller = b.caller;
  }

  public static Builder builder() {
    return new Builder();
  }

  public String method() {
    return method;
  }

  public String resource() {
    return resource;
  }

  /** "METHOD resource", the key routes are registered under. */
  public String route() {
    return method + " " + resource;
  }

  public String path() {
    return path;
  }

  public Optional<String> pathParameter(String name) {
    return Optional.ofNullable(pathParameters.get(name));
  }

  public Optional<String> queryParameter(String name) {
    return Optional.ofNullable(queryParameters.get(name));
  }

  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name));
  }

  public Map<String, String> headers() {
    return headers;
  }

  /** The raw body, or null. */
  public String body() {
    return body;
  }

  public String requestId() {
    return requestId;
  }

  /** The authenticated caller; every API route sits behind the authorizer. */
  public Caller caller() {
    if (caller == null) {
      throw new MissingApiKeyException("An API key is required.");
    }
    return caller;
  }

  @Override
  public String toString() {
    return "ApiRequest[" + route() + ", requestId=" + requestId + "]";
  }

  /** Builds an {@link ApiRequest}. */
  public static final class Builder {
    private String method;
    private String resource;
    private String path;
    private Map<String, String> pathParameters = Map.of();
    private Map<String, String> queryParameters = Map.of();
    private Map<String, String> headers = Map.of();
    private String body;
    private String requestId;
    private Caller caller;

    private Builder() {}

    public Builder method(String method) {
      this.method = method;
      return this;
    }

    public Builder resource(String resource) {
      this.resource = resource;
      return this;
    }

    public Builder path(String path) {
      this.path = path;
      return this;
    }

    public Builder pathParameters(Map<String, String> p) {
      this.pathParameters = p == null ? Map.of() : p;
      return this;
    }

    public Builder queryParameters(Map<String, String> q) {
      this.queryParameters = q == null ? Map.of() : q;
      return this;
    }

    public Builder headers(Map<String, String> h) {
      this.headers = h == null ? Map.of() : h;
      return this;
    }

    public Builder body(String body) {
      this.body = body;
      return this;
    }

    public Builder requestId(String requestId) {
      this.requestId = requestId;
      return this;
    }

    public Builder caller(Caller caller) {
      this.caller = caller;
      return this;
    }

    public ApiRequest build() {
      return new ApiRequest(this);
    }
  }
}
