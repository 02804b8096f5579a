package io.glidepath.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;

/**
 * Loopback ports for the servers that tests and the dev stack start (the Temporal dev server,
 * Prometheus, the in-process test server, the worker's HTTP port).
 *
 * <p>A port is drawn at random below the kernel's ephemeral range, so no outgoing connection on the
 * machine can take it between the check here and the server's own bind. Two servers can still draw
 * the same port, so {@link #bind} starts the server again on a fresh port when its bind fails.
 */
public final class Ports {
  // Above the fixed ports the dev stack and the tests use (7233, 7240, 8233, 9090, 18081-18086).
  private static final int LOWEST = 20_000;
  private static final int ATTEMPTS = 8;

  private Ports() {}

  /** A loopback port that nothing listens on now, outside the ephemeral range. */
  public static int free() {
    int high = ephemeralLow();
    for (int i = 0; i < 200; i++) {
      int port =
          high > LOWEST + 1_000
              ? ThreadLocalRandom.current().nextInt(LOWEST, high)
              : 0; // an unusual range: let the kernel choose
      try (ServerSocket s = new ServerSocket(port, 0, InetAddress.getLoopbackAddress())) {
        return s.getLocalPort();
      } catch (IOException taken) {
        // try another
      }
    }
    throw new UncheckedIOException(new BindException("no free loopback port found"));
  }

  /**
   * Runs {@code start} with a {@link #free} port and returns what it returns; when the start fails
   * because the port was taken in the meantime (a {@link BindException} anywhere in its causes), it
   * runs again with a fresh port, a few times.
   */
  public static <T> T bind(IntFunction<T> start) {
    RuntimeException last = null;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      try {
        return start.apply(free());
      } catch (RuntimeException e) {
        if (!isBindFailure(e)) {
          throw e;
        }
        last = e;
      }
    }
    throw last;
  }

  /** A server that {@link #bound} started, and the port it listens on. */
  public record Bound<T>(T server, int port) {}

  /** {@link #bind}, keeping the port that worked beside the server. */
  public static <T> Bound<T> bound(IntFunction<T> start) {
    return bind(port -> new Bound<>(start.apply(port), port));
  }

  /** Whether {@code failure} (or one of its causes) says an address was already in use. */
  public static boolean isBindFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof BindException
          || (t.getMessage() != null
              && t.getMessage().toLowerCase(Locale.ROOT).contains("address already in use"))) {
        return true;
      }
    }
    return false;
  }

  private static int ephemeralLow() {
    try {
      String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
      return Integer.parseInt(range.split("\\s+")[0]);
    } catch (IOException | RuntimeException unknown) {
      return 32_768; // Linux's default
    }
  }
}
