package io.quantaseal.authorizer;

import com.amazonaws.services.lambda.runtime.events.IamPolicyResponse;
import java.util.Map;

/**
 * The authorizer's answer with the tenant's usage-plan key as {@code usageIdentifierKey}: with
 * {@code ApiKeySourceType: AUTHORIZER} (template.yaml) API Gateway throttles the request by the
 * usage plan that key is in, so each tenant has its own limits (docs/deploy.md, "Per-tenant rate
 * limits"). The events library's {@link IamPolicyResponse} has no such field.
 */
public final class TenantPolicyResponse extends IamPolicyResponse {
  private static final long serialVersionUID = 1L;

  private final String usageIdentifierKey;

  TenantPolicyResponse(
      String principalId,
      PolicyDocument policyDocument,
      Map<String, Object> context,
      String usageIdentifierKey) {
    super(principalId, policyDocument, context);
    this.usageIdentifierKey = usageIdentifierKey;
  }

  public String getUsageIdentifierKey() {
    return usageIdentifierKey;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TenantPolicyResponse t
        && super.equals(o)
        && usageIdentifierKey.equals(t.usageIdentifierKey);
  }

  @Override
  public int hashCode() {
    return 31 * super.hashCode() + usageIdentifierKey.hashCode();
  }
}
