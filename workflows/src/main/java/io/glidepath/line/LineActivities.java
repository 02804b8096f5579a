package io.glidepath.line;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/** What the stop-the-line switch needs from the Temporal server itself. */
@ActivityInterface
public interface LineActivities {

  /** The workflow ids of the releases running now. */
  @ActivityMethod(name = "RunningReleases")
  List<String> runningReleases();
}
