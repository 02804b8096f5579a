package io.glidepath.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openfeature.contrib.providers.flagd.Config;
import dev.openfeature.contrib.providers.flagd.FlagdOptions;
import dev.openfeature.contrib.providers.flagd.FlagdProvider;
import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.NoOpProvider;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.ProviderState;
import dev.openfeature.sdk.Value;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.glidepath.model.FlagSettings;
import io.glidepath.traffic.flagd.FlagDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The users of a region's services as feature flags see them: every flag file published in a
 * ConfigMap of the namespace (as the flagd router writes it) is evaluated for each simulated user
 * by the OpenFeature SDK with the flagd provider, in process from that very file, so shares and
 * stickiness are flagd's own. Each request is recorded with the variant its user got ({@link
 * SandboxMetrics#recordVariant}) and answers as the {@link FaultProfile} says: a fault on the new
 * version hits users on a flag's new ({@code true}) variant.
 */
final class FlagTrafficSimulator implements AutoCloseable {
  /** Requests per second each service takes per flag. */
  static final int REQUESTS_PER_SECOND = 1000;

  /** The simulated users; requests go to them in turn, so each is seen many times a minute. */
  static final int USERS = 10_000;

  /** How long flagd's provider may take to read a file before it reports an error. */
  private static final int STARTUP_DEADLINE_MILLIS = 30_000;

  /** Numbers the evaluators of every sandbox in the JVM, so their OpenFeature domains differ. */
  private static final java.util.concurrent.atomic.AtomicInteger DOMAINS =
      new java.util.concurrent.atomic.AtomicInteger();

  private static final double SIGMA = 0.3;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String region;
  private final String namespace;
  private final KubernetesClient client;
  private final SandboxMetrics metrics;
  private final FaultProfile faults;
  private final Path dir;
  private final Random random = new Random(7);
  private final Map<String, Evaluator> evaluators = new HashMap<>();
  private double carry;
  private int nextUser;

  FlagTrafficSimulator(
      String region,
      String namespace,
      KubernetesClient client,
      SandboxMetrics metrics,
      FaultProfile faults,
      Path dir) {
    this.region = region;
    this.namespace = namespace;
    this.client = client;
    this.metrics = metrics;
    this.faults = faults;
    this.dir = dir;
  }

  /** flagd's in-process provider over one flag file. */
  private static FlagdProvider provider(Path file) {
    return new FlagdProvider(
        FlagdOptions.builder()
            .resolverType(Config.Resolver.FILE)
            .offlineFlagSourcePath(file.toString())
            .deadline(STARTUP_DEADLINE_MILLIS)
            .build());
  }

  /** Sends {@code seconds} of requests of every service through every published flag. */
  void tick(double seconds) {
    List<ConfigMap> files =
        client.configMaps().inNamespace(namespace).list().getItems().stream()
            .filter(
                c -> c.getData() != null && c.getData().containsKey(FlagSettings.CONFIG_MAP_KEY))
            .toList();
    if (files.isEmpty()) {
      return;
    }
    List<String> services =
        client.resources(HTTPRoute.class).inNamespace(namespace).list().getItems().stream()
            .map(r -> r.getMetadata().getName())
            .toList();
    double due = carry + REQUESTS_PER_SECOND * seconds;
    int requests = (int) due;
    carry = due - requests;
    for (ConfigMap file : files) {
      String text = file.getData().get(FlagSettings.CONFIG_MAP_KEY);
      Evaluator e =
          evaluators.computeIfAbsent(file.getMetadata().getName(), name -> new Evaluator(name));
      e.load(text);
      JsonNode flags = read(text).path("flags");
      for (Iterator<String> keys = flags.fieldNames(); keys.hasNext(); ) {
        String key = keys.next();
        String on = variant(flags.get(key), true);
        String off = variant(flags.get(key), false);
        if (on == null || off == null) {
          continue; // not a boolean flag: not one a flag release writes
        }
        int percent =
            FlagDefinition.percentIn(
                text, key, new FlagSettings(key, on, off, null, null, null, List.of(), false));
        for (String service : services) {
          metrics.touchVariant(service, region, on);
          metrics.touchVariant(service, region, off);
          send(e, key, service, on, off, percent, requests);
        }
      }
    }
  }

  private void send(
      Evaluator e, String flag, String service, String on, String off, int percent, int n) {
    for (int r = 0; r < n; r++) {
      int user = nextUser;
      nextUser = (nextUser + 1) % USERS;
      boolean isNew = e.isOn(flag, "user-" + user, "user" + user + "@example.com");
      String variant = isNew ? on : off;
      FaultProfile.Behaviour b = faults.behaviour(region, variant, isNew, percent);
      double median = b.p95().toMillis() / 1000.0 / Math.exp(1.645 * SIGMA);
      int status = random.nextDouble() < b.errorRate() ? 500 : 200;
      metrics.recordVariant(
          service, region, variant, status, median * Math.exp(SIGMA * random.nextGaussian()));
    }
  }

  /** Whether every flag file seen so far is what users get (none is still loading). */
  boolean current() {
    return evaluators.values().stream().allMatch(Evaluator::current);
  }

  /** The name of the variant whose value is {@code value}, or null. */
  private static String variant(JsonNode flag, boolean value) {
    for (Iterator<Map.Entry<String, JsonNode>> it = flag.path("variants").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> v = it.next();
      if (v.getValue().isBoolean() && v.getValue().booleanValue() == value) {
        return v.getKey();
      }
    }
    return null;
  }

  private static JsonNode read(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  @Override
  public void close() {
    evaluators.values().forEach(Evaluator::close);
  }

  /**
   * flagd's in-process evaluator over one ConfigMap's flag file, copied to disk. A changed file is
   * read by a new provider that starts beside the one serving, off the ticker (the SDK initializes
   * it in the background); users keep the previous answers until it is ready, as a flagd sidecar
   * keeps serving while it syncs, so a slow start (the first one loads flagd's classes) never stops
   * the traffic of every region. Each generation has a domain of its own, unique in the JVM, so
   * sandboxes that share the OpenFeature API (tests run several) never replace each other's.
   */
  private final class Evaluator {
    private final String name;
    private final String domain;
    private int generation;
    private Generation serving;
    private Generation pending;

    /** One provider over one version of the file. */
    private record Generation(String domain, String text, Path file, Client client) {}

    Evaluator(String configMap) {
      this.name = region + "-" + configMap;
      this.domain = "glidepath-sandbox-" + DOMAINS.incrementAndGet() + "-" + name;
    }

    void load(String text) {
      if (pending != null) {
        ProviderState state = pending.client().getProviderState();
        if (state == ProviderState.READY) {
          retire(serving);
          serving = pending;
          pending = null;
        } else if (state == ProviderState.ERROR || state == ProviderState.FATAL) {
          retire(pending); // start over below
          pending = null;
        }
      }
      String latest = pending != null ? pending.text() : serving != null ? serving.text() : null;
      if (text.equals(latest)) {
        return;
      }
      retire(pending); // a newer file than the one still loading
      Path file = dir.resolve(name + "-" + ++generation + ".flagd.json");
      try {
        Files.writeString(file, text);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      String at = domain + "-" + generation;
      OpenFeatureAPI.getInstance().setProvider(at, provider(file));
      pending = new Generation(at, text, file, OpenFeatureAPI.getInstance().getClient(at));
    }

    boolean current() {
      return pending == null;
    }

    /** Whether the user gets the new variant; until a file is read, every user the default. */
    boolean isOn(String flag, String user, String email) {
      return serving != null
          && serving
              .client()
              .getBooleanValue(
                  flag, false, new ImmutableContext(user, Map.of("email", new Value(email))));
    }

    /** Unbinds a generation: the SDK shuts its provider down once nothing else uses it. */
    private void retire(Generation g) {
      if (g == null) {
        return;
      }
      OpenFeatureAPI.getInstance().setProvider(g.domain(), new NoOpProvider());
      try {
        Files.deleteIfExists(g.file());
      } catch (IOException e) {
        // a temporary file: the directory goes with the sandbox
      }
    }

    void close() {
      retire(pending);
      retire(serving);
      pending = null;
      serving = null;
    }
  }
}
