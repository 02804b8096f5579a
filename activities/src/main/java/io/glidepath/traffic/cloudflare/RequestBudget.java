package io.glidepath.traffic.cloudflare;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * Keeps one worker under Cloudflare's limit of 1,200 requests per 5 minutes for a token: a sliding
 * window of the requests it made. Going over would block every call of the token for 5 minutes.
 */
public final class RequestBudget {
  public static final int LIMIT = 1_200;
  public static final Duration WINDOW = Duration.ofMinutes(5);

  private final int limit;
  private final Duration window;
  private final Clock clock;
  private final ArrayDeque<Long> sent = new ArrayDeque<>();

  public RequestBudget(int limit, Duration window, Clock clock) {
    this.limit = limit;
    this.window = window;
    this.clock = clock;
  }

  /** Cloudflare's own limit, on the system clock. */
  public static RequestBudget cloudflare() {
    return new RequestBudget(LIMIT, WINDOW, Clock.systemUTC());
  }

  /** Takes one request from the budget, or says how long until one is free. */
  public synchronized Optional<Duration> take() {
    long now = clock.millis();
    while (!sent.isEmpty() && sent.peekFirst() <= now - window.toMillis()) {
      sent.pollFirst();
    }
    if (sent.size() < limit) {
      sent.addLast(now);
      return Optional.empty();
    }
    return Optional.of(Duration.ofMillis(sent.peekFirst() + window.toMillis() - now));
  }
}
