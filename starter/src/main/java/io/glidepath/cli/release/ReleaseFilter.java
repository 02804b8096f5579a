package io.glidepath.cli.release;

import io.glidepath.model.ReleaseSpec;
import io.glidepath.status.ReleasePhase;
import io.glidepath.status.SearchAttributes;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.common.SearchAttributeKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code release list --service/--phase/--author} asks for: a visibility query on a real
 * server, and the same test on each listed execution where the server has no visibility queries
 * (the embedded test server).
 */
record ReleaseFilter(String service, ReleasePhase phase, String author) {
  static final String RELEASES = "WorkflowType = 'ReleaseWorkflow'";

  /**
   * A filter from the options as typed; the phase in any case, with spaces, dashes or underscores
   * ({@code rolling out}, {@code ROLLING_OUT}). Throws {@link IllegalArgumentException} naming the
   * phases for an unknown one.
   */
  static ReleaseFilter of(String service, String phase, String author) {
    ReleasePhase parsed = null;
    if (phase != null && !phase.isBlank()) {
      String name = phase.trim().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
      try {
        parsed = ReleasePhase.valueOf(name);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "--phase: no phase '"
                + phase
                + "'; one of "
                + java.util.Arrays.stream(ReleasePhase.values())
                    .map(p -> p.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .toList());
      }
    }
    return new ReleaseFilter(blankToNull(service), parsed, blankToNull(author));
  }

  /** The visibility query: releases, narrowed by each filter given. */
  String query() {
    List<String> terms = new ArrayList<>(List.of(RELEASES));
    if (service != null) {
      terms.add(term(SearchAttributes.SERVICE, service));
    }
    if (phase != null) {
      terms.add(term(SearchAttributes.PHASE, phase.name()));
    }
    if (author != null) {
      terms.add(term(SearchAttributes.AUTHOR, author));
    }
    return String.join(" AND ", terms);
  }

  /**
   * Whether a listed execution passes, from its search attributes; without them (set by a worker
   * older than the attributes) the service comes from the workflow id and the rest does not match.
   */
  boolean matches(WorkflowExecutionInfo info) {
    if (service != null) {
      String value = value(info, SearchAttributes.SERVICE);
      boolean byId =
          info.getExecution().getWorkflowId().equals(ReleaseSpec.releaseWorkflowId(service));
      if (value == null ? !byId : !value.equals(service)) {
        return false;
      }
    }
    if (phase != null && !phase.name().equals(value(info, SearchAttributes.PHASE))) {
      return false;
    }
    return author == null || author.equals(value(info, SearchAttributes.AUTHOR));
  }

  private static String value(WorkflowExecutionInfo info, SearchAttributeKey<String> key) {
    return ListedRelease.value(info, key);
  }

  private static String term(SearchAttributeKey<String> key, String value) {
    return key.getName() + " = '" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
