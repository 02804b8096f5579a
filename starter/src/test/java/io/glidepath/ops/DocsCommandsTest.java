package io.glidepath.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glidepath.cli.GlidepathCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every {@code bin/glidepath} command in a code block of the README or docs/ is one the CLI
 * accepts; the ones that need no server ({@code release validate}) are run and must pass.
 */
class DocsCommandsTest {
  static final Path ROOT = Path.of("..");

  record Example(Path file, String line) {}

  static List<Example> examples() throws Exception {
    List<Path> files = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).forEach(files::add);
    }
    List<Example> out = new ArrayList<>();
    for (Path f : files) {
      boolean inBlock = false;
      for (String line : Files.readAllLines(f)) {
        if (line.startsWith("```")) {
          inBlock = !inBlock;
          continue;
        }
        String l = line.trim().replaceFirst("^\\$ ", "");
        if (inBlock && l.startsWith("bin/glidepath ")) {
          l = l.replaceFirst("\\s+#.*$", "").replaceFirst("\\s*&$", "");
          out.add(new Example(f, l.substring("bin/glidepath ".length())));
        }
      }
    }
    return out;
  }

  @Test
  void everyDocumentedCommandParsesAndValidateRuns() throws Exception {
    List<Example> examples = examples();
    assertTrue(examples.size() >= 15, "found " + examples.size());
    int ran = 0;
    for (Example e : examples) {
      String[] args = OperationsFilesTest.split(e.line()).toArray(String[]::new);
      try {
        GlidepathCommand.commandLine().parseArgs(args);
      } catch (CommandLine.ParameterException bad) {
        throw new AssertionError(e.file() + ": " + e.line() + ": " + bad.getMessage(), bad);
      }
      if (args.length > 1 && args[0].equals("release") && args[1].equals("validate")) {
        StringWriter out = new StringWriter();
        CommandLine cli = GlidepathCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(out));
        String[] fromRoot = args.clone();
        for (int i = 0; i < fromRoot.length; i++) {
          if (fromRoot[i].startsWith("examples/")) {
            fromRoot[i] = ROOT.resolve(fromRoot[i]).toString();
          }
        }
        assertEquals(0, cli.execute(fromRoot), e.file() + ": " + e.line() + ": " + out);
        ran++;
      }
    }
    assertTrue(ran >= 1, "validate examples run: " + ran);
  }

  /**
   * docs/cli.md against the picocli model: every command and subcommand has a section of its own
   * ({@code ### `release start`}), and every option of it (all its names, {@code -f} and {@code
   * --file}) appears in that section, or, for the options every command shares (the Temporal
   * connection, {@code --verbose}), in the table before the commands.
   */
  @Test
  void docsCliHasASectionForEveryCommandNamingEachOfItsOptions() throws Exception {
    String doc = Files.readString(ROOT.resolve("docs/cli.md"));
    String shared = doc.substring(0, doc.indexOf("## Commands"));
    List<String> missing = new ArrayList<>();
    int[] checked = {0};
    check(GlidepathCommand.commandLine(), "", doc, shared, missing, checked);
    assertTrue(missing.isEmpty(), "docs/cli.md does not document: " + missing);
    assertTrue(checked[0] >= 60, "options checked: " + checked[0]);
  }

  private static void check(
      CommandLine cli,
      String path,
      String doc,
      String shared,
      List<String> missing,
      int[] checked) {
    String section = path.isEmpty() ? shared : section(doc, path);
    if (section == null) {
      missing.add("a section ### `" + path + "`");
      section = "";
    }
    for (CommandLine.Model.OptionSpec o : cli.getCommandSpec().options()) {
      if (o.usageHelp() || o.versionHelp()) {
        continue;
      }
      for (String name : o.names()) {
        checked[0]++;
        if (!mentions(section, name) && !shared.contains("`" + name + "`")) {
          missing.add((path + " " + name).strip());
        }
      }
    }
    // A hidden command is a deprecated spelling, named in the prose of the command it became.
    cli.getSubcommands().entrySet().stream()
        .filter(e -> !e.getValue().getCommandSpec().usageMessage().hidden())
        .forEach(
            e ->
                check(
                    e.getValue(),
                    (path + " " + e.getKey()).strip(),
                    doc,
                    shared,
                    missing,
                    checked));
  }

  /**
   * Whether {@code text} has {@code option} as a word of its own ({@code --version}, not in {@code
   * --stable-version}).
   */
  private static boolean mentions(String text, String option) {
    return java.util.regex.Pattern.compile(
            "(?<![\\w-])" + java.util.regex.Pattern.quote(option) + "(?![\\w-])")
        .matcher(text)
        .find();
  }

  /** The text under {@code ### `path`} up to the next heading, or null when there is none. */
  private static String section(String doc, String path) {
    String heading = "\n### `" + path + "`\n";
    int at = doc.indexOf(heading);
    if (at < 0) {
      return null;
    }
    int next = doc.indexOf("\n#", at + heading.length());
    return doc.substring(at + heading.length(), next < 0 ? doc.length() : next);
  }
}
