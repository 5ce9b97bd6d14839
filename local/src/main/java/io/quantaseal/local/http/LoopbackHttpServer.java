package io.quantaseal.local.http;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A small, strict HTTP/1.1 server on 127.0.0.1 (RFC 9110 and RFC 9112) for the local API front end.
 * It reads a request head within fixed limits and never lets a malformed one reach the application
 * or reset the connection:
 *
 * <ul>
 *   <li>a request line over {@link Limits#maxRequestLine} is 414; a head (request line and header
 *       fields) over {@link Limits#maxHeadBytes}, or more than {@link Limits#maxHeaderFields}
 *       fields, is 431;
 *   <li>every line must end with CRLF: a bare CR or a bare LF anywhere in the head is 400 (RFC 9112
 *       section 2.2 allows rejecting them, and a bare CR must never split a field), as are control
 *       characters other than HTAB in a field value, a field name that is not a token or has
 *       whitespace before its colon, an obsolete line folding, a missing or repeated {@code Host}
 *       (HTTP/1.1), and a malformed request line; another HTTP version is 505;
 *   <li>the body is framed by {@code Content-Length} (digits only; several must agree) or {@code
 *       Transfer-Encoding: chunked}; both at once, or another transfer coding, is 400 or 501; a
 *       body over {@link Limits#maxBodyBytes} is 413 before it is read; {@code Expect:
 *       100-continue} gets its interim answer;
 *   <li>after an error answer the connection is closed gracefully: the answer is written with
 *       {@code Connection: close}, the sending side shut down, and what the client still sends is
 *       read and discarded (for at most {@link Limits#drainTime} and {@link Limits#maxDrainBytes}),
 *       so that the client reads the answer instead of a reset;
 *   <li>connections are persistent (HTTP/1.1, or HTTP/1.0 with {@code keep-alive}) until {@code
 *       Connection: close}, an error, or {@link Limits#idleTime} without a request.
 * </ul>
 *
 * The application answers through {@link Handler}; protocol errors are answered by {@link
 * Handler#protocolError}, so that they have the application's error shape.
 */
public final class LoopbackHttpServer implements AutoCloseable {
  /** What the server accepts. */
  public record Limits(
      int maxRequestLine,
      int maxHeadBytes,
      int maxHeaderFields,
      long maxBodyBytes,
      Duration idleTime,
      Duration readTime,
      Duration drainTime,
      long maxDrainBytes,
      int maxConnections) {

    /**
     * Request line ≤ 8 KiB, head ≤ 32 KiB and ≤ 100 fields, body ≤ {@code maxBodyBytes}, 30 s to
     * send a request, 60 s idle, 64 connections.
     */
    public static Limits defaults(long maxBodyBytes) {
      return new Limits(
          8 * 1024,
          32 * 1024,
          100,
          maxBodyBytes,
          Duration.ofSeconds(60),
          Duration.ofSeconds(30),
          Duration.ofSeconds(2),
          maxBodyBytes + 1024 * 1024,
          64);
    }
  }

  /** The application behind the server. */
  public interface Handler {
    /** Answers a well-formed request. */
    HttpResponse handle(HttpRequest request) throws IOException;

    /**
     * Answers a request that was refused before it reached {@link #handle}: {@code status} is 400,
     * 413, 414, 431, 501 or 505; {@code reason} says why in a sentence (no request data in it).
     */
    HttpResponse protocolError(int status, String reason);
  }

  /** A request refused while reading it. */
  static final class ProtocolException extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;

    ProtocolException(int status, String reason) {
      super(reason, null, false, false);
      this.status = status;
    }
  }

  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH);

  private final ServerSocket socket;
  private final Handler handler;
  private final Limits limits;
  private final PrintStream log;
  private final ExecutorService connections;
  private final Thread acceptor;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private LoopbackHttpServer(
      ServerSocket socket, Handler handler, Limits limits, PrintStream log, String name) {
    this.socket = socket;
    this.handler = handler;
    this.limits = limits;
    this.log = log;
    this.connections =
        new ThreadPoolExecutor(
            0,
            limits.maxConnections(),
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, name + "-connection");
              t.setDaemon(true);
              return t;
            });
    this.acceptor = new Thread(this::acceptLoop, name + "-accept");
    this.acceptor.setDaemon(true);
  }

  /** Listens on 127.0.0.1:{@code port} (0: a free port). */
  public static LoopbackHttpServer start(
      int port, Handler handler, Limits limits, PrintStream log, String name) throws IOException {
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
    LoopbackHttpServer server = new LoopbackHttpServer(s, handler, limits, log, name);
    server.acceptor.start();
    return server;
  }

  public int port() {
    return socket.getLocalPort();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket c;
      try {
        c = socket.accept();
      } catch (IOException e) {
        if (!closed) {
          log.println("local-api: accept failed: " + e.getMessage());
        }
        continue;
      }
      try {
        open.add(c);
        connections.execute(() -> serve(c));
      } catch (RejectedExecutionException full) {
        // Every connection thread is busy: answer 503 and close, never a silent reset.
        try {
          c.setSoTimeout((int) limits.readTime().toMillis());
          HttpResponse busy =
              HttpResponse.text(503, "Too many connections; retry shortly.")
                  .withHeader("Retry-After", "1");
          OutputStream out = new BufferedOutputStream(c.getOutputStream());
          write(out, busy, false, true);
          closeGracefully(c, new BufferedInputStream(c.getInputStream()));
        } catch (IOException e) {
          closeQuietly(c);
        } finally {
          open.remove(c);
        }
      }
    }
  }

  /** One connection: requests until one of them closes it. */
  private void serve(Socket c) {
    try (c) {
      c.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(c.getInputStream(), 16 * 1024);
      OutputStream out = new BufferedOutputStream(c.getOutputStream(), 16 * 1024);
      InetSocketAddress remote = (InetSocketAddress) c.getRemoteSocketAddress();
      boolean first = true;
      while (!closed) {
        c.setSoTimeout((int) (first ? limits.readTime() : limits.idleTime()).toMillis());
        first = false;
        int b;
        try {
          b = in.read();
        } catch (SocketTimeoutException idle) {
          return;
        }
        if (b < 0) {
          return;
        }
        c.setSoTimeout((int) limits.readTime().toMillis());
        HttpRequest request;
        try {
          request = HttpRequestReader.read(b, in, out, remote, limits);
        } catch (ProtocolException e) {
          HttpResponse answer = handler.protocolError(e.status, e.getMessage());
          write(out, answer, false, true);
          closeGracefully(c, in);
          return;
        } catch (SocketTimeoutException slow) {
          HttpResponse answer = HttpResponse.text(408, "The request was not received in time.");
          write(out, answer, false, true);
          closeGracefully(c, in);
          return;
        }
        HttpResponse answer;
        try {
          answer = handler.handle(request);
        } catch (IOException | RuntimeException e) {
          log.println("local-api: handler failed: " + e);
          answer = handler.protocolError(500, "Internal server error");
        }
        boolean close = request.wantsClose() || closed;
        write(out, answer, "HEAD".equals(request.method()), close);
        if (close) {
          closeGracefully(c, in);
          return;
        }
      }
    } catch (SocketException e) {
      // The client went away.
    } catch (IOException e) {
      log.println("local-api: connection failed: " + e.getMessage());
    } finally {
      open.remove(c);
    }
  }

  /** Writes the answer; response header fields with CR, LF or NUL in them are dropped. */
  private void write(OutputStream out, HttpResponse r, boolean head, boolean close)
      throws IOException {
    StringBuilder h = new StringBuilder(256);
    h.append("HTTP/1.1 ")
        .append(r.status())
        .append(' ')
        .append(HttpResponse.reasonPhrase(r.status()))
        .append("\r\n");
    boolean bodyAllowed = r.status() >= 200 && r.status() != 204 && r.status() != 304;
    for (Map.Entry<String, List<String>> e : r.headers().entrySet()) {
      String name = e.getKey();
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.equals("content-length")
          || lower.equals("transfer-encoding")
          || lower.equals("connection")
          || lower.equals("date")
          || !HttpRequestReader.isToken(name)) {
        continue;
      }
      for (String v : e.getValue()) {
        if (v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\0') >= 0) {
          log.println("local-api: dropped a response header with a line break: " + name);
          continue;
        }
        h.append(name).append(": ").append(v).append("\r\n");
      }
    }
    h.append("Date: ").append(HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC))).append("\r\n");
    if (bodyAllowed) {
      h.append("Content-Length: ").append(r.body().length).append("\r\n");
    }
    if (close) {
      h.append("Connection: close\r\n");
    }
    h.append("\r\n");
    out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (bodyAllowed && !head) {
      out.write(r.body());
    }
    out.flush();
  }

  /**
   * Ends a connection without a reset: shut down the sending side (the answer is on its way), then
   * read and discard what the client still sends until it closes, for a bounded time and size.
   */
  private void closeGracefully(Socket c, InputStream in) {
    try {
      c.shutdownOutput();
      c.setSoTimeout(200);
      long deadline = System.nanoTime() + limits.drainTime().toNanos();
      long drained = 0;
      byte[] buf = new byte[16 * 1024];
      while (System.nanoTime() < deadline && drained < limits.maxDrainBytes()) {
        int n;
        try {
          n = in.read(buf);
        } catch (SocketTimeoutException quiet) {
          continue;
        }
        if (n < 0) {
          break;
        }
        drained += n;
      }
    } catch (IOException e) {
      // Closing anyway.
    } finally {
      closeQuietly(c);
    }
  }

  private static void closeQuietly(Socket c) {
    try {
      c.close();
    } catch (IOException e) {
      // nothing left to do
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
    for (Socket c : new ArrayList<>(open)) {
      closeQuietly(c);
    }
    connections.shutdownNow();
  }
}
