package io.glidepath.devstack;

/** Opens {@link Sandbox#sloRules()} to the tests of other packages. */
public final class SandboxRulesAccess {
  private SandboxRulesAccess() {}

  public static String rules() {
    return Sandbox.sloRules();
  }
}
