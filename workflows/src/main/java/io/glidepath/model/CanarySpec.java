package io.glidepath.model;

import java.util.List;

/** Canary stages in order, the last at 100%, and how a breach goes back to stable. */
public record CanarySpec(List<StageSpec> stages, RollbackMode rollback) {
  public CanarySpec {
    stages = stages == null ? List.of() : List.copyOf(stages);
  }
}
