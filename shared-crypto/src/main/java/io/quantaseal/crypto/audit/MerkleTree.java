package io.quantaseal.crypto.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The Merkle Tree Hash of RFC 6962 section 2.1, with SHA-256:
 *
 * <pre>
 * MTH({})       = SHA-256()
 * leaf hash     = SHA-256(0x00 || d)
 * MTH({d0})     = SHA-256(0x00 || d0)
 * MTH(D[n])     = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n])),  k the largest power of 2 below n
 * </pre>
 *
 * <p>{@link #root} takes leaf hashes (already prefixed with 0x00 and hashed): the audit trail's
 * leaf is the RFC 6962 leaf hash of a record's canonical JSON ({@link AuditRecord#leafHash}). The
 * split point is RFC 6962's, not the midpoint, and the construction is checked against the
 * Certificate Transparency reference tree (docs/vectors/rfc6962-merkle.json).
 */
public final class MerkleTree {
  /** Length of every hash: SHA-256. */
  public static final int HASH_LENGTH = 32;

  private static final byte LEAF_PREFIX = 0x00;
  private static final byte NODE_PREFIX = 0x01;

  private MerkleTree() {}

  /** MTH of no leaves: SHA-256 of the empty string. */
  public static byte[] emptyRoot() {
    return sha256().digest();
  }

  /** The RFC 6962 leaf hash of {@code data}: SHA-256(0x00 || data). */
  public static byte[] leafHash(byte[] data) {
    MessageDigest sha = sha256();
    sha.update(LEAF_PREFIX);
    sha.update(data);
    return sha.digest();
  }

  /** The RFC 6962 interior node hash: SHA-256(0x01 || left || right). */
  public static byte[] nodeHash(byte[] left, byte[] right) {
    requireHash(left);
    requireHash(right);
    MessageDigest sha = sha256();
    sha.update(NODE_PREFIX);
    sha.update(left);
    sha.update(right);
    return sha.digest();
  }

  /** MTH of the leaves whose leaf hashes are {@code leafHashes}, in that order. */
  public static byte[] root(List<byte[]> leafHashes) {
    if (leafHashes.isEmpty()) {
      return emptyRoot();
    }
    for (byte[] h : leafHashes) {
      requireHash(h);
    }
    return subtree(leafHashes, 0, leafHashes.size());
  }

  /** The largest power of two strictly below {@code n} (n at least 2). */
  static int split(int n) {
    if (n < 2) {
      throw new IllegalArgumentException("a tree of fewer than 2 leaves has no split");
    }
    return Integer.highestOneBit(n - 1);
  }

  private static byte[] subtree(List<byte[]> leaves, int from, int to) {
    int n = to - from;
    if (n == 1) {
      return leaves.get(from).clone();
    }
    int k = split(n);
    return nodeHash(subtree(leaves, from, from + k), subtree(leaves, from + k, to));
  }

  private static void requireHash(byte[] h) {
    if (h == null || h.length != HASH_LENGTH) {
      throw new IllegalArgumentException("a Merkle tree hash is 32 bytes");
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
