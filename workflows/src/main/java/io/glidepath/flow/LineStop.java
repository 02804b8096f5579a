package io.glidepath.flow;

/**
 * One stop of the line: no traffic increases for the releases it covers until it is lifted.
 *
 * @param service the service it covers, or {@code null} for every release
 * @param by the name the person gave; {@code identity} the Temporal client identity that sent it
 * @param sinceMillis when it was set (workflow time), 0 in a request
 */
public record LineStop(
    String service, String by, String identity, String reason, long sinceMillis) {

  /** Whether this freeze covers releases of {@code s}. */
  public boolean covers(String s) {
    return service == null || service.equals(s);
  }

  /** The stop in words, e.g. "all releases stopped by alice: incident 4711". */
  public String describe() {
    return (service == null ? "all releases" : service)
        + " stopped by "
        + by
        + (identity == null ? "" : " (via " + identity + ")")
        + ": "
        + reason;
  }
}
