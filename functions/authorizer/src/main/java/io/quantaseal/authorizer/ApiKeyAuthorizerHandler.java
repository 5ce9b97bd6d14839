package io.quantaseal.authorizer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponse;
import io.quantaseal.common.lambda.ApiGatewayAdapter;
import io.quantaseal.common.lambda.InvocationLogging;
import io.quantaseal.common.tenancy.UsageKeys;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * AuthorizerFunction: API Gateway REQUEST authorizer on {@code X-API-Key}.
 *
 * <p>Allow → an IAM policy for the whole API (so API Gateway may cache the decision per key) with
 * {@code tenant_id}, {@code api_key_id} and {@code scopes} in the context. Missing or malformed key
 * → the exception "Unauthorized", which API Gateway answers with 401 (the UNAUTHORIZED gateway
 * response carries {@code missing_api_key}). Unknown or revoked → a Deny policy, answered 403 (the
 * ACCESS_DENIED gateway response carries {@code invalid_api_key}).
 */
public final class ApiKeyAuthorizerHandler
    implements RequestHandler<APIGatewayCustomAuthorizerEvent, IamPolicyResponse> {
  /** The message API Gateway turns into 401. */
  public static final String UNAUTHORIZED = "Unauthorized";

  private final ApiKeyAuthorizer authorizer;

  /** Per container: {@link AuthorizerFunction#fromEnvironment()}. */
  public ApiKeyAuthorizerHandler() {
    this(AuthorizerFunction.fromEnvironment().authorizer());
  }

  /** For {@link AuthorizerFunction#handler()} and tests. */
  ApiKeyAuthorizerHandler(ApiKeyAuthorizer authorizer) {
    this.authorizer = authorizer;
  }

  @Override
  public IamPolicyResponse handleRequest(APIGatewayCustomAuthorizerEvent event, Context context) {
    return InvocationLogging.around(context, () -> decide(event));
  }

  IamPolicyResponse decide(APIGatewayCustomAuthorizerEvent event) {
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (event.getHeaders() != null) {
      headers.putAll(event.getHeaders());
    }
    String requestId =
        event.getRequestContext() != null && event.getRequestContext().getRequestId() != null
            ? "req_" + event.getRequestContext().getRequestId()
            : "req_unknown";
    String sourceIp =
        event.getRequestContext() != null && event.getRequestContext().getIdentity() != null
            ? event.getRequestContext().getIdentity().getSourceIp()
            : null;
    ApiKeyAuthorizer.Decision d =
        authorizer.authorize(Optional.ofNullable(headers.get("X-API-Key")), requestId, sourceIp);
    if (d instanceof ApiKeyAuthorizer.Decision.Missing) {
      throw new RuntimeException(UNAUTHORIZED);
    }
    String resource = apiWideResource(event.getMethodArn());
    if (d instanceof ApiKeyAuthorizer.Decision.Allow allow) {
      return new TenantPolicyResponse(
          allow.caller().apiKeyId(),
          IamPolicyResponse.PolicyDocument.builder()
              .withVersion(IamPolicyResponse.VERSION_2012_10_17)
              .withStatement(List.of(IamPolicyResponse.allowStatement(resource)))
              .build(),
          Map.of(
              ApiGatewayAdapter.CONTEXT_TENANT, allow.caller().tenantId(),
              ApiGatewayAdapter.CONTEXT_API_KEY, allow.caller().apiKeyId(),
              ApiGatewayAdapter.CONTEXT_SCOPES,
                  String.join(" ", allow.caller().scopes().stream().sorted().toList())),
          UsageKeys.of(allow.caller().tenantId()));
    }
    return IamPolicyResponse.builder()
        .withPrincipalId("anonymous")
        .withPolicyDocument(
            IamPolicyResponse.PolicyDocument.builder()
                .withVersion(IamPolicyResponse.VERSION_2012_10_17)
                .withStatement(List.of(IamPolicyResponse.denyStatement(resource)))
                .build())
        .build();
  }

  /** arn:aws:execute-api:region:account:api/stage/METHOD/path → arn:…:api/stage/*. */
  static String apiWideResource(String methodArn) {
    if (methodArn == null) {
      return "*";
    }
    String[] parts = methodArn.split("/", 3);
    return parts.length >= 2 ? parts[0] + "/" + parts[1] + "/*" : methodArn;
  }
}
