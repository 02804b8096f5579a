package io.glidepath.status;

import java.util.Objects;

/**
 * An approval gate's identity, shared by both workflows and the CLI. Its text form is what people
 * type and what travels in signals: {@code release}, {@code region:eu-west}, {@code
 * stage:eu-west:3}, {@code go-live}, {@code budget:eu-west}.
 *
 * @param region the region of a region or stage gate, else {@code null}
 * @param stage the 1-based stage of a stage gate, else 0
 */
public record GateId(Kind kind, String region, int stage) {

  /** Where in a release a gate stands. */
  public enum Kind {
    /** Before any region starts. */
    RELEASE("release"),
    /** Before one region starts. */
    REGION("region"),
    /** Before one canary stage shifts its weight. */
    STAGE("stage"),
    /** After the soak, before the release is declared live. */
    GO_LIVE("go-live"),
    /**
     * Before one region starts while its error budget is under the spec's floor: a person lets it
     * through with a reason.
     */
    BUDGET("budget");

    private final String word;

    Kind(String word) {
      this.word = word;
    }

    /** The kind as written in a gate id. */
    public String word() {
      return word;
    }
  }

  public GateId {
    Objects.requireNonNull(kind, "kind");
  }

  /** The gate before the whole release. */
  public static GateId release() {
    return new GateId(Kind.RELEASE, null, 0);
  }

  /** The gate before {@code region} starts. */
  public static GateId region(String region) {
    return new GateId(Kind.REGION, region, 0);
  }

  /** The gate before stage {@code stage} (1-based) of {@code region}. */
  public static GateId stage(String region, int stage) {
    return new GateId(Kind.STAGE, region, stage);
  }

  /** The hold of {@code region} whose remaining error budget is under the floor. */
  public static GateId budget(String region) {
    return new GateId(Kind.BUDGET, region, 0);
  }

  /** The sign-off gate after the soak. */
  public static GateId goLive() {
    return new GateId(Kind.GO_LIVE, null, 0);
  }

  /**
   * Reads a gate id as written by {@link #toString()}.
   *
   * @throws IllegalArgumentException naming the accepted forms when {@code text} is none of them
   */
  public static GateId parse(String text) {
    String t = text == null ? "" : text.trim();
    String[] parts = t.split(":", -1);
    for (Kind k : Kind.values()) {
      if (!k.word.equals(parts[0])) {
        continue;
      }
      switch (k) {
        case RELEASE, GO_LIVE -> {
          if (parts.length == 1) {
            return new GateId(k, null, 0);
          }
        }
        case REGION, BUDGET -> {
          if (parts.length == 2 && !parts[1].isEmpty()) {
            return new GateId(k, parts[1], 0);
          }
        }
        case STAGE -> {
          if (parts.length == 3 && !parts[1].isEmpty() && parts[2].matches("[1-9][0-9]{0,2}")) {
            return stage(parts[1], Integer.parseInt(parts[2]));
          }
        }
      }
    }
    throw new IllegalArgumentException(
        "gate "
            + Bounded.text(t, 80)
            + " is not a gate id; use release, region:<region>, stage:<region>:<n>, go-live or budget:<region>");
  }

  @Override
  public String toString() {
    return switch (kind) {
      case RELEASE, GO_LIVE -> kind.word;
      case REGION, BUDGET -> kind.word + ":" + region;
      case STAGE -> kind.word + ":" + region + ":" + stage;
    };
  }
}
