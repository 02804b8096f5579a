package io.glidepath.cli.view;

import io.glidepath.cli.common.Times;
import io.glidepath.status.ReleaseStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where {@code release watch} shows a release: a terminal, redrawn in place, or a log (a pipe, a CI
 * job), one timestamped line per change and a heartbeat when nothing changes.
 */
public interface WatchDisplay {
  /** Whether to draw for a terminal ({@code --tty}). */
  enum Tty {
    auto,
    always,
    never
  }

  /** Shows the release as it is at {@code now}; called on every poll and every second between. */
  void show(ReleaseStatus s, long now);

  /** A message of its own (no worker answers, the summary at the end). */
  void line(String text, long now);

  /** Leaves the output as a shell expects it. */
  default void close() {}

  /**
   * The display {@code --tty} asks for: a terminal when {@code always}, or {@code auto} and this
   * process has a console (standard input and output on a terminal).
   */
  public static WatchDisplay of(Tty tty, PrintWriter out, WatchView view, Duration heartbeat) {
    boolean terminal = tty == Tty.always || (tty == Tty.auto && System.console() != null);
    return terminal ? new Terminal(out, view) : new Log(out, view, heartbeat);
  }

  /**
   * One block redrawn in place: the cursor goes back up over the block drawn last, each line is
   * cleared and written again, and whatever is left below is cleared. Line wrapping is off while it
   * runs, so a line wider than the terminal is cut instead of taking two rows.
   */
  public final class Terminal implements WatchDisplay {
    static final String UP = "\u001b[%dA";
    static final String CLEAR_LINE = "\u001b[2K";
    static final String CLEAR_BELOW = "\u001b[J";
    static final String WRAP_OFF = "\u001b[?7l";
    static final String WRAP_ON = "\u001b[?7h";

    private final PrintWriter out;
    private final WatchView view;
    private int drawn;

    Terminal(PrintWriter out, WatchView view) {
      this.out = out;
      this.view = view;
      out.print(WRAP_OFF);
    }

    @Override
    public void show(ReleaseStatus s, long now) {
      List<String> lines = view.block(s, now);
      StringBuilder b = new StringBuilder();
      if (drawn > 0) {
        b.append('\r').append(String.format(UP, drawn));
      }
      for (String line : lines) {
        b.append(CLEAR_LINE).append(line).append('\n');
      }
      b.append(CLEAR_BELOW);
      out.print(b);
      out.flush();
      drawn = lines.size();
    }

    @Override
    public void line(String text, long now) {
      out.println(text);
      out.flush();
      drawn = 0; // the next block starts below the message
    }

    @Override
    public void close() {
      out.print(WRAP_ON);
      out.flush();
    }
  }

  /**
   * One line per change, prefixed with its time ({@code 2026-11-27T03:04:05Z}), and a heartbeat
   * line saying where the release is when nothing changed for {@code heartbeat}.
   */
  public final class Log implements WatchDisplay {
    private final PrintWriter out;
    private final WatchView view;
    private final long heartbeatMillis;
    private Set<String> shown = Set.of();
    private long printed;

    Log(PrintWriter out, WatchView view, Duration heartbeat) {
      this.out = out;
      this.view = view;
      this.heartbeatMillis = heartbeat.toMillis();
    }

    @Override
    public void show(ReleaseStatus s, long now) {
      List<String> facts = view.facts(s);
      boolean changed = false;
      for (String fact : facts) {
        if (!shown.contains(fact)) {
          print(fact, now);
          changed = true;
        }
      }
      shown = new HashSet<>(facts);
      if (!changed && now - printed >= heartbeatMillis) {
        print(view.heartbeat(s, now), now);
      }
    }

    @Override
    public void line(String text, long now) {
      print(text, now);
    }

    private void print(String text, long now) {
      out.println(Times.stamp(now) + "  " + text);
      out.flush();
      printed = now;
    }
  }
}
