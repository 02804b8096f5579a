package io.glidepath.testing;

import io.temporal.client.WorkflowClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Recorded histories as text a test can search for what must never be in them. */
public final class Histories {
  private Histories() {}

  /** The history of {@code workflowId} as JSON, followed by every payload decoded. */
  public static String decoded(WorkflowClient client, String workflowId) {
    return decoded(client.fetchHistory(workflowId).toJson(false));
  }

  /** The history's JSON with every payload decoded: payload data is base64 in the JSON. */
  public static String decoded(String historyJson) {
    StringBuilder out = new StringBuilder(historyJson);
    Matcher m = Pattern.compile("\"data\"\\s*:\\s*\"([A-Za-z0-9+/=]+)\"").matcher(historyJson);
    while (m.find()) {
      out.append('\n')
          .append(new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_8));
    }
    return out.toString();
  }
}
