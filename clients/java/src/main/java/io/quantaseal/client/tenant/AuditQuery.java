package io.quantaseal.client.tenant;

import java.time.Instant;

/**
 * Which audit records to list ({@code GET /api/v2/audit}): those in [{@code from}, {@code to}) of
 * one action and one outcome, each filter optional. A cursor continues only the query it came from.
 *
 * @param from the first instant (inclusive), or null
 * @param to the last instant (exclusive), or null
 * @param action only records of this action (e.g. {@code vault.unseal}), or null
 * @param outcome only records of this outcome, or null
 */
public record AuditQuery(Instant from, Instant to, String action, AuditOutcome outcome) {
  /**
   * Every record.
   *
   * @return the query without filters
   */
  public static AuditQuery all() {
    return new AuditQuery(null, null, null, null);
  }

  /**
   * A builder with no filter yet.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link AuditQuery}. */
  public static final class Builder {
    private Instant from;
    private Instant to;
    private String action;
    private AuditOutcome outcome;

    private Builder() {}

    /**
     * The first instant.
     *
     * @param from inclusive
     * @return this builder
     */
    public Builder from(Instant from) {
      this.from = from;
      return this;
    }

    /**
     * The last instant.
     *
     * @param to exclusive
     * @return this builder
     */
    public Builder to(Instant to) {
      this.to = to;
      return this;
    }

    /**
     * Only one action.
     *
     * @param action e.g. {@code vault.unseal}
     * @return this builder
     */
    public Builder action(String action) {
      this.action = action;
      return this;
    }

    /**
     * Only one outcome.
     *
     * @param outcome the outcome
     * @return this builder
     */
    public Builder outcome(AuditOutcome outcome) {
      this.outcome = outcome;
      return this;
    }

    /**
     * The query.
     *
     * @return the query
     */
    public AuditQuery build() {
      return new AuditQuery(from, to, action, outcome);
    }
  }
}
