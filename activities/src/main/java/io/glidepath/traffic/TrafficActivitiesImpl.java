package io.glidepath.traffic;

/** Sets weights through the router each region's spec names. */
public final class TrafficActivitiesImpl implements TrafficActivities {
  private final TrafficRouterRegistry routers;

  public TrafficActivitiesImpl(TrafficRouterRegistry routers) {
    this.routers = routers;
  }

  @Override
  public TrafficState setWeight(TrafficChange change) {
    TrafficRouter router = routers.router(change.region().traffic().type());
    if (change.flag() != null) {
      int readBack = router.setFlag(change.region(), change.weight(), change.flag());
      return new TrafficState(
          change.region().name(),
          readBack,
          router.type().id()
              + (change.flag().promoted()
                  ? " holds the new variant as the default"
                  : " holds " + readBack + "% of users on the new variant"));
    }
    int readBack = router.setWeight(change.region(), change.weight());
    return new TrafficState(
        change.region().name(),
        readBack,
        router.type().id() + " holds " + readBack + "% on " + change.version());
  }
}
