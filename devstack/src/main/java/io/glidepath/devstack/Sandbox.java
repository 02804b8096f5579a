package io.glidepath.devstack;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.glidepath.devstack.servers.LocalPrometheus;
import io.glidepath.kubernetes.SampleService;
import io.glidepath.kubernetes.SimulatedController;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for three regions' clusters (plus a dev and a staging cluster, one per environment
 * before prod) and their traffic, for {@code dev-server}, {@code --dev} and the demo. Each region
 * is a Fabric8 CRUD mock Kubernetes API server seeded with the services {@code checkout} (2.3.0)
 * and {@code cart} (1.0.0) in namespace {@code shop}, a simulated Deployment controller, and a
 * {@link TrafficSimulator} sending 1,000 requests a second per service through the route's weights.
 * One HTTP port serves:
 *
 * <ul>
 *   <li>{@code /sandbox}: where the clusters and Prometheus are ({@link SandboxTarget});
 *   <li>{@code /metrics}: the versions' counters in the Prometheus text format;
 *   <li>{@code /api/v1/query} and {@code /api/v1/query_range}: the sandbox metric provider ({@link
 *       SandboxQueries});
 *   <li>{@code /routes}: each region's route weights, for people and tests.
 *   <li>{@code /deployments}: what serves where: every Deployment with its image, version and
 *       replicas.
 * </ul>
 *
 * Analysis reads a real Prometheus scraping {@code /metrics} when a {@code prometheus} binary is on
 * the PATH, and the metric provider otherwise.
 */
public final class Sandbox implements AutoCloseable {
  public static final int DEFAULT_PORT = 7240;
  public static final List<String> REGIONS = List.of("us-east", "eu-west", "apac-se");

  /**
   * One more cluster for each environment before prod (prod runs in {@link #REGIONS}), each seeded
   * like a region, so a version can travel dev -> staging -> prod ({@code
   * examples/environments-sandbox.yaml}).
   */
  public static final List<String> ENVIRONMENT_CLUSTERS = List.of("dev", "staging");

  /** Every cluster of the sandbox: the environments' and the regions'. */
  static final List<String> CLUSTERS =
      java.util.stream.Stream.concat(ENVIRONMENT_CLUSTERS.stream(), REGIONS.stream()).toList();

  public static final String NAMESPACE = "shop";
  public static final Map<String, String> SERVICES =
      new java.util.TreeMap<>(Map.of("cart", "1.0.0", "checkout", "2.3.0"));

  /**
   * The rules of the seed's objectives (availability 99.95%, latency 95% within 100 ms, over 30d)
   * for every sandbox service, which the dev stack's Prometheus evaluates: a spec with {@code slo:
   * {}} reads its budgets and burn rates from them (docs/slo.md).
   */
  static String sloRules() {
    io.glidepath.model.SloSpec seed =
        new io.glidepath.model.SloSpec(
            io.glidepath.model.SloSpec.DEFAULT_PERIOD,
            null,
            io.glidepath.model.SloSpec.DEFAULT_OBJECTIVES,
            io.glidepath.model.SloSpec.DEFAULT_BURN_ALERTS);
    StringBuilder out = new StringBuilder("groups:\n");
    for (String service : SERVICES.keySet()) {
      String file = io.glidepath.slo.PrometheusRules.yaml(service, seed);
      out.append(file.substring("groups:\n".length()));
    }
    return out.toString();
  }

  /**
   * The mock servers log each request at INFO through java.util.logging; kept so it stays quiet.
   */
  private static final java.util.logging.Logger MOCK_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  static {
    MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
  }

  private static final long TICK_MILLIS = 250;

  private final Map<String, KubernetesMockServer> servers = new LinkedHashMap<>();
  private final Map<String, KubernetesClient> clients = new LinkedHashMap<>();
  private final List<AutoCloseable> controllers = new ArrayList<>();
  private final SandboxMetrics metrics = new SandboxMetrics();

  /** Feature flags' users, per region; their flag files are copied into {@link #flagFiles}. */
  private final List<FlagTrafficSimulator> flagUsers = new ArrayList<>();

  private final Path flagFiles;
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
  private final java.util.concurrent.ExecutorService httpThreads = Executors.newFixedThreadPool(4);
  private final HttpServer http;
  private final LocalPrometheus prometheus;
  private final String url;
  private volatile boolean closed;

  private Sandbox(int port, FaultProfile faults, PrintStream log) throws IOException {
    List<TrafficSimulator> simulators = new ArrayList<>();
    flagFiles = Files.createTempDirectory("glidepath-sandbox-flags");
    for (String region : CLUSTERS) {
      KubernetesMockServer server =
          new KubernetesMockServer(
              new Context(),
              new MockWebServer(),
              new HashMap<>(),
              faults
                  .stall(region)
                  .<KubernetesCrudDispatcher>map(d -> new StallingDispatcher(region, d, log))
                  .orElseGet(KubernetesCrudDispatcher::new),
              false);
      server.init(InetAddress.getLoopbackAddress(), 0);
      KubernetesClient client = server.createClient();
      SERVICES.forEach(
          (service, version) -> SampleService.seed(client, NAMESPACE, service, version));
      servers.put(region, server);
      clients.put(region, client);
      SimulatedController controller = new SimulatedController(client);
      faults.failingHooks(region).forEach(controller::failHook);
      controllers.add(controller.runIn(NAMESPACE));
      simulators.add(new TrafficSimulator(region, NAMESPACE, client, metrics, faults));
      flagUsers.add(
          new FlagTrafficSimulator(region, NAMESPACE, client, metrics, faults, flagFiles));
    }
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
    http.setExecutor(httpThreads);
    SandboxQueries queries = new SandboxQueries(metrics);
    http.createContext(
        "/metrics", x -> SandboxHttp.reply(x, 200, "text/plain", metrics.exposition()));
    http.createContext("/api/v1/query_range", x -> SandboxHttp.queryRange(x, queries));
    http.createContext("/api/v1/query", x -> SandboxHttp.query(x, queries));
    http.createContext(
        "/routes", x -> SandboxHttp.reply(x, 200, "application/json", SandboxHttp.json(routes())));
    http.createContext(
        "/deployments",
        x -> SandboxHttp.reply(x, 200, "application/json", SandboxHttp.json(deployments())));
    http.createContext(
        "/sandbox", x -> SandboxHttp.reply(x, 200, "application/json", SandboxHttp.json(target())));
    http.start();
    url = "http://127.0.0.1:" + http.getAddress().getPort();
    prometheus = LocalPrometheus.startIfInstalled(http.getAddress().getPort(), log, sloRules());
    ticker.scheduleAtFixedRate(
        () -> {
          // Each simulator on its own: one that fails skips its tick, never the others' traffic
          // or the snapshot, and the ticker runs on (a task that throws is never run again).
          simulators.forEach(s -> guarded(log, () -> s.tick(TICK_MILLIS / 1000.0)));
          flagUsers.forEach(s -> guarded(log, () -> s.tick(TICK_MILLIS / 1000.0)));
          guarded(log, () -> metrics.snapshot(System.currentTimeMillis()));
        },
        0,
        TICK_MILLIS,
        TimeUnit.MILLISECONDS);
    log.printf(
        "Sandbox on %s: clusters %s (namespace %s, services %s), metrics from %s%n",
        url,
        String.join(", ", CLUSTERS),
        NAMESPACE,
        String.join(", ", SERVICES.keySet()),
        prometheus == null
            ? "the sandbox metric provider (no prometheus on PATH)"
            : "Prometheus " + prometheus.url());
  }

  /** Runs one part of a tick, logging (not throwing) what fails while the sandbox is open. */
  private void guarded(PrintStream log, Runnable part) {
    try {
      part.run();
    } catch (RuntimeException | LinkageError e) {
      if (!closed) {
        log.println("sandbox traffic: " + e);
      }
    }
  }

  /** Starts a sandbox on {@code port} (0 for any free port). */
  public static Sandbox start(int port, FaultProfile faults, PrintStream log) throws IOException {
    return new Sandbox(port, faults, log);
  }

  /** Where this sandbox's clusters and metrics are. */
  public SandboxTarget target() {
    Map<String, String> urls = new LinkedHashMap<>();
    servers.forEach((region, server) -> urls.put(region, server.url("/")));
    return new SandboxTarget(
        url, urls, prometheus == null ? url : prometheus.url(), prometheus != null);
  }

  /** The weights of each region's routes: region, then route, then backend to weight. */
  public Map<String, Map<String, Map<String, Integer>>> routes() {
    Map<String, Map<String, Map<String, Integer>>> out = new LinkedHashMap<>();
    clients.forEach(
        (region, client) -> {
          Map<String, Map<String, Integer>> routes = new java.util.TreeMap<>();
          for (HTTPRoute r :
              client.resources(HTTPRoute.class).inNamespace(NAMESPACE).list().getItems()) {
            Map<String, Integer> weights = new LinkedHashMap<>();
            for (HTTPBackendRef b : r.getSpec().getRules().get(0).getBackendRefs()) {
              weights.put(b.getName(), b.getWeight());
            }
            routes.put(r.getMetadata().getName(), weights);
          }
          out.put(region, routes);
        });
    return out;
  }

  /** One Deployment as {@code /deployments} shows it. */
  public record DeploymentView(
      String region,
      String namespace,
      String name,
      String image,
      String version,
      int replicas,
      int readyReplicas) {}

  /** Every Deployment of every region, with what it runs. */
  public java.util.List<DeploymentView> deployments() {
    java.util.List<DeploymentView> out = new java.util.ArrayList<>();
    clients.forEach(
        (region, client) -> {
          for (var d : client.apps().deployments().inNamespace(NAMESPACE).list().getItems()) {
            var template = d.getSpec().getTemplate();
            var labels = template.getMetadata().getLabels();
            var status = d.getStatus();
            out.add(
                new DeploymentView(
                    region,
                    NAMESPACE,
                    d.getMetadata().getName(),
                    template.getSpec().getContainers().get(0).getImage(),
                    labels == null ? null : labels.get("version"),
                    d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas(),
                    status == null || status.getReadyReplicas() == null
                        ? 0
                        : status.getReadyReplicas()));
          }
        });
    return out;
  }

  /** The client of {@code region}'s cluster. */
  public KubernetesClient cluster(String region) {
    return clients.get(region);
  }

  public String url() {
    return url;
  }

  @Override
  public void close() {
    closed = true;
    ticker.shutdownNow();
    try {
      ticker.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    http.stop(0);
    httpThreads.shutdownNow();
    flagUsers.forEach(FlagTrafficSimulator::close);
    if (prometheus != null) {
      prometheus.close();
    }
    for (AutoCloseable c : controllers) {
      try {
        c.close();
      } catch (Exception ignored) {
        // an interrupted loop cannot fail to stop
      }
    }
    clients.values().forEach(KubernetesClient::close);
    servers.values().forEach(KubernetesMockServer::destroy);
  }
}
