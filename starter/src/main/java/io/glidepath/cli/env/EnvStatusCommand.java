package io.glidepath.cli.env;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.glidepath.cli.common.TemporalOptions;
import io.glidepath.environment.EnvironmentClient;
import io.glidepath.environment.EnvironmentRow;
import io.glidepath.environment.EnvironmentRule;
import io.glidepath.environment.EnvironmentsView;
import io.glidepath.environment.LedgerState;
import io.glidepath.environment.PromotionRules;
import io.glidepath.environment.Ruling;
import io.temporal.common.converter.JacksonJsonPayloadConverter;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code glidepath env status}: per environment, the version running, since when, whether it is
 * verified for the next environment, what is being released, and which version may go next.
 */
@Command(
    name = "status",
    description =
        "Per environment: the version running, since when, verified or not, and which version may"
            + " go next.")
final class EnvStatusCommand implements Callable<Integer> {
  private static final ObjectMapper JSON =
      JacksonJsonPayloadConverter.newDefaultObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT);

  @CommandLine.Spec CommandLine.Model.CommandSpec cli;
  @Mixin TemporalOptions temporal;

  @Parameters(index = "0", description = "the service")
  String service;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "text",
      description = "text or json (default: ${DEFAULT-VALUE})")
  String output;

  /** What {@code --output json} prints. */
  record Report(
      String service,
      long atMillis,
      List<EnvironmentRow> environments,
      List<Ruling> overrides,
      List<io.glidepath.status.Decision> timeline) {}

  @Override
  public Integer call() throws JsonProcessingException {
    if (!output.equals("text") && !output.equals("json")) {
      throw new IllegalArgumentException("--output must be text or json");
    }
    LedgerState ledger = new EnvironmentClient(temporal.client()).status(service);
    long now = System.currentTimeMillis();
    List<EnvironmentRow> rows = EnvironmentsView.rows(ledger, now);
    PrintWriter out = cli.commandLine().getOut();
    if (output.equals("json")) {
      out.println(
          JSON.writeValueAsString(
              new Report(service, now, rows, ledger.overrides(), ledger.timeline())));
      return 0;
    }
    out.print(text(ledger, rows, now));
    out.flush();
    return 0;
  }

  static String text(LedgerState ledger, List<EnvironmentRow> rows, long now) {
    StringBuilder b = new StringBuilder();
    if (ledger.order().isEmpty()) {
      return b.append(ledger.service())
          .append(": nothing delivered yet (glidepath release start -f SPEC --env FIRST)\n")
          .toString();
    }
    b.append(ledger.service())
        .append(": ")
        .append(
            ledger.order().stream().map(EnvironmentRule::name).collect(Collectors.joining(" -> ")))
        .append('\n');
    Map<String, EnvironmentRule> rules =
        ledger.order().stream().collect(Collectors.toMap(EnvironmentRule::name, r -> r));
    for (int i = 0; i < rows.size(); i++) {
      EnvironmentRow r = rows.get(i);
      b.append(String.format("%n%-10s ", r.name()));
      if (r.version() == null) {
        b.append("no version yet");
      } else {
        b.append(r.version())
            .append(" since ")
            .append(PromotionRules.time(r.sinceMillis()))
            .append(", ")
            .append(verified(r, i + 1 < rows.size() ? rows.get(i + 1).name() : null));
      }
      b.append('\n');
      if (r.releasing() != null) {
        b.append("           releasing ").append(r.releasing()).append(" now\n");
      }
      if (r.last() != null
          && r.last().outcome() != io.glidepath.environment.RunOutcome.COMPLETED
          && r.last().outcome() != io.glidepath.environment.RunOutcome.RUNNING) {
        b.append("           last: ")
            .append(r.last().version())
            .append(' ')
            .append(r.last().outcome().words())
            .append(" at ")
            .append(PromotionRules.time(r.last().atMillis()))
            .append(r.last().note() == null ? "" : " (" + r.last().note() + ")")
            .append('\n');
      }
      if (r.candidate() != null) {
        b.append("           next: ")
            .append(r.candidate())
            .append(r.admission().allowed() ? " may go now: " : " may not go yet: ")
            .append(r.admission().reason())
            .append('\n');
        if (r.admission().allowed()) {
          b.append("           glidepath env deliver ")
              .append(ledger.service())
              .append(' ')
              .append(r.candidate())
              .append(" --to ")
              .append(r.name())
              .append(" -f SPEC\n");
        }
      }
    }
    for (Ruling o : ledger.overrides()) {
      b.append(
          String.format(
              "%noverride: %s may enter %s once (%s at %s: %s)%n",
              o.version(), o.environment(), o.by(), PromotionRules.time(o.atMillis()), o.reason()));
    }
    return b.toString();
  }

  private static String verified(EnvironmentRow r, String next) {
    if (r.verified()) {
      return next == null ? "verified" : "verified for " + next;
    }
    if (r.verifiedFromMillis() > 0) {
      return "verified for " + next + " from " + PromotionRules.time(r.verifiedFromMillis());
    }
    return next == null ? "not verified (blocked)" : "not verified for " + next;
  }
}
