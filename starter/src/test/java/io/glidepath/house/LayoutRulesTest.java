package io.glidepath.house;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rules of the layout that a review would otherwise have to remember: no package cycle across
 * all of Glidepath's production code (every module's main classes together, split packages as one),
 * and no main source file over 400 lines. This module builds last, so every module's classes are
 * there.
 */
class LayoutRulesTest {
  static final List<String> MODULES =
      List.of("workflows", "activities", "worker", "devstack", "starter");
  static final int MAX_LINES = 400;

  @Test
  void noPackageDependsOnItselfThroughOthers() {
    JavaClasses classes =
        new ClassFileImporter()
            .importPaths(MODULES.stream().map(m -> Path.of("..", m, "target", "classes")).toList());
    assertTrue(classes.size() > 300, "every module's classes were read: " + classes.size());
    slices().matching("io.glidepath.(**)").should().beFreeOfCycles().check(classes);
  }

  @Test
  void noMainSourceFileIsOver400Lines() throws IOException {
    List<String> tooLong;
    try (Stream<Path> files =
        MODULES.stream()
            .map(m -> Path.of("..", m, "src", "main", "java"))
            .flatMap(LayoutRulesTest::walk)) {
      tooLong =
          files
              .filter(f -> f.toString().endsWith(".java"))
              .filter(f -> lines(f) > MAX_LINES)
              .map(f -> f + " (" + lines(f) + " lines)")
              .toList();
    }
    assertEquals(List.of(), tooLong, "split these by concern");
  }

  private static Stream<Path> walk(Path dir) {
    try {
      return Files.walk(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long lines(Path f) {
    try (Stream<String> l = Files.lines(f)) {
      return l.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
