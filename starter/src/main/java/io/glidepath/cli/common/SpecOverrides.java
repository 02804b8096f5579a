package io.glidepath.cli.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glidepath.model.Images;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.spec.SpecParser;
import io.glidepath.spec.SpecValidator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a CI job changes in a service's spec at start: the version (and with it the image tag), the
 * regions, the mode and the delay. The result is validated like any spec, so a bad value is
 * reported with its field path before anything moves.
 */
public record SpecOverrides(
    String version, String image, String regions, String mode, String delay) {
  public boolean none() {
    return version == null && image == null && regions == null && mode == null && delay == null;
  }

  public ReleaseSpec load(Path file) {
    return load(file, SpecValidator.Limits.RELEASE);
  }

  /** These overrides as an edit of a spec's tree (none: the tree as it is). */
  public java.util.function.UnaryOperator<ObjectNode> edit(Path file) {
    return none() ? root -> root : root -> apply(file, root);
  }

  public ReleaseSpec load(Path file, SpecValidator.Limits limits) {
    if (none()) {
      return SpecParser.load(file, limits);
    }
    return SpecParser.load(file, root -> apply(file, root), limits);
  }

  private ObjectNode apply(Path file, ObjectNode root) {
    if (version != null) {
      root.put("version", version);
      if (image == null && root.hasNonNull("image")) {
        root.put("image", Images.withTag(root.path("image").asText(), version));
      }
    }
    if (image != null) {
      root.put("image", image);
    }
    if (regions != null && !regions.equals("all")) {
      List<String> wanted = Arrays.stream(regions.split(",")).map(String::trim).toList();
      ArrayNode kept = root.arrayNode();
      List<String> known = new ArrayList<>();
      for (JsonNode r : root.path("regions")) {
        known.add(r.path("name").asText());
        if (wanted.contains(r.path("name").asText())) {
          kept.add(r);
        }
      }
      for (String w : wanted) {
        if (!known.contains(w)) {
          throw new IllegalArgumentException(
              "--regions: "
                  + file
                  + " has no region "
                  + w
                  + "; it has "
                  + String.join(", ", known));
        }
      }
      root.set("regions", kept);
    }
    if (mode != null || delay != null) {
      ObjectNode rollout =
          root.path("rollout") instanceof ObjectNode r ? r : root.putObject("rollout");
      if (mode != null) {
        rollout.put("mode", mode);
      }
      if (delay != null) {
        rollout.put("delay", delay);
      }
    }
    return root;
  }
}
