package io.glidepath.model;

import java.time.Duration;

/**
 * Who hears about a gate, pause or hold left open too long.
 *
 * @param after how long the step may stay open before the escalation card goes out (once per step)
 * @param webhook (`notify:` in the spec) the name of the secret that holds the webhook the
 *     escalation card goes to
 */
public record Escalation(Duration after, String webhook) {}
