package io.glidepath.notify;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The links a card carries (dashboard, logs, the workflow in the Temporal Web UI), built from URL
 * templates in the worker's configuration with {@code {service}}, {@code {region}}, {@code
 * {version}} and {@code {workflowId}}. A link without a template is left out.
 */
public record LinkTemplates(String dashboard, String logs, String workflow) {

  /** The configured links for {@code event}, by button label, in a stable order. */
  public Map<String, String> links(ReleaseEvent event) {
    Map<String, String> out = new LinkedHashMap<>();
    put(out, "Dashboard", dashboard, event);
    put(out, "Logs", logs, event);
    put(out, "Workflow", workflow, event);
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
              .replace("{workflowId}", e.correlationId()));
    }
  }
}
