package io.quantaseal.testsupport;

import java.io.File;
import java.util.Arrays;

/** Run in a fresh JVM by {@link DynamoDbLocalNativeLibraryIntegrationTest}. */
public final class NativeLibraryProbe {
  private NativeLibraryProbe() {}

  public static void main(String[] args) {
    System.out.println(
        "sqlite4java.library.path=" + System.getProperty("sqlite4java.library.path"));
    try (LocalDynamoDb db = LocalDynamoDb.start()) {
      db.createTable(TableDefinition.of("probe-table", "pk", null));
      System.out.println("tables=" + db.tableNames());
      File[] extracted = new File(System.getProperty("org.sqlite.tmpdir")).listFiles();
      System.out.println("extracted=" + Arrays.toString(extracted));
    }
    System.out.println("OK");
    System.exit(0);
  }
}
