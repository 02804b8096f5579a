package io.glidepath.status;

import java.util.Locale;

/**
 * One way to compare people's names: the approver a CLI user types, the names in a spec's {@code
 * approval.approvers} and the author of a release are compared by {@link #normalize}, so {@code
 * Alice }, {@code alice} and {@code ALICE} are one person (self-approval and a second approval by
 * the same person are caught whatever the spelling).
 */
public final class Identities {
  private Identities() {}

  /**
   * The comparable form of a person's name: trimmed and lower-cased with {@link Locale#ROOT} (so a
   * Turkish default locale does not turn {@code I} into a dotless {@code ı}); {@code null} stays
   * {@code null}.
   */
  public static String normalize(String identity) {
    return identity == null ? null : identity.trim().toLowerCase(Locale.ROOT);
  }

  /** Whether {@code a} and {@code b} name the same person once normalized. */
  public static boolean same(String a, String b) {
    return a != null && b != null && normalize(a).equals(normalize(b));
  }
}
