package io.glidepath.deploy;

import io.glidepath.kubernetes.KubernetesClients;
import java.time.Duration;

/**
 * The deployment contract on Kubernetes through Fabric8. Every call states an end state (a
 * Deployment with this template, this many replicas), so a retry or a repeat changes nothing more.
 * Mutations are JSON patches ({@code edit}) that re-read the object on a 409 Conflict. Each step
 * has its collaborator: {@link Preflight}, {@link NewVersionDeployment}, {@link RolloutWatch} and
 * {@link StableTemplate}, all on the region's {@link RegionDeployments}.
 */
public final class DeploymentActivitiesImpl implements DeploymentActivities {
  private final RegionDeployments deployments;
  private final Preflight preflight;
  private final NewVersionDeployment newVersion;
  private final RolloutWatch watch;
  private final StableTemplate stable;

  public DeploymentActivitiesImpl(KubernetesClients clients, Duration pollInterval) {
    this.deployments = new RegionDeployments(clients);
    this.preflight = new Preflight(deployments);
    this.watch = new RolloutWatch(deployments, pollInterval);
    this.newVersion = new NewVersionDeployment(deployments, watch);
    this.stable = new StableTemplate(deployments, watch);
  }

  @Override
  public PreflightReport preflight(DeployRequest r) {
    return preflight.check(r);
  }

  @Override
  public void deployNew(DeployRequest r) {
    newVersion.deploy(r);
  }

  @Override
  public void verifyHealthy(DeployRequest r) {
    watch.verifyHealthy(r);
  }

  @Override
  public void scaleDownNew(DeployRequest r) {
    deployments.scaleToZero(r, r.region().deployment().canary());
  }

  @Override
  public void retireStable(DeployRequest r) {
    deployments.scaleToZero(r, r.region().deployment().stable());
  }

  @Override
  public void rollingUpdate(DeployRequest r) {
    stable.rollingUpdate(r);
  }

  @Override
  public void undoRollingUpdate(DeployRequest r) {
    stable.restore(r);
  }

  @Override
  public void promote(DeployRequest r) {
    stable.promote(r);
  }

  @Override
  public void restoreStable(DeployRequest r) {
    stable.restore(r);
  }
}
