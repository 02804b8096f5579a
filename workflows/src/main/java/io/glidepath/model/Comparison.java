package io.glidepath.model;

/**
 * Judges the new version against the stable one: a check fails when the new value is above {@code
 * factor} times the stable version's, or above {@code floor} when that is higher, so a near-zero
 * stable value does not make the limit absurdly strict. A query's absolute threshold, if any, still
 * applies as a ceiling.
 *
 * @param factor how many times the stable value the new version may reach, e.g. 2
 * @param floor the lowest limit the comparison may set, in the query's unit
 */
public record Comparison(double factor, double floor) {}
