package io.glidepath.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glidepath.model.RegionSpec;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.spec.SpecParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The spec corpus through the real {@code glidepath release validate} (picocli entry point and the
 * CLI's exit codes): every bad spec ({@code corpus/bad}, one realistic mistake each, its expected
 * field in an {@code # expect:} comment, optionally words of the fix in {@code # expect-also:} and
 * words that would mislead in {@code # expect-not:}) exits 2 naming that field, without a stack
 * trace, and echoes none of the fake secrets planted in it; every good one ({@code corpus/good})
 * exits 0 with its values exactly as written.
 */
class SpecCorpusTest {
  static final Path CORPUS = Path.of("..", "workflows", "src", "test", "resources", "corpus");

  /** Parts of the fake secrets planted in the corpus; none may ever be printed. */
  static final List<String> SECRETS =
      List.of("XXXXSECRET", "xoxb-", "hooks.slack.com/services", "glsa_", "0000-SECRET");

  static Stream<Path> bad() throws IOException {
    return files("bad");
  }

  static Stream<Path> good() throws IOException {
    return files("good");
  }

  static Stream<Path> files(String kind) throws IOException {
    try (Stream<Path> s = Files.list(CORPUS.resolve(kind))) {
      return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @Test
  void theCorpusIsLargeEnough() throws IOException {
    assertTrue(bad().count() >= 80, "at least 80 bad specs");
    assertTrue(good().count() >= 15, "at least 15 good specs");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bad")
  void everyBadSpecExitsTwoNamingItsField(Path file) throws IOException {
    String expected = header(file, "expect").orElseThrow(() -> new AssertionError("no # expect"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = validate(file, out, err);
    String printed = out + "" + err;
    if (Boolean.getBoolean("corpus.print")) { // -Dcorpus.print=true shows what users would see
      System.out.println("== " + file.getFileName() + "\n" + printed);
    }
    assertEquals(2, code, printed);
    assertTrue(printed.contains(expected), () -> "expected '" + expected + "' in:\n" + printed);
    header(file, "expect-also")
        .ifPresent(
            also ->
                assertTrue(
                    printed.contains(also), () -> "expected also '" + also + "' in:\n" + printed));
    header(file, "expect-not")
        .ifPresent(
            not ->
                assertFalse(
                    printed.contains(not), () -> "did not expect '" + not + "' in:\n" + printed));
    assertFalse(printed.contains("\tat "), () -> "a stack trace:\n" + printed);
    for (String secret : SECRETS) {
      assertFalse(printed.contains(secret), () -> "echoed a secret (" + secret + "):\n" + printed);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("good")
  void everyGoodSpecExitsZeroWithItsValuesAsWritten(Path file) throws IOException {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = validate(file, out, err);
    assertEquals(0, code, () -> out + "" + err);
    String version = header(file, "expect-version").orElseThrow();
    ReleaseSpec spec = SpecParser.load(file);
    assertEquals(version, spec.version());
    assertTrue(out.toString().contains(" " + version + " to "), out::toString);
    header(file, "expect-output")
        .ifPresent(text -> assertTrue(out.toString().contains(text), out::toString));
    header(file, "expect-regions")
        .ifPresent(
            regions ->
                assertEquals(
                    List.of(regions.split(",")),
                    spec.regions().stream().map(RegionSpec::name).toList()));
    header(file, "expect-cluster")
        .ifPresent(
            cluster -> spec.regions().forEach(r -> assertEquals(cluster, r.cluster(), r.name())));
  }

  static int validate(Path file, StringWriter out, StringWriter err) {
    CommandLine cli = GlidepathCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute("release", "validate", "-f", file.toString());
  }

  /**
   * The value of a {@code # name: value} comment line, read byte-safe (a bad file is not UTF-8).
   */
  static Optional<String> header(Path file, String name) throws IOException {
    String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    Matcher m = Pattern.compile("(?m)^(?:\\W*)# " + Pattern.quote(name) + ": (.*)$").matcher(text);
    return m.find() ? Optional.of(m.group(1).strip()) : Optional.empty();
  }
}
