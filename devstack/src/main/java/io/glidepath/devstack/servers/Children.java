package io.glidepath.devstack.servers;

import java.util.ArrayList;
import java.util.List;

/**
 * Child processes (the Temporal dev server, Prometheus) that end with this JVM even when it is
 * killed: a small shell stands between them and watches this JVM's pid, and stops the child when
 * the JVM is gone. A shutdown hook cannot do that for a SIGKILL.
 */
final class Children {
  private Children() {}

  /** A builder that runs {@code command} tied to this JVM. */
  static ProcessBuilder tied(List<String> command) {
    long jvm = ProcessHandle.current().pid();
    String script =
        "\"$@\" & child=$!; trap 'kill $child 2>/dev/null; wait $child; exit' TERM INT HUP; while"
            + " kill -0 "
            + jvm
            + " 2>/dev/null && kill -0 $child 2>/dev/null; do sleep 1; done; kill $child"
            + " 2>/dev/null; wait $child";
    List<String> all = new ArrayList<>(List.of("/bin/sh", "-c", script, "glidepath-child"));
    all.addAll(command);
    return new ProcessBuilder(all);
  }

  /** The pid of what {@code tied} runs (for its RSS), else the shell's. */
  static long pid(Process p) {
    return p.descendants().findFirst().map(ProcessHandle::pid).orElse(p.pid());
  }

  /** SIGKILL to the child and its shell at once, as in a crash. */
  static void killNow(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
  }
}
