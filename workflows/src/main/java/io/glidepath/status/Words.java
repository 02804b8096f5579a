package io.glidepath.status;

import java.util.Locale;

/** Enum constants as people read them: {@code ROLLED_BACK} is "rolled back", in any locale. */
public final class Words {
  private Words() {}

  public static String of(Enum<?> constant) {
    return of(constant.name());
  }

  public static String of(String constantName) {
    return constantName.toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}
