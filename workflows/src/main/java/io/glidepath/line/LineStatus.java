package io.glidepath.line;

import io.glidepath.flow.LineStop;
import io.glidepath.status.Decision;
import java.util.List;

/** The freezes in force, and what happened to them, newest last. */
public record LineStatus(List<LineStop> freezes, List<Decision> timeline) {
  public LineStatus {
    freezes = freezes == null ? List.of() : List.copyOf(freezes);
    timeline = timeline == null ? List.of() : List.copyOf(timeline);
  }

  /** The freeze that covers {@code service}, or {@code null} when its releases may move. */
  public LineStop covering(String service) {
    return freezes.stream().filter(f -> f.covers(service)).findFirst().orElse(null);
  }
}
