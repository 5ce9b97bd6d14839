package io.quantaseal.coldstart.floor;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The lower floor of a cold start: the runtime alone. It reads the event and answers {@code {}}
 * without touching anything else, so its first answer is the JVM, the runtime interface client and
 * one invocation.
 */
public final class NullHandler implements RequestStreamHandler {
  private static final byte[] ANSWER = "{}".getBytes(StandardCharsets.UTF_8);

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    input.transferTo(OutputStream.nullOutputStream());
    output.write(ANSWER);
  }
}
