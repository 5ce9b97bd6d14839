/**
 * The Java client's envelope conformance runner: checks the client against a conformance file such
 * as {@code docs/vectors/envelope-v1-conformance.json} (docs/envelope.md, "Conformance"), the same
 * file every QuantaSeal SDK's runner passes.
 */
package io.quantaseal.client.conformance;
