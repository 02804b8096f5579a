package io.glidepath.cli.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.temporal.common.converter.JacksonJsonPayloadConverter;
import picocli.CommandLine.Option;

/** {@code --output text|json} of the read commands: text for people, JSON for scripts. */
public final class Output {
  enum Format {
    text,
    json
  }

  private static final ObjectMapper JSON =
      JacksonJsonPayloadConverter.newDefaultObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT);

  @Option(
      names = {"-o", "--output"},
      defaultValue = "text",
      description = "text or json (default: ${DEFAULT-VALUE})")
  Format format;

  public boolean json() {
    return format == Format.json;
  }

  /** {@code value} as indented JSON, the way the release's own data converter writes it. */
  public static String json(Object value) {
    try {
      return JSON.writeValueAsString(value) + System.lineSeparator();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
    }
  }
}
