package io.quantaseal.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

/**
 * How AWS Lambda's managed Java runtime starts a function's JVM, reproduced on this machine.
 *
 * <p>The flags are the runtime's own. AWS documents that the java17 and java21 runtimes stop tiered
 * compilation at level 1 (C1 only) and use the serial collector by default (<a
 * href="https://docs.aws.amazon.com/lambda/latest/dg/java-customization.html">Customize Java
 * runtime startup behavior</a>); the full command line of the runtime, as printed from inside a
 * java17 function (github.com/sigpwned/the-lambda-iceberg-dissecting-the-official-java-runtimes,
 * data/17/), is {@code java -XX:MaxHeapSize=891289k -javaagent:/var/runtime/lib/Log4jHotPatch.jar=…
 * -XX:+UseSerialGC -Xshare:on -XX:SharedArchiveFile=/var/lang/lib/server/runtime.jsa
 * -XX:+TieredCompilation -XX:TieredStopAtLevel=1 --add-opens=java.base/java.io=ALL-UNNAMED
 * -Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac -XX:+ErrorFileToStderr
 * -D…NativeClient.JNI=/var/runtime/lib/jni/libaws-lambda-jni.linux-x86_64.so -classpath
 * /var/runtime/lib/aws-lambda-java-core-….jar:…runtime-interface-client….jar:…serialization….jar
 * com.amazonaws.services.lambda.runtime.api.client.AWSLambda <handler>} at 1024 MB (the heap is 85
 * % of the memory). {@link #command} is that line with two differences: {@code -Xshare:auto} with
 * the local JDK's default CDS archive instead of Lambda's {@code runtime.jsa}, and no Log4j
 * hot-patch agent (it is not published in that form).
 *
 * <p>The environment ({@link #environment}) is the runtime's: {@code TZ=:UTC}, {@code
 * LAMBDA_TASK_ROOT}, {@code _HANDLER}, {@code AWS_EXECUTION_ENV=AWS_Lambda_java21}, the function's
 * name, memory and version. The working directory is the task root, from which the runtime
 * interface client's {@code CustomerClassLoader} loads the function (the task root itself and
 * {@code lib/*.jar}, where {@code sam build} puts the jar), as {@code /var/task} in Lambda.
 *
 * @param javaExecutable the {@code java} executable of the JVM to run
 * @param runtimeLibraries the runtime's class path: aws-lambda-java-core, the runtime interface
 *     client and aws-lambda-java-serialization
 * @param jniLibrary the runtime interface client's native library, already extracted (as Lambda
 *     ships it); empty: the client extracts it from its jar to /tmp on every start
 * @param extraJvmOptions options added after the runtime's (instrumentation such as {@code
 *     -Xlog:class+load})
 */
public record LambdaJavaRuntime(
    Path javaExecutable,
    List<Path> runtimeLibraries,
    Optional<Path> jniLibrary,
    List<String> extraJvmOptions) {

  /** The runtime interface client's entry point, which loads and calls the handler. */
  public static final String RUNTIME_CLIENT_MAIN =
      "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

  /** The system property that points the runtime interface client at its native library. */
  public static final String JNI_PROPERTY =
      "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

  /** {@code AWS_EXECUTION_ENV} of the java21 runtime (template.yaml's {@code Runtime}). */
  public static final String EXECUTION_ENV = "AWS_Lambda_java21";

  public LambdaJavaRuntime {
    runtimeLibraries = List.copyOf(runtimeLibraries);
    extraJvmOptions = List.copyOf(extraJvmOptions);
  }

  /** The same runtime with more JVM options after the runtime's own. */
  public LambdaJavaRuntime withExtraJvmOptions(List<String> more) {
    List<String> all = new ArrayList<>(extraJvmOptions);
    all.addAll(more);
    return new LambdaJavaRuntime(javaExecutable, runtimeLibraries, jniLibrary, all);
  }

  /** The heap the runtime gives a function of {@code memoryMb}: 85 % of it, in KiB. */
  public static long maxHeapKib(int memoryMb) {
    return memoryMb * 1024L * 85 / 100;
  }

  /** The runtime's JVM flags for a function of {@code memoryMb}, without class path and main. */
  public static List<String> runtimeJvmFlags(int memoryMb) {
    return List.of(
        "-XX:MaxHeapSize=" + maxHeapKib(memoryMb) + "k",
        "-XX:+UseSerialGC",
        "-Xshare:auto",
        "-XX:+TieredCompilation",
        "-XX:TieredStopAtLevel=1",
        "--add-opens=java.base/java.io=ALL-UNNAMED",
        "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac",
        "-XX:+ErrorFileToStderr");
  }

  /** The whole command line that starts the function's JVM. */
  public List<String> command(int memoryMb, String handler) {
    List<String> cmd = new ArrayList<>();
    cmd.add(javaExecutable.toString());
    cmd.addAll(runtimeJvmFlags(memoryMb));
    jniLibrary.ifPresent(p -> cmd.add("-D" + JNI_PROPERTY + "=" + p));
    cmd.addAll(extraJvmOptions);
    cmd.add("-classpath");
    cmd.add(
        runtimeLibraries.stream()
            .map(Path::toString)
            .collect(Collectors.joining(java.io.File.pathSeparator)));
    cmd.add(RUNTIME_CLIENT_MAIN);
    cmd.add(handler);
    return cmd;
  }

  /**
   * The variables the runtime sets for every function; the function's own (template.yaml, region,
   * credentials) are added by the caller.
   */
  public static Map<String, String> environment(
      String functionName, int memoryMb, String handler, Path taskRoot) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
    env.put("LANG", "en_US.UTF-8");
    env.put("TZ", ":UTC");
    env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
    env.put("LAMBDA_RUNTIME_DIR", taskRoot.toString());
    env.put("_HANDLER", handler);
    env.put("AWS_EXECUTION_ENV", EXECUTION_ENV);
    env.put("AWS_LAMBDA_FUNCTION_NAME", functionName);
    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(memoryMb));
    env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
    env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + functionName);
    env.put("AWS_LAMBDA_LOG_STREAM_NAME", "local/[$LATEST]emulator");
    return env;
  }

  /**
   * Extracts the runtime interface client's native library for this machine from its jar into
   * {@code dir} (once), as Lambda ships it in /var/runtime/lib/jni; empty when the jar has none for
   * this platform.
   */
  public static Optional<Path> extractJniLibrary(Path runtimeClientJar, Path dir) {
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    String name =
        switch (arch) {
          case "amd64", "x86_64" -> "libaws-lambda-jni.linux-x86_64.so";
          case "aarch64", "arm64" -> "libaws-lambda-jni.linux-aarch_64.so";
          default -> null;
        };
    if (name == null
        || !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).equals("linux")) {
      return Optional.empty();
    }
    try (JarFile jar = new JarFile(runtimeClientJar.toFile())) {
      var entry = jar.getJarEntry("jni/" + name);
      if (entry == null) {
        return Optional.empty();
      }
      Files.createDirectories(dir);
      Path out = dir.resolve(name);
      if (!Files.exists(out) || Files.size(out) != entry.getSize()) {
        Path tmp = Files.createTempFile(dir, name, ".part");
        try (InputStream in = jar.getInputStream(entry)) {
          Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
      return Optional.of(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot extract " + name + " from " + runtimeClientJar, e);
    }
  }
}
