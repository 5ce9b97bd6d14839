package io.quantaseal.testsupport;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.Collections;
import java.util.Optional;

/** Checks that a server listens on 127.0.0.1 only. */
final class Loopback {
  private Loopback() {}

  /** Connecting to this host's non-loopback IPv4 address on {@code port} is refused. */
  static void assertNotReachableFromOtherInterfaces(int port) throws SocketException {
    Optional<InetAddress> external = externalAddress();
    assumeTrue(external.isPresent(), "no non-loopback interface to test from");
    assertThrows(
        IOException.class,
        () -> {
          try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(external.get(), port), 1_000);
          }
        },
        "port " + port + " answers on " + external.get());
  }

  private static Optional<InetAddress> externalAddress() throws SocketException {
    for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!nif.isUp() || nif.isLoopback()) {
        continue;
      }
      for (InetAddress address : Collections.list(nif.getInetAddresses())) {
        if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
          return Optional.of(address);
        }
      }
    }
    return Optional.empty();
  }
}
