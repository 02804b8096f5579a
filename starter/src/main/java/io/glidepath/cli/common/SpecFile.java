package io.glidepath.cli.common;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code -f/--file} option of the commands that read a release spec. */
public final class SpecFile {
  @Option(
      names = {"-f", "--file"},
      required = true,
      description = "the release spec (YAML)")
  public Path path;
}
