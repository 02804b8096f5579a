package io.glidepath.worker;

import io.glidepath.traffic.cloudflare.CloudflareClient;
import io.glidepath.traffic.cloudflare.CloudflareConfig;
import io.glidepath.traffic.cloudflare.DnsSwitchRouter;
import io.glidepath.traffic.cloudflare.OriginWeightRouter;
import io.glidepath.traffic.cloudflare.PoolWeightRouter;
import io.glidepath.traffic.cloudflare.RequestBudget;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;
import jakarta.inject.Singleton;
import java.nio.file.Path;

/**
 * The Cloudflare routers (origin weights, pool weights, DNS switch), present only when an API token
 * is configured: {@code glidepath.cloudflare.token-file}, or the variable {@code
 * glidepath.cloudflare.token-env} names ({@code CLOUDFLARE_API_TOKEN}). The sandbox has none.
 */
@Factory
@Requires(notEnv = WorkerSettings.SANDBOX_ENVIRONMENT)
@Requires(condition = CloudflareAdapters.TokenConfigured.class)
final class CloudflareAdapters {

  @Singleton
  CloudflareClient cloudflare(WorkerSettings s) {
    var cf = s.cloudflare();
    String token =
        CloudflareConfig.resolveToken(
            cf.tokenEnv(),
            present(cf.tokenFile()) ? Path.of(cf.tokenFile()) : null,
            System.getenv());
    return new CloudflareClient(
        new CloudflareConfig(present(cf.baseUrl()) ? cf.baseUrl() : null, token, null),
        RequestBudget.cloudflare());
  }

  @Singleton
  OriginWeightRouter originWeights(CloudflareClient cloudflare) {
    return new OriginWeightRouter(cloudflare);
  }

  @Singleton
  PoolWeightRouter poolWeights(CloudflareClient cloudflare) {
    return new PoolWeightRouter(cloudflare);
  }

  @Singleton
  DnsSwitchRouter dnsSwitch(CloudflareClient cloudflare) {
    return new DnsSwitchRouter(cloudflare);
  }

  static boolean present(String s) {
    return s != null && !s.isBlank();
  }

  /** A token file is named, or the token variable is set in the worker's environment. */
  static final class TokenConfigured implements Condition {
    @Override
    public boolean matches(ConditionContext context) {
      String file = context.getProperty("glidepath.cloudflare.token-file", String.class).orElse("");
      String env = context.getProperty("glidepath.cloudflare.token-env", String.class).orElse("");
      if (present(file) || (present(env) && present(System.getenv(env)))) {
        return true;
      }
      context.fail("Cloudflare routers off: no API token in $" + env + " or a token file");
      return false;
    }
  }
}
