package io.quantaseal.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepoRootTest {

  private static final String AGGREGATOR =
      "<project><modules><module>x</module></modules></project>";
  private static final String MODULE = "<project><parent/></project>";

  @Test
  void find_fromNestedModule_withoutVcs_returnsTopmostAggregator(@TempDir Path tmp)
      throws IOException {
    Path repo = tmp.resolve("repo");
    Path seal = repo.resolve("functions/seal");
    Files.createDirectories(seal);
    Files.writeString(repo.resolve("pom.xml"), AGGREGATOR);
    Files.writeString(repo.resolve("functions/pom.xml"), AGGREGATOR); // an aggregator too
    Files.writeString(seal.resolve("pom.xml"), MODULE);

    assertEquals(repo, RepoRoot.find(seal));
  }

  @Test
  void find_ciOrGitMarker_winsOverPoms(@TempDir Path tmp) throws IOException {
    Path repo = tmp.resolve("repo");
    Path module = repo.resolve("test-support");
    Files.createDirectories(module);
    Files.createDirectories(repo.resolve(".ci"));
    Files.writeString(tmp.resolve("pom.xml"), AGGREGATOR); // an unrelated project above
    Files.writeString(module.resolve("pom.xml"), MODULE);

    assertEquals(repo, RepoRoot.find(module));
  }

  @Test
  void find_gitWorktreeFile_isAMarker(@TempDir Path tmp) throws IOException {
    Path repo = tmp.resolve("worktree");
    Files.createDirectories(repo.resolve("a/b"));
    Files.writeString(repo.resolve(".git"), "gitdir: /elsewhere/.git/worktrees/w");

    assertEquals(repo, RepoRoot.find(repo.resolve("a/b")));
  }

  @Test
  void find_nothingAbove_failsNamingTheOverride(@TempDir Path tmp) {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> RepoRoot.find(tmp));

    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains(RepoRoot.PROPERTY));
  }

  @Test
  void find_fromThisModule_isTheDirectoryAboveIt() {
    Path here = Path.of("").toAbsolutePath();

    assertEquals(here.getParent(), RepoRoot.find());
  }
}
