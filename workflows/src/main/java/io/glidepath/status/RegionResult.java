package io.glidepath.status;

import io.glidepath.analysis.WindowSummary;

/**
 * How a region ended.
 *
 * @param stage the stage it reached (1-based), where a rollback happened
 * @param reason why it rolled back, failed or was skipped; {@code null} when it completed
 */
public record RegionResult(
    String region,
    RegionOutcome outcome,
    int stage,
    int weight,
    String reason,
    WindowSummary lastVerdict) {}
