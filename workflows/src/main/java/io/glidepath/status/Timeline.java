package io.glidepath.status;

import java.util.ArrayList;
import java.util.List;

/**
 * A workflow's decisions, bounded whatever people send: each text is cut to {@link
 * Bounded#MAX_TEXT} characters and only the last {@link #MAX_ENTRIES} entries are kept (the first
 * entry kept says how many were dropped).
 */
public final class Timeline {
  public static final int MAX_ENTRIES = 200;

  private final List<Decision> entries = new ArrayList<>();
  private int dropped;

  public void record(long atMillis, DecisionKind kind, String who, String what, String why) {
    record(atMillis, kind, who, null, what, why);
  }

  /** Records a person's decision with the client identity it came from. */
  public void record(
      long atMillis, DecisionKind kind, String who, String identity, String what, String why) {
    entries.add(
        new Decision(
            atMillis,
            Bounded.text(who, Bounded.MAX_NAME),
            Bounded.text(what, Bounded.MAX_TEXT),
            Bounded.text(why, Bounded.MAX_TEXT),
            kind,
            Bounded.text(identity, Bounded.MAX_NAME)));
    while (entries.size() > MAX_ENTRIES) {
      entries.remove(0);
      dropped++;
    }
  }

  /** The entries kept, oldest first, led by a note of how many were dropped, if any. */
  public List<Decision> entries() {
    if (dropped == 0) {
      return List.copyOf(entries);
    }
    List<Decision> out = new ArrayList<>(entries.size() + 1);
    out.add(
        new Decision(
            entries.get(0).atMillis(),
            "glidepath",
            "timeline truncated",
            dropped + " older entries dropped to keep the status bounded",
            null));
    out.addAll(entries);
    return out;
  }
}
