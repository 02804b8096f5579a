package io.glidepath.notify;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Tells people and dashboards about a release. A failure here never fails the release. */
@ActivityInterface
public interface NotificationActivities {

  /**
   * Sends {@code event} to every target it names (resolving secret names in the worker). A target
   * that fails is logged and counted; the activity fails only if every target failed, so that its
   * bounded retries apply.
   */
  @ActivityMethod(name = "PublishReleaseEvent")
  void publish(ReleaseEvent event);
}
