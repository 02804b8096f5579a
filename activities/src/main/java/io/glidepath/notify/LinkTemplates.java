package io.glidepath.notify;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The links a card carries (dashboard, logs, the workflow in the Temporal Web UI, the release on
 * the board), built from URL templates in the worker's configuration with {@code {service}}, {@code
 * {region}}, {@code {version}}, {@code {workflowId}} (the card's workflow: the release's or a
 * region's) and {@code {releaseId}} (the release's workflow id, which the board's pages use). A
 * link without a template is left out.
 */
public record LinkTemplates(String dashboard, String logs, String workflow, String board) {

  /** Links without the board. */
  public LinkTemplates(String dashboard, String logs, String workflow) {
    this(dashboard, logs, workflow, null);
  }

  /** The label of the board's link. */
  public static final String BOARD = "Board";

  /** The configured links for {@code event}, by button label, in a stable order. */
  public Map<String, String> links(ReleaseEvent event) {
    Map<String, String> out = new LinkedHashMap<>();
    put(out, "Dashboard", dashboard, event);
    put(out, "Logs", logs, event);
    put(out, "Workflow", workflow, event);
    put(out, BOARD, board, event);
    return out;
  }

  private static void put(Map<String, String> out, String label, String template, ReleaseEvent e) {
    if (template != null && !template.isBlank()) {
      out.put(
          label,
          template
              .replace("{service}", e.service())
              .replace("{region}", e.region() == null ? "" : e.region())
              .replace("{version}", e.version())
              .replace("{workflowId}", e.correlationId())
              .replace(
                  "{releaseId}", io.glidepath.model.ReleaseSpec.releaseWorkflowId(e.service())));
    }
  }
}
