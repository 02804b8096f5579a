package io.glidepath.worker.board;

import static io.glidepath.worker.board.Html.countdown;
import static io.glidepath.worker.board.Html.esc;

import io.glidepath.model.ReleaseSpec;
import io.glidepath.model.StageSpec;
import io.glidepath.model.StrategyType;
import io.glidepath.status.RegionPhase;
import io.glidepath.status.RegionStatus;
import io.glidepath.status.Words;
import java.util.ArrayList;
import java.util.List;

/**
 * A region's whole plan as steps (deploy, each stage with its weight and hold, promotion, watch),
 * each done, current, waiting for approval, not started yet, or where the region rolled back. From
 * the release's spec when the board could read it, else from the stage count the status carries.
 */
final class RegionPlan {
  /** How a step stands; each has a symbol and a word, so it reads without colour. */
  enum State {
    DONE("done", "\u2713", "done"),
    NOW("now", "\u25B6", "now"),
    GATE("gate", "\u25C6", "waiting for approval"),
    WAIT("wait", "\u25CB", "to do"),
    BAD("bad", "\u21BA", "rolled back"),
    SKIPPED("wait", "\u2013", "skipped");

    final String css;
    final String symbol;
    final String word;

    State(String css, String symbol, String word) {
      this.css = css;
      this.symbol = symbol;
      this.word = word;
    }
  }

  /** One step of the plan: its name, what it does, and how it stands. */
  record Step(String name, String detail, State state) {}

  private RegionPlan() {}

  /** The steps of region {@code r}, from {@code spec} when known (may be {@code null}). */
  static List<Step> steps(ReleaseSpec spec, RegionStatus r) {
    List<String[]> plan = new ArrayList<>();
    plan.add(new String[] {"Deploy", "beside stable"});
    if (spec != null && spec.strategy() != null && spec.strategy().type() == StrategyType.CANARY) {
      int i = 1;
      for (StageSpec st : spec.strategy().canary().stages()) {
        String detail =
            st.weight()
                + "% for "
                + (st.hold() == null ? "-" : Html.duration(st.hold().toMillis()))
                + (st.gate() ? ", approval first" : "")
                + (st.at() == null ? "" : ", at " + st.at());
        plan.add(new String[] {"Stage " + i++, detail});
      }
    } else if (spec != null && spec.strategy() != null) {
      plan.add(
          new String[] {
            spec.strategy().type() == StrategyType.BLUE_GREEN ? "Switch" : "Roll out",
            "all traffic, watched"
          });
    } else {
      for (int i = 1; i <= Math.max(1, r.stages()); i++) {
        plan.add(new String[] {"Stage " + i, i == r.stage() ? r.weight() + "%" : ""});
      }
    }
    int stages = plan.size() - 1;
    plan.add(new String[] {"Promote", "becomes stable"});
    plan.add(
        new String[] {
          "Watch",
          spec != null && spec.soak() != null && !spec.soak().isZero()
              ? "soak " + Html.duration(spec.soak().toMillis())
              : "until the release ends"
        });
    int current = current(r, stages);
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < plan.size(); i++) {
      steps.add(new Step(plan.get(i)[0], plan.get(i)[1], state(r, i, current)));
    }
    return steps;
  }

  /**
   * The index of the step the region is at; past the end when it completed, -1 before it starts.
   */
  private static int current(RegionStatus r, int stages) {
    int stage = Math.min(Math.max(1, r.stage()), stages);
    return switch (r.phase()) {
      case PENDING, NOT_STARTED, PROTECTED -> -1;
      case RUNNING_HOOK, DEPLOYING, VERIFYING -> 0;
      case AWAITING_APPROVAL, WAITING_FOR_WINDOW, SHIFTING, OBSERVING, HOLDING -> stage;
      case PROMOTING -> stages + 1;
      case WATCHING, FINALIZING -> stages + 2;
      case COMPLETED -> stages + 3;
      case ROLLING_BACK, ROLLED_BACK, FAILED, ABORTED -> r.stage() <= 0 ? 0 : stage;
    };
  }

  private static State state(RegionStatus r, int i, int current) {
    if (r.phase() == RegionPhase.PROTECTED || r.phase() == RegionPhase.NOT_STARTED) {
      return State.SKIPPED;
    }
    if (i < current) {
      return State.DONE;
    }
    if (i > current) {
      return State.WAIT;
    }
    return switch (r.phase()) {
      case ROLLING_BACK, ROLLED_BACK, FAILED, ABORTED -> State.BAD;
      case AWAITING_APPROVAL -> State.GATE;
      default -> State.NOW;
    };
  }

  /**
   * Whether the region's observation window is worth counting down: not while it waits at a gate,
   * where the window is the gate's own watch and its end says nothing about when it goes on.
   */
  static boolean showsWindow(RegionStatus r) {
    return r.windowEndMillis() > 0
        && !r.paused()
        && switch (r.phase()) {
          case OBSERVING, HOLDING, WATCHING, WAITING_FOR_WINDOW -> true;
          default -> false;
        };
  }

  /** The plan as an ordered list of step cards, the current one with its countdown. */
  static void append(StringBuilder b, List<Step> steps, RegionStatus r, long now) {
    b.append("<ol class=\"plan\" aria-label=\"Plan of ").append(esc(r.region())).append("\">");
    for (Step s : steps) {
      b.append("<li class=\"").append(s.state().css).append("\"");
      if (s.state() == State.NOW || s.state() == State.GATE || s.state() == State.BAD) {
        b.append(" aria-current=\"step\"");
      }
      b.append("><span class=\"step\">").append(esc(s.name())).append("</span>");
      b.append("<small>").append(esc(s.detail())).append("</small>");
      b.append("<span class=\"state\">").append(s.state().symbol).append(' ');
      if (s.state() == State.NOW) {
        b.append(esc(Words.of(r.phase())));
        if (showsWindow(r)) {
          b.append("<span class=\"left\">")
              .append(countdown(r.windowEndMillis(), now))
              .append(" left</span>");
        }
      } else if (s.state() == State.GATE && r.pendingGate() != null) {
        b.append("<a href=\"#gate-")
            .append(Html.cssId(r.pendingGate()))
            .append("\">waiting for approval</a>");
      } else if (s.state() == State.BAD) {
        b.append(esc(Words.of(r.phase())));
      } else {
        b.append(s.state().word);
      }
      b.append("</span></li>");
    }
    b.append("</ol>");
  }

  /** The plan as a small bar of one segment per step, with the region's state in words. */
  static void bar(StringBuilder b, List<Step> steps, RegionStatus r) {
    long done = steps.stream().filter(s -> s.state() == State.DONE).count();
    String words =
        Words.of(r.phase())
            + (r.paused() ? ", paused" : "")
            + (r.stage() > 0 ? ", stage " + r.stage() + " of " + r.stages() : "")
            + ", "
            + r.weight()
            + "% on the new version";
    b.append("<div class=\"bar\" data-region=\"").append(esc(r.region())).append("\">");
    b.append("<span>").append(esc(r.region())).append("</span>");
    b.append("<span class=\"track\" role=\"img\" aria-label=\"")
        .append(esc(r.region() + ": " + done + " of " + steps.size() + " steps done"))
        .append("\">");
    for (Step s : steps) {
      b.append("<span class=\"").append(s.state().css).append("\"></span>");
    }
    b.append("</span><span class=\"label\">").append(esc(words)).append("</span></div>");
  }
}
