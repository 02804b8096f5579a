package io.glidepath.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.glidepath.model.ApprovalGate;
import io.glidepath.model.ApprovalPolicy;
import io.glidepath.model.Defaults;
import io.glidepath.model.Escalation;
import io.glidepath.model.HookSpec;
import io.glidepath.model.NotificationSpec;
import io.glidepath.model.StageSpec;
import io.glidepath.model.StrategySpec;
import io.glidepath.model.StrategyType;
import io.glidepath.model.TimeoutOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads the routine controls: {@code approval}, {@code notifications} and {@code hooks}. */
final class ControlReader {
  private ControlReader() {}

  /** How a spec says, explicitly, that anyone may approve: {@code approvers: anyone}. */
  static final String ANYONE = "anyone";

  static ApprovalPolicy approval(YamlObject o) {
    // Clearing a list must never widen who signs off: an empty list is refused, not read as
    // "none" or "anyone".
    empty(o, "gates", "an empty list gates nothing; leave gates out for no gates, or list them");
    empty(
        o,
        "required",
        "an empty mapping asks for nothing; leave required out for one approval from anyone"
            + " allowed, or give roles and counts, e.g. {sre: 1}");
    empty(
        o,
        "approvers",
        "an empty list would let anyone approve; list who may approve, e.g. {dana: [sre]}, or"
            + " write approvers: anyone if anyone may");
    List<ApprovalGate> gates = new ArrayList<>();
    for (String g : o.strings("gates")) {
      try {
        gates.add(YamlObject.choose(g, ApprovalGate.class));
      } catch (IllegalArgumentException e) {
        o.problem(o.path("gates"), e.getMessage());
      }
    }
    Map<String, Integer> required = new LinkedHashMap<>();
    YamlObject r = o.object("required");
    for (String role : r.keys()) {
      Integer n = r.integer(role, null);
      if (n != null) {
        required.put(role, n);
      }
    }
    Map<String, List<String>> approvers = new LinkedHashMap<>();
    JsonNode given = o.raw("approvers");
    if (given.isTextual() && given.asText().trim().equals(ANYONE)) {
      // Said explicitly: anyone may approve, with the role they state (an empty map).
    } else if (!(given.isContainerNode() && given.isEmpty())) {
      YamlObject a = o.object("approvers");
      for (String who : a.keys()) {
        approvers.put(who, a.strings(who));
      }
    }
    ApprovalPolicy policy =
        new ApprovalPolicy(
            gates,
            required,
            approvers,
            o.duration("timeout", Defaults.APPROVAL_TIMEOUT),
            o.choice("onTimeout", TimeoutOutcome.class, TimeoutOutcome.ABORT),
            o.objects("escalate").stream().map(ControlReader::escalation).toList());
    o.rejectUnknown();
    return policy;
  }

  /**
   * With any gate, who may approve is said: a list of approvers, or {@code approvers: anyone}.
   * Leaving it out would let anyone sign off without the spec ever saying so.
   */
  static void whoApproves(YamlObject root, ApprovalPolicy approval, StrategySpec strategy) {
    boolean stageGates =
        strategy.type() == StrategyType.CANARY
            && strategy.canary().stages().stream().anyMatch(StageSpec::gate);
    boolean gated = stageGates || approval.gates().stream().anyMatch(g -> g != ApprovalGate.STAGE);
    JsonNode a = root.raw("approval");
    if (gated && !(a.isObject() && a.has("approvers") && !a.get("approvers").isNull())) {
      root.problem(
          "approval.approvers",
          "required with a gate: list who may approve, e.g. approvers: {dana: [sre], erik:"
              + " [functional]}, or write approvers: anyone to let anyone approve (with the role"
              + " they state)");
    }
  }

  /** Reports {@code key} when it is given as an empty list or mapping. */
  private static void empty(YamlObject o, String key, String why) {
    JsonNode v = o.raw(key);
    if (v.isContainerNode() && v.isEmpty()) {
      o.problem(o.path(key), why);
    }
  }

  private static Escalation escalation(YamlObject e) {
    Escalation escalation = new Escalation(e.duration("after", null), e.string("notify"));
    e.rejectUnknown();
    return escalation;
  }

  static NotificationSpec notifications(YamlObject o) {
    YamlObject slack = o.object("slack");
    YamlObject grafana = o.object("grafana");
    NotificationSpec spec =
        new NotificationSpec(
            slack.string("successes"),
            slack.string("incidents"),
            o.string("teams"),
            grafana.string("token"));
    slack.rejectUnknown();
    grafana.rejectUnknown();
    o.rejectUnknown();
    return spec;
  }

  static HookSpec hook(YamlObject h) {
    HookSpec hook =
        new HookSpec(
            h.string("name"),
            h.choice("at", HookSpec.HookPoint.class, null),
            hookAction(h),
            h.has("undo") ? undo(h.object("undo")) : null,
            h.choice("onFailure", HookSpec.HookFailure.class, HookSpec.HookFailure.ROLLBACK));
    h.rejectUnknown();
    return hook;
  }

  private static HookSpec.Action undo(YamlObject u) {
    HookSpec.Action action = hookAction(u);
    u.rejectUnknown();
    return action;
  }

  /** The job or http of a hook or its undo; the validator checks that exactly one is given. */
  private static HookSpec.Action hookAction(YamlObject o) {
    HookSpec.Job job = null;
    if (o.has("job")) {
      YamlObject j = o.object("job");
      job =
          new HookSpec.Job(
              j.string("image"), j.strings("args"), j.duration("timeout", Defaults.HOOK_TIMEOUT));
      j.rejectUnknown();
    }
    HookSpec.Http http = null;
    if (o.has("http")) {
      YamlObject x = o.object("http");
      http =
          new HookSpec.Http(
              x.string("url"),
              x.value("method", "POST", m -> m.toUpperCase(Locale.ROOT)),
              x.integer("expect", 200));
      x.rejectUnknown();
    }
    return new HookSpec.Action(job, http);
  }
}
