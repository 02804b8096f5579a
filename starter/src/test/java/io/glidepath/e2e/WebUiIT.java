package io.glidepath.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.glidepath.devstack.servers.CliDevServer;
import io.glidepath.e2e.ReleaseEndToEndIT.Run;
import io.glidepath.e2e.ReleaseEndToEndIT.Target;
import java.io.File;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The Temporal Web UI of the shared dev server in headless Chromium (Debian's, driven through
 * Debian's chromedriver), during a release, as a person would use it: find the release through a
 * search-attribute filter, open it, read its current details (regions, stages, weights) and the
 * region's stage timer by its name, send {@code pause} from the UI and see the region hold at its
 * weight when the stage ends, then {@code resume} from the UI and see it go on. Screenshots of the
 * release page are kept in {@code target/web-ui/}.
 *
 * <p>It takes 4 to 7 minutes on two cores (cart's stage 2 holds 3 minutes so that the pause always
 * lands in it, and each status poll starts a CLI JVM), too close to the starter's 10-minute net on
 * a slower machine: its own net is 20 minutes.
 */
@org.junit.jupiter.api.Timeout(value = 20, unit = TimeUnit.MINUTES)
class WebUiIT {
  static final Path SHOTS = Path.of("target/web-ui");
  static final int HTTP_PORT = 18084;

  @TempDir Path dir;
  Process worker;
  WebDriver browser;
  Target target;

  @AfterEach
  void stop() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (worker != null) {
      worker.destroy();
      worker.waitFor(60, TimeUnit.SECONDS);
    }
  }

  @Test
  void findReadPauseAndResumeAReleaseInTheWebUi() throws Exception {
    browser = chromium();
    CliDevServer server = DevServers.shared();
    String ui = server.uiUrl().orElseThrow() + "/namespaces/" + DevServers.WEB_UI;
    target = new Target(server.address(), DevServers.WEB_UI);
    worker = ReleaseEndToEndIT.worker(target, dir.resolve("worker.log"), HTTP_PORT);
    ReleaseEndToEndIT.awaitReady(HTTP_PORT, dir.resolve("worker.log"));

    assertEquals(0, cli("release", "start", "-f", spec("cart", "3m"), "--by", "alice").exit());
    assertEquals(0, cli("release", "start", "-f", spec("checkout", "10m"), "--by", "bob").exit());
    awaitStatus("cart", "us-east +observing +stage 2/3");

    // Found through the search-attribute filter: cart's release, not checkout's.
    String query = "GlidepathService=\"cart\" AND GlidepathPhase=\"ROLLING_OUT\"";
    browser.get(ui + "/workflows?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
    WebElement link =
        until(
            "the filtered list shows release-cart",
            () -> first(By.cssSelector("a[href*='/workflows/release-cart/']")));
    assertTrue(
        browser.findElements(By.cssSelector("a[href*='/workflows/release-checkout/']")).isEmpty(),
        "the filter leaves checkout's release out");
    click(link);
    until(
        "the release page opens",
        () -> text(By.cssSelector("[data-testid='workflow-id-heading']")).equals("release-cart"));

    // Current details: the release, its regions, stages and weights.
    String details = currentDetails(d -> d.contains("us-east") && d.contains("50%"));
    for (String expected :
        List.of("cart 1.1.0", "rolling out", "us-east", "observing", "50%", "eu-west", "pending")) {
      assertTrue(details.contains(expected), "current details show " + expected + ": " + details);
    }
    assertTrue(
        Pattern.compile("us-east: observing, stage 2 of 3, 50% on the new version, last verdict")
            .matcher(details)
            .find(),
        "us-east at stage 2 of 3, 50%, in words that do not run together: " + details);
    screenshot("release-cart.png");

    // The region's stage timer, by its name: the 3 min observation window of stage 2.
    browser.get(ui + "/workflows/release-cart-us-east");
    WebElement timer =
        until(
            "the region's timeline shows its stage timer",
            () -> first(By.xpath("//*[contains(text(), 'window us-east stage 2 at 50% for 3m')]")));
    ((JavascriptExecutor) browser)
        .executeScript("arguments[0].scrollIntoView({block: 'center'})", timer);
    screenshot("release-cart-us-east.png");

    // Pause from the UI: when stage 2's window ends, the region holds at 50% instead of going on.
    browser.get(ui + "/workflows/release-cart");
    until("the release page opens", () -> body().contains("release-cart"));
    signal("pause", "{\"by\": \"web-ui\", \"reason\": \"checking dashboards\", \"region\": null}");
    awaitStatus("cart", "rolling out, paused");
    awaitStatus("cart", "us-east +holding +stage 2/3 .* 50%");
    assertEquals(
        Map.of("cart", 50, "cart-canary", 50),
        ReleaseEndToEndIT.route("us-east", "cart"),
        "held at 50% in the sandbox's us-east HTTPRoute");
    String held = currentDetails(d -> d.contains("holding"));
    assertTrue(held.contains("paused") && held.contains("50%"), held);
    screenshot("release-cart-paused.png");
    String history = cli("release", "history", "cart").out();
    assertTrue(history.matches("(?s).*web-ui +paused +checking dashboards.*"), history);

    // Resume from the UI: the region goes on to 100%.
    signal("resume", "{\"by\": \"web-ui\", \"reason\": \"dashboards fine\", \"region\": null}");
    awaitStatus("cart", "us-east +(observing +stage 3/3|completed)");
    assertTrue(
        cli("release", "history", "cart")
            .out()
            .matches("(?s).*web-ui +resumed +dashboards fine.*"));
    assertEquals(0, cli("release", "abort", "checkout", "--reason", "test over").exit());
  }

  /** The release page's User Metadata tab, once its current details pass {@code ready}. */
  private String currentDetails(java.util.function.Predicate<String> ready) {
    return until(
        "the current details",
        () -> {
          click(first(By.cssSelector("[data-testid='user-metadata-tab']")));
          // The UI renders the details' Markdown in a sandboxed frame of its own.
          StringBuilder details = new StringBuilder();
          for (WebElement frame : browser.findElements(By.tagName("iframe"))) {
            try {
              browser.switchTo().frame(frame);
              details.append(browser.findElement(By.tagName("body")).getText()).append('\n');
            } finally {
              browser.switchTo().defaultContent();
            }
          }
          return ready.test(details.toString()) ? details.toString() : null;
        });
  }

  /** More Actions, Send a Signal, the signal's name, its JSON input, Submit. */
  private void signal(String name, String json) {
    click(
        until(
            "More Actions", () -> first(By.xpath("//button[normalize-space(.)='More Actions']"))));
    click(until("Send a Signal", () -> first(By.cssSelector("[data-testid='signal-button']"))));
    WebElement modal =
        until(
            "the signal dialog",
            () -> first(By.cssSelector("[data-testid='signal-confirmation-modal']")));
    click(modal.findElement(By.cssSelector("[data-testid='signal-select-button']")));
    click(
        until(
            "the signal " + name + " in the list",
            () ->
                modal.findElements(By.cssSelector("li[role=option]")).stream()
                    .filter(o -> o.isDisplayed() && o.getText().trim().equals(name))
                    .findFirst()
                    .orElse(null)));
    WebElement data = modal.findElement(By.cssSelector("[role=textbox][aria-label=Data]"));
    data.click();
    // The dialog offers the last input sent: replace it.
    data.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    data.sendKeys(json);
    // The editor hands its text to the dialog when it loses focus.
    ((JavascriptExecutor) browser).executeScript("document.activeElement.blur()");
    until(
        "the input in the editor",
        () -> data.getText().replaceAll("\\s", "").equals(json.replaceAll("\\s", "")));
    click(modal.findElement(By.xpath(".//button[normalize-space(.)='Submit']")));
    until(
        "the dialog closes",
        () -> {
          try {
            return modal.isDisplayed() ? null : true;
          } catch (org.openqa.selenium.StaleElementReferenceException gone) {
            return true;
          }
        });
  }

  private WebElement first(By by) {
    return browser.findElements(by).stream()
        .filter(WebElement::isDisplayed)
        .findFirst()
        .orElse(null);
  }

  private String text(By by) {
    WebElement e = first(by);
    return e == null ? "" : e.getText().trim();
  }

  private String body() {
    return browser.findElement(By.tagName("body")).getText();
  }

  private void click(WebElement e) {
    e.click();
  }

  private void screenshot(String name) throws Exception {
    Files.createDirectories(SHOTS);
    File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), SHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }

  /** Polls {@code probe} until it returns neither null nor false; fails saying {@code what}. */
  private <T> T until(String what, Supplier<T> probe) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    RuntimeException last = null;
    while (System.nanoTime() < deadline) {
      try {
        T value = probe.get();
        if (value != null && !Boolean.FALSE.equals(value)) {
          return value;
        }
      } catch (WebDriverException e) {
        last = e; // the page re-rendered under us: look again
      }
      sleep(300);
    }
    try {
      screenshot("failed.png");
    } catch (Exception ignored) {
      // the assertion below says what went wrong
    }
    throw new AssertionError(
        "the Web UI never showed " + what + " (target/web-ui/failed.png): " + body(), last);
  }

  private Run cli(String... args) throws Exception {
    return ReleaseEndToEndIT.cli(target, args);
  }

  /**
   * A two-region release of {@code service} whose stage 2 holds {@code hold}: cart's 3m is longer
   * than the test's steps before it pauses (so the pause lands in stage 2) and short enough that
   * the paused region holds when its window ends; checkout's 10m outlasts the test, so the abort at
   * the end always finds it running.
   */
  private String spec(String service, String hold) throws Exception {
    Path file = dir.resolve(service + ".yaml");
    Files.writeString(
        file,
        """
        service: %1$s
        version: 1.1.0
        image: ghcr.io/acme/%1$s:1.1.0
        regions:
          - {name: us-east, cluster: us-east, namespace: shop, deployment: {stable: %1$s},
             traffic: {type: gateway-api, route: %1$s, stableBackend: %1$s, canaryBackend: %1$s-canary}}
          - {name: eu-west, cluster: eu-west, namespace: shop, deployment: {stable: %1$s},
             traffic: {type: gateway-api, route: %1$s, stableBackend: %1$s, canaryBackend: %1$s-canary}}
        rollout: {mode: sequential}
        strategy:
          canary:
            stages:
              - {weight: 10%%, hold: 4s}  # 4 s: a new version's first rate needs two 1 s scrapes after its first request
              - {weight: 50%%, hold: %2$s}
              - {weight: 100%%, hold: 2s}
        analysis: {interval: 2s}
        soak: 0s
        """
            .formatted(service, hold));
    return file.toString();
  }

  private void awaitStatus(String service, String regex) throws Exception {
    Pattern p = Pattern.compile(regex);
    String last = "";
    for (int i = 0; i < 400; i++) { // up to a window of 3m and more
      last = cli("release", "status", service).out();
      if (p.matcher(last).find()) {
        return;
      }
      Thread.sleep(400);
    }
    throw new AssertionError("status never matched " + regex + ": " + last);
  }

  /**
   * Headless Debian Chromium through Debian's chromedriver, or a failure (CI) or skip (elsewhere)
   * saying how to get them. Nothing is downloaded: both paths are given, so Selenium Manager is not
   * asked.
   */
  static WebDriver chromium() {
    Path chromium = installed("chromium", "/usr/bin/chromium");
    Path driver = installed("chromedriver", "/usr/bin/chromedriver");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1400,1000");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(driver.toFile())
            .usingAnyFreePort()
            .withLogOutput(java.io.OutputStream.nullOutputStream())
            .build();
    return new ChromeDriver(service, options);
  }

  private static Path installed(String name, String where) {
    Path path = Path.of(where);
    if (Files.isExecutable(path)) {
      return path;
    }
    String why =
        "no "
            + where
            + ": run bin/install-test-tools (Debian's chromium and chromium-driver) for the Web UI"
            + " test";
    if (System.getenv("CI") != null) {
      fail(why);
    }
    Assumptions.abort(why);
    return path;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
