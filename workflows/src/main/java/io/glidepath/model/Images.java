package io.glidepath.model;

/** Container image references: the tag is what follows the last colon after the last slash. */
public final class Images {
  private Images() {}

  /** The tag of {@code image}, or {@code null} when it has none (a registry port is not a tag). */
  public static String tag(String image) {
    int colon = image.lastIndexOf(':');
    return colon > image.lastIndexOf('/') ? image.substring(colon + 1) : null;
  }

  /** {@code image} with its tag replaced by {@code tag}; unchanged when it has no tag. */
  public static String withTag(String image, String tag) {
    String current = tag(image);
    return current == null ? image : image.substring(0, image.length() - current.length()) + tag;
  }
}
