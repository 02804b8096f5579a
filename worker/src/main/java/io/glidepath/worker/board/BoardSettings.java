package io.glidepath.worker.board;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The board's configuration ({@code glidepath.board.*}).
 *
 * @param enabled serve {@code /board} on the worker's HTTP port
 * @param refresh how often an open page re-reads the release (no slower than the check interval)
 * @param devIdentity for a local dev stack only: who acts when no authenticating proxy sends an
 *     identity header; empty (the default) makes the board read-only without one
 * @param csrfSecret the key of the board's form tokens; set the same value on every replica behind
 *     one address, else each worker draws its own at start
 */
@ConfigurationProperties("glidepath.board")
public record BoardSettings(
    @Bindable(defaultValue = "true") boolean enabled,
    @Bindable(defaultValue = "1s") Duration refresh,
    @Nullable String devIdentity,
    @Nullable String csrfSecret) {}
