package io.quantaseal.crypto.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link MerkleTree} against the Certificate Transparency reference tree (docs/vectors/
 * rfc6962-merkle.json): every root from 0 to 8 leaves and every complete subtree, so the prefixes,
 * the split rule and the empty root are RFC 6962's.
 */
class MerkleTreeReferenceTest {
  private static final JsonNode FILE = VectorFiles.json("rfc6962-merkle.json");
  private static final List<byte[]> LEAF_HASHES =
      VectorFiles.list(FILE.required("leaf_inputs")).stream()
          .map(VectorFiles::hex)
          .map(MerkleTree::leafHash)
          .toList();

  static Stream<Arguments> roots() {
    JsonNode roots = FILE.required("roots");
    return IntStream.range(0, roots.size())
        .mapToObj(n -> Arguments.of(Named.of(n + " leaves", n), VectorFiles.hex(roots.get(n))));
  }

  @ParameterizedTest
  @MethodSource("roots")
  void rootOfTheFirstLeavesIsTheReferenceRoot(int n, byte[] root) {
    assertArrayEquals(root, MerkleTree.root(LEAF_HASHES.subList(0, n)));
  }

  @Test
  void everyCompleteSubtreeIsTheReferenceNode() {
    JsonNode levels = FILE.required("node_hashes");
    for (int level = 0; level < levels.size(); level++) {
      int width = 1 << level;
      for (int i = 0; i < levels.get(level).size(); i++) {
        List<byte[]> leaves = LEAF_HASHES.subList(i * width, (i + 1) * width);
        assertArrayEquals(
            VectorFiles.hex(levels.get(level).get(i)),
            MerkleTree.root(leaves),
            "level " + level + " node " + i);
      }
    }
  }

  @Test
  void emptyRootIsSha256OfNothing() {
    assertArrayEquals(VectorFiles.hex(FILE.required("roots").get(0)), MerkleTree.emptyRoot());
  }

  @Test
  void interiorNodesArePrefixedWithOne() {
    JsonNode levels = FILE.required("node_hashes");
    assertArrayEquals(
        VectorFiles.hex(levels.get(1).get(0)),
        MerkleTree.nodeHash(LEAF_HASHES.get(0), LEAF_HASHES.get(1)));
  }

  @Test
  void splitIsTheLargestPowerOfTwoBelowNNotTheMidpoint() {
    int[][] expected = {
      {2, 1}, {3, 2}, {4, 2}, {5, 4}, {6, 4}, {7, 4}, {8, 4}, {9, 8}, {1000, 512}
    };
    for (int[] e : expected) {
      assertEquals(e[1], MerkleTree.split(e[0]), "n = " + e[0]);
    }
    assertEquals(1 << 30, MerkleTree.split(Integer.MAX_VALUE));
    assertThrows(IllegalArgumentException.class, () -> MerkleTree.split(1));
  }

  @Test
  void leafHashesMustBe32Bytes() {
    assertThrows(IllegalArgumentException.class, () -> MerkleTree.root(List.of(new byte[31])));
    assertThrows(
        IllegalArgumentException.class, () -> MerkleTree.nodeHash(new byte[32], new byte[33]));
  }

  @Test
  void aSingleLeafTreeIsItsLeafHash() {
    byte[] leaf = LEAF_HASHES.get(3);
    assertArrayEquals(leaf, MerkleTree.root(List.of(leaf)));
  }
}
