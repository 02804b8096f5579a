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

  @Test
  void docsCliNamesEveryCommandAndEveryOption() throws Exception {
    String doc = Files.readString(ROOT.resolve("docs/cli.md"));
    List<String> missing = new ArrayList<>();
    check(GlidepathCommand.commandLine(), "", doc, missing);
    assertTrue(missing.isEmpty(), "docs/cli.md does not mention: " + missing);
  }

  private static void check(CommandLine cli, String path, String doc, List<String> missing) {
    if (!path.isEmpty() && !doc.contains("`" + path.strip())) {
      missing.add(path.strip());
    }
    for (CommandLine.Model.OptionSpec o : cli.getCommandSpec().options()) {
      if (!o.usageHelp() && !o.versionHelp() && !doc.contains(o.longestName())) {
        missing.add(path.strip() + " " + o.longestName());
      }
    }
    cli.getSubcommands().forEach((name, sub) -> check(sub, path + " " + name, doc, missing));
  }
}
