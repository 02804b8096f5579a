package io.glidepath.traffic.flagd;

import dev.openfeature.contrib.providers.flagd.Config;
import dev.openfeature.contrib.providers.flagd.FlagdOptions;
import dev.openfeature.contrib.providers.flagd.FlagdProvider;
import dev.openfeature.contrib.providers.flagd.resolver.process.model.FlagParser;
import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * flagd's own evaluator over a flag file: the OpenFeature SDK with the flagd provider evaluating in
 * process from the file (its FILE resolver), as an application next to flagd would.
 */
final class FlagdEvaluation {
  private static final AtomicInteger DOMAINS = new AtomicInteger();

  private FlagdEvaluation() {}

  /** Checks {@code text} against flagd's flag schema; throws when flagd would refuse it. */
  static void accepted(String text) throws IOException {
    if (FlagParser.parseString(text, true).getFlags().isEmpty()) {
      throw new AssertionError("flagd read no flag from\n" + text);
    }
  }

  /**
   * The users among {@code user-0 .. user-(users-1)} whom flagd puts on flag {@code key}'s true
   * variant, for the file {@code text}; {@code email} gives each user's email attribute.
   */
  static Set<String> usersOn(Path dir, String text, String key, int users) throws Exception {
    accepted(text);
    Path file = dir.resolve("flags-" + DOMAINS.incrementAndGet() + ".flagd.json");
    Files.writeString(file, text);
    FlagdProvider provider =
        new FlagdProvider(
            FlagdOptions.builder()
                .resolverType(Config.Resolver.FILE)
                .offlineFlagSourcePath(file.toString())
                .build());
    String domain = "glidepath-test-" + file.getFileName();
    OpenFeatureAPI api = OpenFeatureAPI.getInstance();
    api.setProviderAndWait(domain, provider);
    try {
      Client client = api.getClient(domain);
      Set<String> on = new HashSet<>();
      for (int i = 0; i < users; i++) {
        String user = "user-" + i;
        FlagEvaluationDetails<Boolean> d =
            client.getBooleanDetails(
                key, false, new ImmutableContext(user, Map.of("email", new Value(email(i)))));
        if (d.getErrorCode() != null && d.getErrorCode() != ErrorCode.GENERAL) {
          throw new AssertionError(
              "flagd could not evaluate " + key + " for " + user + ": " + d.getErrorMessage());
        }
        if (d.getErrorCode() != null) {
          throw new AssertionError("flagd failed on " + key + ": " + d.getErrorMessage());
        }
        if (Boolean.TRUE.equals(d.getValue())) {
          on.add(user);
        }
      }
      return on;
    } finally {
      provider.shutdown();
    }
  }

  static String email(int i) {
    return "user" + i + "@example.com";
  }
}
