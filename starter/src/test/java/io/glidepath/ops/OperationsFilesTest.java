package io.glidepath.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.glidepath.cli.GlidepathCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The files people run Glidepath with outside this repository, checked by parsing since Docker,
 * GitHub and a cluster are not here: the compose stack, the image, the GitHub workflows and the
 * Kubernetes manifests.
 */
class OperationsFilesTest {
  static final Path ROOT = Path.of("..");
  static final YAMLMapper YAML = new YAMLMapper();

  static JsonNode yaml(String file) throws Exception {
    return YAML.readTree(ROOT.resolve(file).toFile());
  }

  @Test
  void composeServicesHaveAnImageAHealthCheckDistinctPortsAndExistingConfigFiles()
      throws Exception {
    JsonNode services = yaml("docker-compose.temporal.yml").path("services");
    Set<String> names = new HashSet<>();
    services.fieldNames().forEachRemaining(names::add);
    assertEquals(
        Set.of(
            "postgresql", "temporal", "temporal-ui", "glidepath-worker", "prometheus", "grafana"),
        names);
    Set<String> hostPorts = new HashSet<>();
    for (var it = services.fields(); it.hasNext(); ) {
      var e = it.next();
      String name = e.getKey();
      JsonNode s = e.getValue();
      assertTrue(s.has("image") || s.has("build"), name + ": image or build");
      String image = s.path("image").asText("");
      if (!s.has("build")) {
        assertTrue(image.matches("[^:]+:[^:]+") && !image.endsWith(":latest"), name + ": pinned");
      }
      assertTrue(s.path("healthcheck").path("test").size() > 0, name + ": health check");
      for (JsonNode p : s.path("ports")) {
        String host = p.asText().split(":")[0];
        assertTrue(hostPorts.add(host), name + ": host port " + host + " already taken");
      }
      for (var deps = s.path("depends_on").fields(); deps.hasNext(); ) {
        var d = deps.next();
        assertTrue(names.contains(d.getKey()), name + " depends on unknown " + d.getKey());
        assertEquals("service_healthy", d.getValue().path("condition").asText(), name);
      }
      for (JsonNode v : s.path("volumes")) {
        String source = v.asText().split(":")[0];
        if (source.startsWith("./")) {
          assertTrue(Files.isRegularFile(ROOT.resolve(source)), name + ": missing " + source);
        }
      }
      for (var env = s.path("environment").fields(); env.hasNext(); ) {
        var v = env.next();
        if (v.getKey().matches(".*(PASSWORD|PWD|TOKEN|WEBHOOK|API_KEY).*")) {
          assertTrue(
              v.getValue().asText().startsWith("${"),
              name + ": " + v.getKey() + " must come from the environment, not the file");
        }
      }
    }
    assertTrue(hostPorts.contains("8080"), "the Temporal Web UI on 8080");
    String scrape = Files.readString(ROOT.resolve("deploy/compose/prometheus.yml"));
    assertTrue(scrape.contains("glidepath-worker:8081") && scrape.contains("/prometheus"));
    JsonNode dashboard =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(
                ROOT.resolve("deploy/compose/grafana/dashboards/glidepath-releases.json").toFile());
    assertTrue(dashboard.toString().contains("glidepath_rollbacks_total"));
  }

  @Test
  void theImageRunsAsNonRootOnAPinnedJreWithAHealthCheck() throws Exception {
    List<String> lines = Files.readAllLines(ROOT.resolve("Dockerfile"));
    // A stage's image may come from a build argument: its default must be pinned too.
    java.util.Map<String, String> args = new java.util.HashMap<>();
    for (String l : lines) {
      Matcher arg = Pattern.compile("^ARG (\\w+)=(\\S+)$").matcher(l);
      if (arg.find()) {
        args.put(arg.group(1), arg.group(2));
      }
    }
    List<String> from =
        lines.stream()
            .filter(l -> l.startsWith("FROM "))
            .map(
                l ->
                    Pattern.compile("\\$\\{(\\w+)}")
                        .matcher(l)
                        .replaceAll(
                            m ->
                                Matcher.quoteReplacement(args.getOrDefault(m.group(1), m.group()))))
            .toList();
    assertEquals(2, from.size(), "a build stage and a runtime stage");
    for (String f : from) {
      assertTrue(f.matches("FROM [^:]+:[0-9][^ ]*( AS \\w+)?"), "pinned: " + f);
    }
    assertTrue(from.get(1).contains("-jre"), "a JRE at run time: " + from.get(1));
    String user =
        lines.stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b).orElseThrow();
    assertFalse(user.matches("USER (0|root)"), user);
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("HEALTHCHECK ")));
    for (String l : lines) {
      Matcher copy = Pattern.compile("^COPY (?!--from)(\\S+) ").matcher(l);
      if (copy.find() && !copy.group(1).equals(".")) {
        assertTrue(Files.exists(ROOT.resolve(copy.group(1))), "missing " + copy.group(1));
      }
    }
  }

  @Test
  void workflowsParseAndEveryGlidepathCommandInThemIsOneTheCliAccepts() throws Exception {
    JsonNode release = yaml(".github/workflows/release.yml");
    JsonNode inputs = release.path("on").path("workflow_dispatch").path("inputs");
    for (String input : List.of("service", "version", "regions", "mode", "delay")) {
      assertTrue(inputs.has(input), "release.yml input " + input);
    }
    int commands = 0;
    for (String file :
        List.of("ci.yml", "release.yml", "emergency-rollback.yml", "environments.yml")) {
      JsonNode wf = yaml(".github/workflows/" + file);
      assertTrue(wf.path("jobs").size() > 0, file + ": jobs");
      for (JsonNode job : wf.path("jobs")) {
        for (JsonNode step : job.path("steps")) {
          String run = step.path("run").asText("").replace("\n", " ").trim();
          int at = run.indexOf("java -jar starter/target/glidepath.jar ");
          if (at < 0) {
            continue;
          }
          String args =
              run.substring(at + "java -jar starter/target/glidepath.jar ".length())
                  .replaceAll("\\$\\{\\{ *[^}]+ *}}", "x")
                  // A bash array of optional arguments expands to options, or to nothing.
                  .replaceAll("\"\\$\\{[a-z]+\\[@]}\"", "");
          GlidepathCommand.commandLine().parseArgs(split(args).toArray(String[]::new));
          commands++;
        }
      }
    }
    assertEquals(
        11,
        commands,
        "start, watch, rollback, abort, revert and status, and the environments' start, two"
            + " delivers and two watches are all checked");
  }

  @Test
  void theClusterManifestsGrantExactlyTheDocumentedRole() throws Exception {
    List<JsonNode> docs = new ArrayList<>();
    try (MappingIterator<JsonNode> it =
        YAML.readerFor(JsonNode.class)
            .readValues(ROOT.resolve("deploy/kubernetes/glidepath-worker.yaml").toFile())) {
      it.forEachRemaining(docs::add);
    }
    Map<String, JsonNode> byKind = new java.util.HashMap<>();
    docs.forEach(d -> byKind.put(d.path("kind").asText(), d));
    JsonNode deployment = byKind.get("Deployment");
    JsonNode pod = deployment.path("spec").path("template");
    assertEquals(
        "true", pod.path("metadata").path("annotations").path("prometheus.io/scrape").asText());
    assertEquals(
        byKind.get("ServiceAccount").path("metadata").path("name").asText(),
        pod.path("spec").path("serviceAccountName").asText());
    assertEquals(
        "/health/readiness",
        pod.path("spec")
            .path("containers")
            .get(0)
            .path("readinessProbe")
            .path("httpGet")
            .path("path")
            .asText());

    String doc = Files.readString(ROOT.resolve("docs/providers/kubernetes.md"));
    Matcher block = Pattern.compile("```yaml\\n(apiVersion: rbac[^`]*)```").matcher(doc);
    assertTrue(block.find(), "the Role in docs/providers/kubernetes.md");
    JsonNode documented = YAML.readTree(block.group(1));
    assertEquals(documented.path("rules"), byKind.get("Role").path("rules"));
  }

  /** Splits a shell command line on spaces outside double quotes. */
  static List<String> split(String line) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(line);
    while (m.find()) {
      out.add(m.group(1) != null ? m.group(1) : m.group(2));
    }
    return out;
  }
}
