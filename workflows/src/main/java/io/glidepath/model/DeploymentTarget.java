package io.glidepath.model;

/**
 * The Kubernetes objects a region deploys: the stable Deployment, the name given to the new one
 * beside it, and the container whose image changes.
 *
 * @param stable name of the Deployment serving the stable version
 * @param canary name of the Deployment created for the new version (default {@code
 *     <stable>-canary})
 * @param container the container whose image is replaced (default: the first one)
 */
public record DeploymentTarget(String stable, String canary, String container) {}
