package io.glidepath.traffic;

/** What the traffic layer reported after a change: the weight read back, and a short detail. */
public record TrafficState(String region, int weight, String detail) {}
