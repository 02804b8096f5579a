package io.glidepath.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client per kubeconfig context, and clear refusals for clusters the worker cannot reach. */
class KubeconfigClientsTest {
  @TempDir Path dir;
  private String previous;

  @BeforeEach
  void kubeconfig() throws Exception {
    Path file = dir.resolve("config");
    Files.writeString(
        file,
        """
        apiVersion: v1
        kind: Config
        current-context: prod-us
        clusters:
          - name: us
            cluster: {server: "https://k8s.us.example.com:6443"}
          - name: eu
            cluster: {server: "https://k8s.eu.example.com:6443"}
        contexts:
          - name: prod-us
            context: {cluster: us, user: glidepath, namespace: shop}
          - name: prod-eu
            context: {cluster: eu, user: glidepath, namespace: shop}
        users:
          - name: glidepath
            user: {token: not-a-real-token}
        """);
    previous = System.setProperty("kubeconfig", file.toString());
  }

  @AfterEach
  void restore() {
    if (previous == null) {
      System.clearProperty("kubeconfig");
    } else {
      System.setProperty("kubeconfig", previous);
    }
  }

  @Test
  void eachContextGetsItsOwnClientKeptForReuse() {
    try (KubeconfigClients clients = new KubeconfigClients()) {
      assertEquals(
          "https://k8s.eu.example.com:6443/",
          clients.forCluster("prod-eu").getMasterUrl().toString());
      assertEquals(
          "https://k8s.us.example.com:6443/",
          clients.forCluster("prod-us").getMasterUrl().toString());
      assertSame(clients.forCluster("prod-eu"), clients.forCluster("prod-eu"));
    }
  }

  @Test
  void anUnknownContextNamesTheOnesThereAre() {
    try (KubeconfigClients clients = new KubeconfigClients()) {
      ApplicationFailure f =
          assertThrows(ApplicationFailure.class, () -> clients.forCluster("prod-apac"));
      assertTrue(f.isNonRetryable());
      assertEquals(
          "cluster prod-apac: the worker's kubeconfig has no such context (it has: prod-us,"
              + " prod-eu); add the context or fix the region's cluster field",
          f.getOriginalMessage());
    }
  }
}
