package io.glidepath.hooks;

import io.glidepath.model.HookSpec;
import io.glidepath.model.RegionSpec;

/**
 * One run of a hook (or of its undo) in one region.
 *
 * @param jobName the Job's name, derived from the region workflow's run and the hook, so a retry or
 *     a resumed worker finds the Job it created instead of creating a second one
 * @param undo whether this runs the hook's undo
 */
public record HookRequest(
    String releaseId,
    String service,
    String version,
    RegionSpec region,
    String hook,
    boolean undo,
    HookSpec.Action action,
    String jobName) {}
