package io.glidepath.release;

import io.glidepath.status.Bounded;
import io.glidepath.status.Control;
import io.glidepath.status.DecisionKind;
import io.glidepath.status.Promotion;
import io.glidepath.status.RegionStatus;
import io.glidepath.status.Words;
import java.util.List;

/**
 * What people ask of one region or of the running regions through the release: a rollback, or a
 * promotion (the next stage now, or straight to 100%); each checked before it is accepted.
 */
final class ReleaseSteering {
  private final ReleaseContext c;

  ReleaseSteering(ReleaseContext c) {
    this.c = c;
  }

  String rollbackRegion(Control sent) {
    Control control = Bounded.control(sent);
    c.decide(
        DecisionKind.ROLLBACK_REQUESTED,
        control.by(),
        control.identity(),
        "rollback of " + control.region() + " requested",
        control.reason());
    c.toRegion(control.region(), r -> r.rollback(control));
    return "rollback of " + control.region() + " requested";
  }

  void validateRollbackRegion(Control control) {
    Bounded.refuse(
        Bounded.tooLong("--by", control.by(), Bounded.MAX_NAME),
        Bounded.tooLong("--reason", control.reason(), Bounded.MAX_TEXT));
    requireRunning(control.region(), "roll back");
  }

  String promote(Promotion sent) {
    Promotion p =
        new Promotion(
            Bounded.text(sent.by(), Bounded.MAX_NAME),
            Bounded.text(sent.reason(), Bounded.MAX_TEXT),
            sent.region(),
            sent.full(),
            Bounded.text(sent.identity(), Bounded.MAX_NAME));
    List<String> targets = promotable(p);
    String what = (p.full() ? "full advance of " : "advance of ") + String.join(", ", targets);
    c.decide(DecisionKind.PROMOTED_EARLY, p.by(), p.identity(), what + " requested", p.reason());
    for (String name : targets) {
      c.toRegion(name, r -> r.promote(p));
    }
    return what + " requested";
  }

  void validatePromote(Promotion p) {
    Bounded.refuse(
        Bounded.tooLong("--by", p.by(), Bounded.MAX_NAME),
        Bounded.tooLong("--reason", p.reason(), Bounded.MAX_TEXT));
    if (c.spec == null || c.phase.finished()) {
      throw new IllegalArgumentException("the release has ended; there is nothing to promote");
    }
    for (String name : promotable(p)) {
      RegionStatus r = c.regions.get(name);
      String refusal =
          switch (r.phase()) {
            case HOLDING -> name + " holds (" + r.reason() + "); resume it instead";
            case AWAITING_APPROVAL ->
                name + " waits for approval of " + r.pendingGate() + "; approve it instead";
            case WATCHING, PROMOTING, FINALIZING, ROLLING_BACK ->
                name + " is " + Words.of(r.phase()) + "; nothing to promote";
            default -> null;
          };
      if (refusal == null && p.full()) {
        refusal = gateAhead(name, r.stage());
      }
      if (refusal != null) {
        throw new IllegalArgumentException(refusal);
      }
    }
  }

  /** Refuses a region this release does not have, or one that is not running. */
  private void requireRunning(String name, String verb) {
    if (c.spec == null || name == null || !c.regions.containsKey(name)) {
      throw new IllegalArgumentException(
          "no region "
              + name
              + " in this release; regions: "
              + String.join(", ", c.regions.keySet()));
    }
    if (!c.children.containsKey(name) || c.done(name)) {
      throw new IllegalArgumentException(
          name
              + " is not running ("
              + Words.of(c.regions.get(name).phase())
              + "); nothing to "
              + verb);
    }
  }

  /** The running regions a promotion is for; refuses an unknown or finished region. */
  private List<String> promotable(Promotion p) {
    if (p.region() == null || p.region().isBlank()) {
      List<String> running = c.children.keySet().stream().filter(n -> !c.done(n)).toList();
      if (running.isEmpty()) {
        throw new IllegalArgumentException("no region is running; nothing to promote");
      }
      return running;
    }
    requireRunning(p.region(), "promote");
    return List.of(p.region());
  }

  /** Why a full promotion of {@code region} from {@code stage} would pass a stage gate, or null. */
  private String gateAhead(String region, int stage) {
    var canary = c.spec.strategy().canary();
    if (canary == null) {
      return null;
    }
    for (int i = stage; i < canary.stages().size(); i++) {
      if (canary.stages().get(i).gate()) {
        return "stage "
            + (i + 1)
            + " of "
            + region
            + " has an approval gate; a full promotion cannot pass it: promote stage by stage"
            + " and approve the gate";
      }
    }
    return null;
  }
}
