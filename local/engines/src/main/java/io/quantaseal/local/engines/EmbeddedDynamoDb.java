package io.quantaseal.local.engines;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/**
 * Starts DynamoDB Local inside this JVM (embedded mode: no socket, nothing to bind), telemetry off,
 * in memory or in a directory. The one starter shared by the local runner and test-support's {@code
 * LocalDynamoDb}.
 *
 * <p>Native SQLite: DynamoDB Local 3.x ships {@code libsqlite4java} for Linux, macOS and Windows
 * (x86_64 and aarch64) inside its own jar and extracts the right one to {@code -Dorg.sqlite.tmpdir}
 * (default {@code java.io.tmpdir}) on first use, so nothing has to be unpacked by the build. On a
 * host whose temp directory is mounted {@code noexec}, set {@code -Dorg.sqlite.tmpdir} to an
 * executable directory.
 */
public final class EmbeddedDynamoDb {
  private EmbeddedDynamoDb() {}

  /** An empty in-memory database. */
  public static AmazonDynamoDBLocal inMemory() {
    return start(null);
  }

  /**
   * The database file that {@link #inDirectory} keeps in its directory: the name DynamoDB Local's
   * HTTP handler gives a shared database, so that {@link LoopbackDynamoDb} serves the same one.
   */
  public static final String DATABASE_FILE = "shared-local-instance.db";

  /** The file name used before the database was shared with {@link LoopbackDynamoDb}. */
  static final String OLD_DATABASE_FILE = "dynamodb-local.db";

  /**
   * A database kept in {@code directory}/{@value #DATABASE_FILE} (the directory is created if
   * missing), so tables and items survive a restart.
   */
  public static AmazonDynamoDBLocal inDirectory(Path directory) {
    prepare(directory);
    return start(directory.resolve(DATABASE_FILE).toFile());
  }

  /**
   * Creates {@code directory} and renames a database of the old name to {@value #DATABASE_FILE}.
   */
  static void prepare(Path directory) {
    try {
      Files.createDirectories(directory);
      Path old = directory.resolve(OLD_DATABASE_FILE);
      Path current = directory.resolve(DATABASE_FILE);
      if (Files.isRegularFile(old) && !Files.exists(current)) {
        Files.move(old, current);
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException("Cannot prepare " + directory, e);
    }
  }

  private static AmazonDynamoDBLocal start(File directory) {
    try {
      return directory == null
          ? DynamoDBEmbedded.create(/* telemetryDisabled= */ true)
          : DynamoDBEmbedded.create(directory, /* telemetryDisabled= */ true);
    } catch (LinkageError | RuntimeException e) {
      throw new IllegalStateException(
          "DynamoDB Local could not start; if the native SQLite library failed to load, the temp"
              + " directory may be noexec: set -Dorg.sqlite.tmpdir to an executable directory"
              + " (e.g. target/) or -Dorg.sqlite.lib.path to a directory holding libsqlite4java",
          e);
    }
  }
}
