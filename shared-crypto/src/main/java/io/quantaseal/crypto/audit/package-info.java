/**
 * The verifiable audit trail, version 1 (docs/audit.md): RFC 8785 canonical JSON ({@link
 * io.quantaseal.crypto.audit.Jcs}), the RFC 6962 Merkle tree hash ({@link
 * io.quantaseal.crypto.audit.MerkleTree}), audit records and their leaf hashes ({@link
 * io.quantaseal.crypto.audit.AuditRecord}), checkpoint bodies signed with ML-DSA-65 under the
 * context {@code quantaseal/audit/v1} ({@link io.quantaseal.crypto.audit.CheckpointBody}, {@link
 * io.quantaseal.crypto.audit.CheckpointSigner}, {@link
 * io.quantaseal.crypto.audit.SignedCheckpoint}) and a verifier that names the first failing period
 * ({@link io.quantaseal.crypto.audit.AuditTrailVerifier}).
 *
 * <p>Pure: no I/O, no clock, no AWS. The service writes what {@link
 * io.quantaseal.crypto.audit.CheckpointSigner} makes; every SDK checks it the way {@link
 * io.quantaseal.crypto.audit.AuditTrailVerifier} does; {@code docs/vectors/audit-v1.json} holds the
 * known answers both must reproduce.
 */
package io.quantaseal.crypto.audit;
