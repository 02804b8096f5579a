package io.glidepath.traffic;

/**
 * What a change of a flagd layer states besides the percentage: whether the allowlist is on the new
 * variant, and whether the new variant is the flag's default (promotion). Absolute, like the
 * percentage: the whole flag definition follows from the three values.
 *
 * @param allowlist users on the allowlist get the new variant whatever the percentage
 * @param promoted the new variant is the default for everyone, with no targeting left
 */
public record FlagStep(boolean allowlist, boolean promoted) {}
