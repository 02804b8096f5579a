package io.glidepath.devstack.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.glidepath.client.ReleaseLauncher;
import io.glidepath.devstack.FaultProfile;
import io.glidepath.devstack.Sandbox;
import io.glidepath.devstack.SandboxAdapters;
import io.glidepath.release.ReleaseRequest;
import io.glidepath.spec.SpecParser;
import io.glidepath.spec.SpecValidator;
import io.glidepath.testing.Ports;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import io.temporal.client.WorkflowClient;
import io.temporal.testserver.TestServer;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The board in Debian's headless Chromium (through Debian's chromedriver; nothing downloaded)
 * against the dev stack: the Temporal dev server the worker's {@code --dev} falls back to, the
 * sandbox, and the worker application with its HTTP port. The identity comes as the authenticating
 * proxy would send it ({@code X-Forwarded-User}, {@code X-Forwarded-Email}), set on every request
 * of the browser. Screenshots are kept in {@code target/board/}.
 */
class BoardIT {
  static final Path SHOTS = Path.of("target/board");
  static final Path DOCS = Path.of("../docs");
  static final Dimension DESKTOP = new Dimension(1280, 900);
  static String axe;
  static final File CHROMIUM = new File("/usr/bin/chromium");
  static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

  static java.io.Closeable temporal;
  static Sandbox sandbox;
  static ApplicationContext worker;
  static String board;
  static WorkflowClient client;

  ChromeDriver browser;

  @BeforeAll
  static void startDevStack() throws Exception {
    boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
    boolean present = CHROMIUM.canExecute() && CHROMEDRIVER.canExecute();
    if (!present && ci) {
      fail(
          "CI must install chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver)");
    }
    Assumptions.assumeTrue(
        present,
        "no /usr/bin/chromium or /usr/bin/chromedriver here: apt-get install chromium chromium-driver");
    Files.createDirectories(SHOTS);
    PrintStream log = new PrintStream(Files.newOutputStream(SHOTS.resolve("dev-stack.log")), true);
    var bound = Ports.bound(TestServer::createPortBoundServer);
    temporal = bound.server();
    sandbox = Sandbox.start(0, FaultProfile.HEALTHY, log);
    worker =
        Micronaut.build(new String[0])
            .banner(false)
            .environments(SandboxAdapters.ENVIRONMENT)
            .properties(
                Map.of(
                    "micronaut.server.port",
                    -1,
                    "glidepath.sandbox-url",
                    sandbox.url(),
                    "glidepath.temporal.address",
                    "localhost:" + bound.port(),
                    "glidepath.temporal.namespace",
                    "default"))
            .start();
    board = worker.getBean(EmbeddedServer.class).getURL() + "/board";
    client = worker.getBean(WorkflowClient.class);
  }

  @AfterAll
  static void stopDevStack() throws IOException {
    if (worker != null) {
      worker.close();
    }
    if (sandbox != null) {
      sandbox.close();
    }
    if (temporal != null) {
      temporal.close();
    }
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void anIdentifiedUserWatchesTheReleaseAndApprovesItsStageGate() throws Exception {
    start("cart", "alice");
    browser = chromium("bob", "bob@example.com");
    viewport(DESKTOP.getWidth(), DESKTOP.getHeight(), false);
    browser.get(board);
    click("the list's link to release-cart", By.linkText("release-cart"));
    until(
        "the page shows cart 1.1.0",
        () -> text(By.tagName("h1")).equals("cart 1.1.0") ? true : null);

    // The regions progress: us-east starts its first stage, eu-west waits.
    until(
        "us-east at stage 1 of 3, 10%",
        () -> regionCard("us-east").matches(".*10% on new.*Stage 1 of 3.*") ? true : null);
    assertTrue(regionCard("eu-west").contains("pending"), regionCard("eu-west"));

    // The gate before 50% opens; the chart of a checked metric shows its limit.
    By approve = By.cssSelector("[data-gate='stage:us-east:2'] button");
    String approveText =
        until(
            "the gate stage:us-east:2 offers an approval",
            () -> text(approve).isEmpty() ? null : text(approve));
    WebElement chart =
        until(
            "a chart of a checked metric with its limit",
            () -> first(By.cssSelector("[data-region='us-east'] figure.chart")));
    assertTrue(
        !chart.findElements(By.cssSelector("line.limit")).isEmpty(), "the chart draws its limit");
    String caption = chart.findElement(By.tagName("figcaption")).getText();
    assertTrue(caption.contains("limit"), "the verdict and the limit in words: " + caption);
    assertTrue(approveText.contains("as bob"), approveText);

    // Waiting at the gate: the plan says so and links the gate, with no window countdown.
    String waiting = regionCard("us-east");
    assertTrue(waiting.contains("waiting for approval"), waiting);
    assertTrue(
        browser
            .findElements(By.cssSelector("article[data-region='us-east'] time.countdown"))
            .isEmpty(),
        "no window countdown while the region waits at the gate");
    String gate = text(By.cssSelector("[data-gate='stage:us-east:2']"));
    assertTrue(gate.contains("Still needs 1 approval from anyone"), gate);
    assertTrue(gate.matches("(?s).*times out in \\d+ h \\d+ m.*"), gate);
    until("the chart has drawn a few values", () -> chartValues("us-east") >= 3 ? true : null);
    assertNoSeriousAccessibilityViolations("the release page at desktop width");
    screenshot("gate-open.png");
    Files.copy(
        SHOTS.resolve("gate-open.png"),
        DOCS.resolve("board.png"),
        StandardCopyOption.REPLACE_EXISTING);
    phoneScreenshot("board-phone.png");
    assertNoSeriousAccessibilityViolations("the release page at phone width");
    Files.copy(
        SHOTS.resolve("board-phone.png"),
        DOCS.resolve("board-phone.png"),
        StandardCopyOption.REPLACE_EXISTING);
    viewport(DESKTOP.getWidth(), DESKTOP.getHeight(), false);

    // Approved by clicking, as the identified user; the release goes on.
    click("the approve button of stage:us-east:2", approve);
    until(
        "the approval is confirmed",
        () -> text(By.id("flash")).contains("approved stage:us-east:2 as bob") ? true : null);
    until(
        "us-east goes on past the gate",
        () ->
            regionCard("us-east").matches(".*(50% on new|100% on new|promot|watching|completed).*")
                ? true
                : null);
    until(
        "the timeline records who approved, with the proxy's identity",
        () ->
            allText(By.cssSelector("section[aria-labelledby='timeline-h']"))
                    .contains("board:bob@example.com")
                ? true
                : null);
    screenshot("board.png");
    browser.get(board);
    until(
        "the list shows the release's regions as progress bars",
        () -> first(By.cssSelector("tr.running .bar[data-region='us-east']")));
    screenshot("list.png");
    browser.navigate().back();
    until(
        "eu-west starts after us-east",
        () -> regionCard("eu-west").contains("pending") ? null : true);
  }

  @Test
  void theAuthorsSelfApprovalIsRefusedAsTheWorkflowSaysIt() throws Exception {
    start("checkout", "carol");
    browser = chromium("carol", "carol@example.com");
    browser.get(board + "/releases/release-checkout");
    click(
        "the approve button of stage:us-east:2",
        By.cssSelector("[data-gate='stage:us-east:2'] button"));
    String refusal =
        until(
            "the refusal is shown",
            () -> {
              String t = text(By.id("flash"));
              return t.contains("Refused") ? t : null;
            });
    assertTrue(
        refusal.contains(
            "carol started this release and cannot approve it: self-approval is not allowed"),
        refusal);
    assertTrue(
        !browser.findElements(By.cssSelector("#flash [role='alert']")).isEmpty(),
        "announced as an alert");
    screenshot("self-approval-refused.png");

    // Clean up through the board too: abort with a reason.
    until(
        "the reason is typed",
        () -> {
          WebElement reason = browser.findElement(By.id("act-abort-reason"));
          reason.clear();
          reason.sendKeys("board test done");
          return "board test done".equals(reason.getDomProperty("value")) ? true : null;
        });
    click("the abort button", By.id("act-abort"));
    until(
        "the release aborts",
        () -> text(By.cssSelector(".summary")).contains("aborted") ? true : null);
  }

  // --- helpers

  static void start(String service, String author) throws IOException {
    String yaml = Files.readString(Path.of("../examples/quick-release.yaml"));
    if (!service.equals("cart")) {
      yaml = yaml.replace("cart", service);
    }
    var spec = SpecParser.parse(yaml, service + ".yaml", SpecValidator.Limits.SANDBOX);
    new ReleaseLauncher(client).start(new ReleaseRequest(spec, author, true));
  }

  static ChromeDriver chromium(String user, String email) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
        "--window-size=" + DESKTOP.getWidth() + "," + DESKTOP.getHeight());
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).build();
    ChromeDriver driver = new ChromeDriver(service, options);
    // What an authenticating proxy (oauth2-proxy) adds to every request it lets through.
    driver.executeCdpCommand("Network.enable", Map.of());
    driver.executeCdpCommand(
        "Network.setExtraHTTPHeaders",
        Map.of("headers", Map.of("X-Forwarded-User", user, "X-Forwarded-Email", email)));
    return driver;
  }

  /** The text of a region's card on the release page, on one line. */
  String regionCard(String region) {
    List<WebElement> cards =
        browser.findElements(By.cssSelector("article[data-region='" + region + "']"));
    return cards.isEmpty() ? "" : cards.get(0).getText().replaceAll("\\s+", " ");
  }

  /** How many values the first chart of {@code region} counts in its caption, else 0. */
  int chartValues(String region) {
    String shown = text(By.cssSelector("[data-region='" + region + "'] figure.chart figcaption"));
    var m = java.util.regex.Pattern.compile("(\\d+) values? in this window").matcher(shown);
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }

  String allText(By by) {
    WebElement e = first(by);
    return e == null ? "" : String.valueOf(e.getDomProperty("textContent"));
  }

  /**
   * The whole page at a phone's width (390 CSS pixels) and as tall as its content, through the
   * browser's device emulation so the size is exact whatever the window around it.
   */
  void phoneScreenshot(String name) throws InterruptedException {
    viewport(390, 844, true);
    until(
        "the page lays out at phone width",
        () -> {
          Object w = browser.executeScript("return document.documentElement.clientWidth");
          return ((Number) w).intValue() <= 390 ? true : null;
        });
    long height =
        ((Number) browser.executeScript("return document.documentElement.scrollHeight"))
            .longValue();
    viewport(390, (int) Math.min(height, 4000), true);
    screenshot(name);
  }

  /** The page's viewport, exactly {@code width} by {@code height} CSS pixels at scale 1. */
  void viewport(int width, int height, boolean mobile) {
    browser.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
  }

  /**
   * Runs axe-core (a test resource, unmodified) in the page and fails on any serious or critical
   * violation, naming the rule and the elements.
   */
  void assertNoSeriousAccessibilityViolations(String where) throws IOException {
    if (axe == null) {
      try (var in = BoardIT.class.getResourceAsStream("/axe/axe.min.js")) {
        axe = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      }
    }
    browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    browser.executeScript(axe);
    Object found =
        browser.executeAsyncScript(
            "var done=arguments[arguments.length-1];"
                + "axe.run(document,{resultTypes:['violations']}).then(function(r){"
                + "done(r.violations.filter(function(v){"
                + "return v.impact==='serious'||v.impact==='critical';}).map(function(v){"
                + "return v.impact+' '+v.id+': '+v.help+' at '+v.nodes.map(function(n){"
                + "return n.target.join(' ');}).join(', ');}));"
                + "}).catch(function(e){done(['axe failed: '+e]);});");
    assertEquals(List.of(), found, "accessibility violations on " + where);
  }

  WebElement first(By by) {
    List<WebElement> found = browser.findElements(by);
    return found.isEmpty() ? null : found.get(0);
  }

  String text(By by) {
    WebElement e = first(by);
    return e == null ? "" : e.getText();
  }

  /**
   * Clicks what {@code by} finds once it is there, finding it again if the live part of the page
   * replaced it between the look-up and the click (a click on a replaced element never landed).
   */
  void click(String what, By by) throws InterruptedException {
    until(
        what + " is clicked",
        () -> {
          WebElement e = first(by);
          if (e == null) {
            return null;
          }
          e.click();
          return true;
        });
  }

  <T> T until(String what, Supplier<T> probe) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    RuntimeException last = null;
    while (System.nanoTime() < deadline) {
      try {
        T t = probe.get();
        if (t != null) {
          return t;
        }
      } catch (WebDriverException e) {
        last = e; // the live part was replaced under us; ask again
      }
      Thread.sleep(250);
    }
    screenshot("failed.png");
    throw new AssertionError("timed out waiting until " + what + "; page:\n" + pageText(), last);
  }

  String pageText() {
    try {
      return browser.findElement(By.tagName("body")).getText();
    } catch (RuntimeException e) {
      return "(unreadable: " + e + ")";
    }
  }

  void screenshot(String name) {
    try {
      File shot = browser.getScreenshotAs(OutputType.FILE);
      Files.copy(shot.toPath(), SHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | WebDriverException e) {
      System.err.println("no screenshot " + name + ": " + e);
    }
  }
}
