package io.continuity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line end to end against the real server (demo profile, simulated platform): status
 * and its exit codes, a whole switchover from request to evidence, the tier-1 rule, a bad token and
 * a server that is down. Every user signs in with {@code login}, as a person would.
 */
class CommandLineAgainstServerIT {

  @TempDir static Path dir;
  static DemoServer server;

  @BeforeAll
  static void startServerAndSignIn() throws Exception {
    server = DemoServer.start(dir);
    for (String user : new String[] {"alice", "bob", "carol", "admin"}) {
      CliRun login =
          CliRun.run(env(user), DemoServer.PASSWORD + "\n", true, "login", "--user", user);
      assertThat(login.exitCode()).as(login.err()).isZero();
      assertThat(login.out()).contains("signed in as " + user);
    }
    awaitEvidenceOf("demo-orders", "demo-search");
  }

  /** Monitoring probes every resource soon after start; a run needs that evidence first. */
  static void awaitEvidenceOf(String... ids) throws Exception {
    await(r -> r.path("evidenceAgeSeconds").isNumber() && r.path("lagSeconds").isNumber(), ids);
  }

  /** Waits until monitoring has judged these resources once (they may have no lag: broken). */
  static void awaitProbed(String... ids) throws Exception {
    await(r -> r.path("evidenceAgeSeconds").isNumber(), ids);
  }

  private static void await(java.util.function.Predicate<JsonNode> ready, String... ids)
      throws Exception {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
    while (true) {
      JsonNode overview =
          ApiClient.JSON.readTree(CliRun.run(env("alice"), "status", "-o", "json").out());
      int observed = 0;
      for (JsonNode resource : overview.path("resources")) {
        if (java.util.Arrays.asList(ids).contains(resource.path("id").asText())
            && ready.test(resource)) {
          observed++;
        }
      }
      if (observed == ids.length) {
        return;
      }
      assertThat(System.nanoTime())
          .as("evidence of %s within 120 s", (Object) ids)
          .isLessThan(deadline);
      Thread.sleep(500);
    }
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** The environment of a user: their own config directory (token) and the server's URL. */
  static Map<String, String> env(String user) {
    Map<String, String> env = new HashMap<>();
    env.put("XDG_CONFIG_HOME", dir.resolve("config-" + user).toString());
    env.put("CONTINUITY_URL", server.url());
    return env;
  }

  @Test
  void statusPrintsOneLinePerResourceAndGroupAndExitsWithTheWorstStatus() throws Exception {
    // run first, the test would read the estate before monitoring's first probe of demo-catalog
    awaitProbed("demo-catalog");
    CliRun json = CliRun.run(env("alice"), "status", "-o", "json");
    JsonNode overview = ApiClient.JSON.readTree(json.out());
    CliRun table = CliRun.run(env("alice"), "status");

    int expected = StatusCommand.exitCode(overview);
    // The demo inventory has a broken replication (demo-catalog): RED, so 2.
    assertThat(expected).isEqualTo(2);
    assertThat(json.exitCode()).isEqualTo(expected);
    assertThat(table.exitCode()).isEqualTo(expected);
    assertThat(table.out().lines().count())
        .isEqualTo(1 + overview.path("resources").size() + overview.path("groups").size());
    assertThat(table.out()).contains("resource demo-catalog").contains("group    demo-checkout");
    assertThat(table.out()).doesNotContain("\u001b[");

    CliRun tier2 = CliRun.run(env("alice"), "status", "--tier", "2", "--platform", "simulated");
    assertThat(tier2.out()).contains("demo-search").doesNotContain("demo-orders");
    assertThat(tier2.out()).doesNotContain("group ");

    CliRun yaml = CliRun.run(env("alice"), "status", "--group", "demo-checkout", "-o", "yaml");
    assertThat(yaml.out()).contains("id: demo-orders").doesNotContain("id: demo-search");
  }

  @Test
  void aWholeSwitchoverFromRequestToEvidence() throws Exception {
    CliRun request =
        CliRun.run(
            env("alice"),
            "request",
            "switchover",
            "--resource",
            "demo-search",
            "--ticket",
            "CHG-16",
            "--reason",
            "CLI end-to-end test",
            "--quiet");
    assertThat(request.exitCode()).as(request.err()).isZero();
    String id = request.out().strip();
    assertThat(id).startsWith("EX-");

    CliRun approve = CliRun.run(env("bob"), "approve", id, "--comment", "looks right");
    assertThat(approve.exitCode()).as(approve.err()).isZero();
    assertThat(approve.out()).contains("APPROVED");

    CliRun plan = CliRun.run(env("alice"), "plan", id);
    assertThat(plan.out()).contains("Promote the target").contains("data loss:");

    CliRun dryRun = CliRun.run(env("alice"), "confirm", id, "--dry-run");
    assertThat(dryRun.out()).contains("nothing was started");

    CliRun confirm = CliRun.run(env("alice"), "confirm", id, "--yes");
    assertThat(confirm.exitCode()).as(confirm.err()).isZero();
    assertThat(confirm.out()).contains(id + ": RUNNING, started");

    CliRun follow = CliRun.run(env("alice"), "follow", id);
    assertThat(follow.exitCode()).as(follow.out() + follow.err()).isZero();
    assertThat(follow.out())
        .containsPattern("STEP_COMPLETED +demo-search promote-target \\(\\d+\\.\\ds\\)")
        .contains("EXECUTION_SUCCEEDED")
        .contains("outcome: " + id)
        .contains("SUCCEEDED")
        .contains("evidence: ");

    CliRun evidence = CliRun.run(env("alice"), "evidence", id);
    assertThat(evidence.out()).contains("SUCCEEDED").contains("audit anchor: ");
    Path html = dir.resolve("evidence.html");
    CliRun evidenceHtml =
        CliRun.run(env("alice"), "evidence", id, "-o", "html", "--out", html.toString());
    assertThat(evidenceHtml.exitCode()).isZero();
    assertThat(Files.readString(html)).contains("<html").contains(id);

    CliRun audit = CliRun.run(env("alice"), "audit", "--execution", id);
    assertThat(audit.out()).contains("REQUEST_CREATED").contains("EXECUTION_SUCCEEDED");
    CliRun verify = CliRun.run(env("alice"), "audit", "verify");
    assertThat(verify.exitCode()).isZero();
    assertThat(verify.out()).startsWith("audit trail intact");
  }

  @Test
  void tierOneIsNeverConfirmedWithoutAPersonTypingTheId() throws Exception {
    String id = approvedTierOneRequest();

    CliRun yes = CliRun.run(env("alice"), "confirm", id, "--yes");
    assertThat(yes.exitCode()).isEqualTo(1);
    assertThat(yes.err()).contains("--yes is not accepted").contains("'demo-orders'");

    CliRun script = CliRun.run(env("alice"), "", false, "confirm", id);
    assertThat(script.exitCode()).isEqualTo(1);
    assertThat(script.err()).contains("needs a person at a terminal");

    CliRun typo = CliRun.run(env("alice"), "demo-ordrs\n", true, "confirm", id);
    assertThat(typo.exitCode()).isEqualTo(1);
    assertThat(typo.err()).contains("you typed 'demo-ordrs', not 'demo-orders'");

    assertThat(CliRun.run(env("alice"), "plan", id, "-o", "json").out())
        .contains("\"state\" : \"READY_TO_START\"");
  }

  @Test
  void aBadTokenIsOneClearLineAndStatusSaysTheServerCouldNotBeRead() {
    Map<String, String> env = env("nobody");
    env.put("CONTINUITY_TOKEN", "ct_not-a-real-token");

    CliRun status = CliRun.run(env, "status");
    CliRun show = CliRun.run(env, "resource", "show", "demo-orders");

    assertThat(status.exitCode()).isEqualTo(3);
    assertThat(show.exitCode()).isEqualTo(1);
    for (CliRun run : new CliRun[] {status, show}) {
      assertThat(run.err().lines()).hasSize(1);
      assertThat(run.err()).startsWith("error: ").contains("401").contains("CONTINUITY_TOKEN");
      assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }
  }

  @Test
  void aProblemFromTheServerIsOneLine() {
    CliRun run = CliRun.run(env("bob"), "approve", "EX-NOPE");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err()).contains("'EX-NOPE' does not exist").contains("(404");
  }

  @Test
  void aServerThatIsDownIsExitCodeThree() throws Exception {
    Map<String, String> env = env("alice");
    env.put("CONTINUITY_URL", "http://127.0.0.1:" + DemoServer.freePort());

    CliRun status = CliRun.run(env, "status");

    assertThat(status.exitCode()).isEqualTo(3);
    assertThat(status.err().strip())
        .startsWith("error: cannot reach the server at http://127.0.0.1:")
        .doesNotContain("Exception");
  }

  @Test
  void onATerminalStatusHasColourAndSymbols_inAPipeOrWithNoColorItIsPlain() throws Exception {
    PseudoTerminal.Session tty = PseudoTerminal.run(env("alice"), "", "status");
    Map<String, String> noColor = env("alice");
    noColor.put("NO_COLOR", "1");
    PseudoTerminal.Session ttyNoColor = PseudoTerminal.run(noColor, "", "status");
    PseudoTerminal.Session pipe = PseudoTerminal.piped(env("alice"), "status");

    assertThat(tty.exitCode()).isEqualTo(2);
    assertThat(tty.screen()).contains("\u001b[31m\u2716 RED").contains("\u001b[1mKIND");
    assertThat(ttyNoColor.exitCode()).isEqualTo(2);
    assertThat(ttyNoColor.screen()).contains(" RED ").doesNotContain("\u001b[");
    assertThat(pipe.exitCode()).isEqualTo(2);
    assertThat(pipe.screen()).contains(" RED ").doesNotContain("\u001b[");
  }

  @Test
  void onATerminalTierOneStartsOnlyWhenThePersonTypesTheId() throws Exception {
    String id = approvedTierOneRequest();

    PseudoTerminal.Session typo = PseudoTerminal.run(env("alice"), "demo-ordrs\n", "confirm", id);
    assertThat(typo.exitCode()).isEqualTo(1);
    assertThat(typo.screen())
        .contains("data loss:")
        // typed ahead of the prompt, the terminal echoes it first
        .startsWith("demo-ordrs\n")
        .contains("Type 'demo-orders' to start this run: ")
        .contains("error: you typed 'demo-ordrs', not 'demo-orders'; nothing was started");

    PseudoTerminal.Session typed = PseudoTerminal.run(env("alice"), "demo-orders\n", "confirm", id);
    assertThat(typed.exitCode()).as(typed.screen()).isZero();
    assertThat(typed.screen()).contains(id + ": RUNNING, started");

    CliRun follow = CliRun.run(env("alice"), "follow", id);
    assertThat(follow.exitCode()).as(follow.out() + follow.err()).isZero();
    assertThat(follow.out()).contains("EXECUTION_SUCCEEDED");
  }

  @Test
  void theVersionIsTheSameInTheCommandLineAndInActuatorInfo() throws Exception {
    PseudoTerminal.Session version = PseudoTerminal.piped(env("alice"), "--version");
    assertThat(version.exitCode()).isZero();
    assertThat(version.screen().strip()).isEqualTo("continuity " + CliVersion.current());
    assertThat(CliVersion.current()).matches("\\d+\\.\\d+\\.\\d+.*");

    // /actuator/info is for ADMIN only; the build writes the version into the server jar.
    java.net.http.HttpResponse<String> info =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(server.url() + "/actuator/info"))
                    .header(
                        "Authorization",
                        "Basic "
                            + java.util.Base64.getEncoder()
                                .encodeToString(
                                    ("admin:" + DemoServer.PASSWORD)
                                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(info.statusCode()).isEqualTo(200);
    assertThat(ApiClient.JSON.readTree(info.body()).path("build").path("version").asText())
        .isEqualTo(CliVersion.current());
  }

  /**
   * {@code status --watch} redraws every interval: a resource that breaks (its scenario changed in
   * the inventory, reloaded) shows RED in a later redraw of the same run, which an interrupt ends.
   */
  @Test
  void statusWatchRedrawsUntilStoppedAndShowsAChange() throws Exception {
    Path inventory = dir.resolve("inventory.yaml");
    String original = Files.readString(inventory);
    String steady = "settings: { scenario: steady }";
    int sessions = original.indexOf("- id: demo-sessions");
    int at = original.indexOf(steady, sessions);
    assertThat(sessions).isPositive();
    StringWriter out = new StringWriter();
    Terminal terminal =
        new Terminal(
            new PrintWriter(out, true),
            new PrintWriter(new StringWriter(), true),
            new BufferedReader(new StringReader("")),
            false,
            new Style(false));
    AtomicInteger exit = new AtomicInteger(-1);
    Thread watch =
        new Thread(
            () ->
                exit.set(
                    ContinuityCli.commandLine(env("alice"), terminal)
                        .execute("status", "--watch", "--interval", "1")));
    watch.start();
    try {
      awaitLine(out, "demo-sessions", "GREEN");
      int redrawsBefore = redraws(out);
      Files.writeString(
          inventory,
          original.substring(0, at)
              + "settings: { scenario: broken }"
              + original.substring(at + steady.length()));
      assertThat(CliRun.run(env("admin"), "inventory", "reload").exitCode()).isZero();
      awaitLine(out, "demo-sessions", "RED");
      assertThat(redraws(out)).as("redraws").isGreaterThan(redrawsBefore);
    } finally {
      watch.interrupt();
      watch.join(10_000);
      Files.writeString(inventory, original);
      CliRun.run(env("admin"), "inventory", "reload");
    }
    assertThat(watch.isAlive()).as("status --watch stopped by the interrupt").isFalse();
    // RED (2) as drawn last, or 3 when the interrupt cut a read short ("the server could not be
    // read").
    assertThat(exit.get()).as("status --watch returned its exit code").isIn(2, 3);
  }

  /** Waits (60 s at most) until the last line about resource {@code id} shows {@code status}. */
  private static void awaitLine(StringWriter out, String id, String status) throws Exception {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
    java.util.regex.Pattern line =
        java.util.regex.Pattern.compile("^resource +" + id + " +(\\S+) ");
    while (true) {
      String last =
          out.toString().lines().filter(l -> line.matcher(l).find()).reduce((a, b) -> b).orElse("");
      java.util.regex.Matcher m = line.matcher(last);
      if (m.find() && m.group(1).equals(status)) {
        return;
      }
      assertThat(System.nanoTime())
          .as("a redraw with %s %s within 60 s; last: %s", id, status, last)
          .isLessThan(deadline);
      Thread.sleep(250);
    }
  }

  /** How many times the watch drew the table: each draw starts with the server and the time. */
  private static int redraws(StringWriter out) {
    return (int) out.toString().lines().filter(l -> l.startsWith(server.url() + "  ")).count();
  }

  @Test
  void inventoryReloadIsForAdminsAndSaysWhatChanged() {
    CliRun admin = CliRun.run(env("admin"), "inventory", "reload");
    CliRun operator = CliRun.run(env("alice"), "inventory", "reload");

    assertThat(admin.exitCode()).as(admin.err()).isZero();
    assertThat(admin.out().strip()).isEqualTo("inventory reloaded: no changes");
    assertThat(operator.exitCode()).isEqualTo(1);
    assertThat(operator.err().lines()).hasSize(1);
    assertThat(operator.err()).startsWith("error: ").contains("(403");
  }

  @Test
  void aRequestWithAMaintenanceWindowIsPlannedOnlyInsideIt() {
    java.time.Instant opens =
        java.time.Instant.now()
            .plus(java.time.Duration.ofDays(1))
            .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    String closes = opens.plus(java.time.Duration.ofHours(4)).toString();
    CliRun request =
        CliRun.run(
            env("alice"),
            "request",
            "drill",
            "--resource",
            "demo-orders",
            "--ticket",
            "CHG-17-W",
            "--reason",
            "windowed drill",
            "--not-before",
            opens.toString(),
            "--not-after",
            closes,
            "--quiet");
    assertThat(request.exitCode()).as(request.err()).isZero();
    String id = request.out().strip();
    assertThat(CliRun.run(env("bob"), "approve", id).exitCode()).isZero();
    assertThat(CliRun.run(env("carol"), "approve", id).exitCode()).isZero();

    CliRun plan = CliRun.run(env("alice"), "plan", id);
    assertThat(plan.exitCode()).isEqualTo(1);
    assertThat(plan.err()).contains("(409").contains("maintenance window " + opens);

    CliRun half =
        CliRun.run(
            env("alice"),
            "request",
            "drill",
            "--resource",
            "demo-orders",
            "--ticket",
            "CHG-17-W",
            "--reason",
            "half a window",
            "--not-before",
            opens.toString());
    assertThat(half.exitCode()).isEqualTo(1);
    assertThat(half.err()).contains("(400").contains("window.notAfter");
  }

  static String approvedTierOneRequest() {
    CliRun request =
        CliRun.run(
            env("alice"),
            "request",
            "switchover",
            "--resource",
            "demo-orders",
            "--ticket",
            "CHG-16-T1",
            "--reason",
            "tier-1 typing",
            "--quiet");
    assertThat(request.exitCode()).as(request.err()).isZero();
    String id = request.out().strip();
    assertThat(CliRun.run(env("bob"), "approve", id).exitCode()).isZero();
    assertThat(CliRun.run(env("carol"), "approve", id).exitCode()).isZero();
    return id;
  }
}
