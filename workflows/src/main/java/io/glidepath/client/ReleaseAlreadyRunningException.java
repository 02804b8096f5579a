package io.glidepath.client;

/** A second release of a service was refused because one is running. */
public class ReleaseAlreadyRunningException extends RuntimeException {
  public ReleaseAlreadyRunningException(String message) {
    super(message);
  }
}
