package io.glidepath.kubernetes;

import static org.junit.jupiter.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.glidepath.testing.Ports;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Kubernetes control plane for integration tests: etcd, kube-apiserver (RBAC authorizer,
 * service-account tokens), kube-controller-manager (Deployment, ReplicaSet, Job and garbage
 * collector controllers), kube-scheduler, and kwok standing in for one node and its kubelet (pods
 * are scheduled to it and become ready after a second or a few). {@code bin/install-test-tools}
 * installs them; without them the test fails under {@code CI=true} and is skipped, saying why,
 * elsewhere.
 *
 * <p>{@link #tenant} gives the worker what a platform team would: a namespace, the ServiceAccount,
 * Role and RoleBinding from {@code deploy/kubernetes/glidepath-worker.yaml}, and a kubeconfig that
 * holds that ServiceAccount's token, so every call the worker makes is checked against the shipped
 * Role.
 */
public final class LocalKubernetes implements AutoCloseable {
  /** The Kubernetes version bin/install-test-tools builds, which docs/kubernetes.md names. */
  public static final String VERSION = "v1.37.2";

  /** The namespace of the worker's ServiceAccount, as deploy/ has it. */
  public static final String WORKER_NAMESPACE = "glidepath";

  /** Where bin/install-test-tools puts the Gateway API CRDs and kwok's stages. */
  static final Path SHARE = Path.of("/usr/local/share/glidepath-kubernetes");

  private static final List<String> TOOLS =
      List.of("etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kwok");
  private static final Duration START = Duration.ofSeconds(180);

  private final Path dir;
  private final List<Process> processes = new ArrayList<>();
  private final String adminToken = UUID.randomUUID().toString();
  private String url;
  private KubernetesClient admin;

  private static LocalKubernetes shared;

  private LocalKubernetes(Path dir) {
    this.dir = dir;
  }

  /**
   * The one control plane of this test JVM, started on first use under {@code
   * target/local-kubernetes} and stopped when the JVM exits; tests keep apart by namespace.
   */
  public static synchronized LocalKubernetes shared() throws Exception {
    if (shared == null) {
      Path dir = Path.of("target", "local-kubernetes").toAbsolutePath();
      deleteTree(dir);
      shared = start(dir);
      LocalKubernetes k = shared;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      k.close();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  }));
    }
    return shared;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /**
   * The worker's requests as the API server's audit log has them (every request of the worker's
   * ServiceAccount, with the RBAC decision), oldest first.
   */
  public List<AuditEntry> workerRequests() throws IOException {
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    List<AuditEntry> entries = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("audit.log"))) {
      var e = json.readTree(line);
      var ref = e.path("objectRef");
      entries.add(
          new AuditEntry(
              e.path("verb").asText(),
              ref.path("apiGroup").asText(""),
              ref.path("resource").asText("")
                  + (ref.hasNonNull("subresource") ? "/" + ref.path("subresource").asText() : ""),
              ref.path("namespace").asText(""),
              e.path("responseStatus").path("code").asInt(),
              e.path("annotations").path("authorization.k8s.io/decision").asText("")));
    }
    return entries;
  }

  /** One request of the worker: its verb on a resource (with subresource), and the outcome. */
  public record AuditEntry(
      String verb, String apiGroup, String resource, String namespace, int code, String decision) {
    public boolean forbidden() {
      return code == 403 || "forbid".equals(decision);
    }
  }

  /** Starts the control plane under {@code dir}, installs the Gateway API CRDs and one node. */
  public static LocalKubernetes start(Path dir) throws Exception {
    requireTools();
    LocalKubernetes k = new LocalKubernetes(dir);
    try {
      k.startAll();
    } catch (Exception | Error e) {
      k.close();
      throw e;
    }
    return k;
  }

  /** A cluster-admin client (system:masters), for seeding objects and reading the outcome. */
  public KubernetesClient admin() {
    return admin;
  }

  /** The API server's HTTPS address. */
  public String url() {
    return url;
  }

  /**
   * A namespace the worker may release to: created, with deploy/'s Role and RoleBinding applied
   * into it (their namespace {@code shop} replaced by {@code namespace}), and a kubeconfig whose
   * context {@code cluster} holds the worker ServiceAccount's token.
   */
  public Tenant tenant(String namespace, String cluster) throws IOException {
    return tenant(namespace, cluster, role -> {});
  }

  /** {@link #tenant}, with the shipped Role changed by {@code change} before it is applied. */
  public Tenant tenant(String namespace, String cluster, Consumer<Role> change) throws IOException {
    createNamespace(namespace);
    for (HasMetadata item : shippedRbac()) {
      if (item instanceof Role || item instanceof RoleBinding) {
        item.getMetadata().setNamespace(namespace);
        if (item instanceof Role role) {
          change.accept(role);
        }
        admin.resource(item).create();
      }
    }
    String token =
        admin
            .serviceAccounts()
            .inNamespace(WORKER_NAMESPACE)
            .withName("glidepath-worker")
            .tokenRequest(
                new TokenRequestBuilder()
                    .withNewSpec()
                    .withExpirationSeconds(7200L)
                    .endSpec()
                    .build())
            .getStatus()
            .getToken();
    Path kubeconfig = dir.resolve("worker-" + namespace + ".kubeconfig");
    Files.writeString(kubeconfig, kubeconfig(cluster, "glidepath-worker", token));
    Config config =
        Config.fromKubeconfig(cluster, Files.readString(kubeconfig), kubeconfig.toString());
    return new Tenant(
        namespace, kubeconfig, new KubernetesClientBuilder().withConfig(config).build());
  }

  /** A namespace with the worker's RBAC, and the worker's client for it. */
  public record Tenant(String namespace, Path kubeconfig, KubernetesClient worker)
      implements AutoCloseable {
    @Override
    public void close() {
      worker.close();
    }
  }

  /** The ServiceAccount, Role and RoleBinding as deploy/ ships them. */
  public static List<HasMetadata> shippedRbac() throws IOException {
    Path yaml = repoRoot().resolve("deploy/kubernetes/glidepath-worker.yaml");
    try (InputStream in = Files.newInputStream(yaml)) {
      return new KubernetesClientBuilder()
          .withConfig(Config.empty()).build().load(in).items().stream()
              .filter(
                  i -> i instanceof ServiceAccount || i instanceof Role || i instanceof RoleBinding)
              .toList();
    }
  }

  static Path repoRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("deploy/kubernetes"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("no deploy/kubernetes above " + Path.of("").toAbsolutePath());
    }
    return p;
  }

  // ---- starting ----

  private static void requireTools() {
    List<String> missing = new ArrayList<>();
    for (String tool : TOOLS) {
      if (find(tool) == null) {
        missing.add(tool);
      }
    }
    if (!Files.isDirectory(SHARE.resolve("gateway-api"))) {
      missing.add(SHARE + "/gateway-api");
    }
    if (!missing.isEmpty()) {
      String why =
          "no real Kubernetes control plane here (missing "
              + String.join(", ", missing)
              + "): run bin/install-test-tools (.ci/run does)";
      if (System.getenv("CI") != null) {
        fail(why);
      }
      Assumptions.abort(why);
    }
  }

  private void startAll() throws Exception {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("tokens.csv"), adminToken + ",admin,admin,system:masters\n");
    writeServiceAccountKeys();
    Files.writeString(
        dir.resolve("audit-policy.yaml"),
        """
        apiVersion: audit.k8s.io/v1
        kind: Policy
        omitStages: [RequestReceived, ResponseStarted]
        rules:
          - level: Metadata
            users: ["system:serviceaccount:%s:glidepath-worker"]
          - level: None
        """
            .formatted(WORKER_NAMESPACE));
    String etcd = Ports.bind(this::startEtcd);
    Ports.bind(port -> startApiServer(port, etcd));
    Path kubeconfig = dir.resolve("admin.kubeconfig");
    Files.writeString(kubeconfig, kubeconfig("local", "admin", adminToken));
    admin =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig("local", Files.readString(kubeconfig), null))
            .build();
    installGatewayApi();
    launch(
        "kube-controller-manager",
        "--kubeconfig=" + kubeconfig,
        "--authentication-kubeconfig=" + kubeconfig,
        "--authorization-kubeconfig=" + kubeconfig,
        "--secure-port=0",
        "--leader-elect=false",
        "--controllers=deployment-controller,replicaset-controller,job-controller,"
            + "serviceaccount-controller,garbage-collector-controller,namespace-controller,"
            + "endpointslice-controller",
        "--service-account-private-key-file=" + dir.resolve("sa.key"),
        "--root-ca-file=" + dir.resolve("certs/apiserver.crt"),
        "--concurrent-deployment-syncs=2",
        "--v=1");
    launch(
        "kube-scheduler",
        "--kubeconfig=" + kubeconfig,
        "--authentication-kubeconfig=" + kubeconfig,
        "--authorization-kubeconfig=" + kubeconfig,
        "--secure-port=0",
        "--leader-elect=false",
        "--v=1");
    launch(
        "kwok",
        "--kubeconfig=" + kubeconfig,
        "--config=" + SHARE.resolve("kwok.yaml"),
        "--manage-all-nodes=false",
        "--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake",
        "--cidr=10.244.0.1/16",
        "--node-ip=127.0.0.1",
        "--server-address=127.0.0.1:" + Ports.free());
    admin
        .nodes()
        .resource(
            new NodeBuilder()
                .withNewMetadata()
                .withName("kwok-node-0")
                .addToAnnotations("kwok.x-k8s.io/node", "fake")
                .addToLabels("type", "kwok")
                .addToLabels("kubernetes.io/hostname", "kwok-node-0")
                .endMetadata()
                .withNewStatus()
                .addToAllocatable(
                    Map.of(
                        "cpu", new Quantity("32"),
                        "memory", new Quantity("256Gi"),
                        "pods", new Quantity("110")))
                .addToCapacity(
                    Map.of(
                        "cpu", new Quantity("32"),
                        "memory", new Quantity("256Gi"),
                        "pods", new Quantity("110")))
                .endStatus()
                .build())
        .create();
    // after the controllers: a namespace is ready once its default ServiceAccount exists
    createNamespace(WORKER_NAMESPACE);
    for (HasMetadata item : shippedRbac()) {
      if (item instanceof ServiceAccount) {
        admin.resource(item).create();
      }
    }
    await(
        "kwok to make the node Ready",
        () ->
            admin.nodes().withName("kwok-node-0").get().getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())));
  }

  private String startEtcd(int port) {
    int peer = Ports.free();
    String client = "http://127.0.0.1:" + port;
    try {
      Process p =
          launch(
              "etcd",
              "--name=local",
              "--data-dir=" + dir.resolve("etcd"),
              "--listen-client-urls=" + client,
              "--advertise-client-urls=" + client,
              "--listen-peer-urls=http://127.0.0.1:" + peer,
              "--initial-advertise-peer-urls=http://127.0.0.1:" + peer,
              "--initial-cluster=local=http://127.0.0.1:" + peer,
              "--log-level=warn");
      awaitHttp("etcd", p, client + "/health", null);
      return client;
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException("etcd did not start: " + e.getMessage(), e);
    }
  }

  private Void startApiServer(int port, String etcd) {
    url = "https://127.0.0.1:" + port;
    try {
      Process p =
          launch(
              "kube-apiserver",
              "--etcd-servers=" + etcd,
              "--bind-address=127.0.0.1",
              "--advertise-address=127.0.0.1",
              // No kubernetes Service endpoints: nothing in-cluster calls the API server here,
              // and the reconciler refuses a loopback address.
              "--endpoint-reconciler-type=none",
              "--secure-port=" + port,
              "--cert-dir=" + dir.resolve("certs"),
              "--token-auth-file=" + dir.resolve("tokens.csv"),
              "--authorization-mode=RBAC",
              "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
              "--service-account-key-file=" + dir.resolve("sa.pub"),
              "--service-account-signing-key-file=" + dir.resolve("sa.key"),
              "--service-cluster-ip-range=10.96.0.0/16",
              "--allow-privileged=true",
              // It taints a new node not-ready until the node lifecycle controller (not run
              // here) sees it Ready; kwok makes the node Ready itself.
              "--disable-admission-plugins=TaintNodesByCondition",
              "--audit-policy-file=" + dir.resolve("audit-policy.yaml"),
              "--audit-log-path=" + dir.resolve("audit.log"),
              "--audit-log-format=json",
              "--v=1");
      awaitHttp("kube-apiserver", p, url + "/readyz", adminToken);
      return null;
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException("kube-apiserver did not start: " + e.getMessage(), e);
    }
  }

  private void installGatewayApi() throws IOException {
    try (var files = Files.list(SHARE.resolve("gateway-api"))) {
      for (Path crd : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        try (InputStream in = Files.newInputStream(crd)) {
          for (HasMetadata item : admin.load(in).items()) {
            if ("CustomResourceDefinition".equals(item.getKind())) {
              admin.resource(item).create();
            }
          }
        }
      }
    }
    await(
        "the HTTPRoute CRD to be established",
        () -> {
          var crd =
              admin
                  .apiextensions()
                  .v1()
                  .customResourceDefinitions()
                  .withName("httproutes.gateway.networking.k8s.io")
                  .get();
          return crd != null
              && crd.getStatus() != null
              && crd.getStatus().getConditions().stream()
                  .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
        });
  }

  private void createNamespace(String name) {
    admin
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
    await(
        "the default ServiceAccount in " + name,
        () -> admin.serviceAccounts().inNamespace(name).withName("default").get() != null);
  }

  private void writeServiceAccountKeys() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    var pair = rsa.generateKeyPair();
    Files.writeString(dir.resolve("sa.key"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    Files.writeString(dir.resolve("sa.pub"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private String kubeconfig(String context, String user, String token) throws IOException {
    String ca =
        Base64.getEncoder().encodeToString(Files.readAllBytes(dir.resolve("certs/apiserver.crt")));
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: %1$s
          cluster:
            server: %2$s
            certificate-authority-data: %3$s
        users:
        - name: %4$s
          user:
            token: %5$s
        contexts:
        - name: %1$s
          context:
            cluster: %1$s
            user: %4$s
        current-context: %1$s
        """
        .formatted(context, url, ca, user, token);
  }

  private Process launch(String tool, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(find(tool)));
    command.addAll(List.of(args));
    Path log = dir.resolve(tool + ".log");
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    processes.add(p);
    return p;
  }

  /** Polls {@code url} (trusting any certificate: the API server's own) until it answers 200. */
  private void awaitHttp(String tool, Process p, String url, String token)
      throws IOException, InterruptedException {
    var http =
        java.net.http.HttpClient.newBuilder()
            .sslContext(TrustAll.context())
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    long deadline = System.nanoTime() + START.toNanos();
    Path log = dir.resolve(tool + ".log");
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        String output = Files.readString(log);
        processes.remove(p);
        if (output.contains("address already in use")) {
          throw new UncheckedIOException(new BindException(tool + ": " + tail(output)));
        }
        fail(tool + " exited: " + tail(output));
      }
      var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url));
      if (token != null) {
        request.header("Authorization", "Bearer " + token);
      }
      try {
        var response =
            http.send(request.build(), java.net.http.HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(200);
    }
    fail(
        tool + " was not ready within " + START.toSeconds() + " s: " + tail(Files.readString(log)));
  }

  /** Polls {@code condition} until it holds, failing after {@link #START}. */
  public void await(String what, java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + START.toNanos();
    RuntimeException last = null;
    while (System.nanoTime() < deadline) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException e) {
        last = e;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    fail("waited " + START.toSeconds() + " s for " + what + (last == null ? "" : ": " + last));
  }

  private static String tail(String output) {
    return output.length() > 4000 ? output.substring(output.length() - 4000) : output;
  }

  static String find(String binary) {
    for (String d : List.of("/usr/local/bin/", "/usr/bin/")) {
      if (new File(d + binary).canExecute()) {
        return d + binary;
      }
    }
    return null;
  }

  @Override
  public void close() throws InterruptedException {
    if (admin != null) {
      admin.close();
    }
    // The last started first: kwok and the controllers before the API server, etcd last.
    for (int i = processes.size() - 1; i >= 0; i--) {
      Process p = processes.get(i);
      p.destroy();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    processes.clear();
  }
}
