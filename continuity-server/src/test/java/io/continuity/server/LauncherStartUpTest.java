package io.continuity.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's start-up helpers ({@code scripts/launcher/start-up.sh}, decision 030), run by the
 * real bash: the demo runs in Spring AOT mode only when nothing could change which beans exist, and
 * a JDK's feature version is read from its release file.
 */
class LauncherStartUpTest {

  static final Path SCRIPT = Path.of("..", "scripts", "launcher", "start-up.sh").toAbsolutePath();

  @TempDir Path dir;

  @Test
  void aPlainDemoStartAndLoggingArgumentsKeepSpringAot() throws Exception {
    assertThat(blocker("", Map.of())).isEmpty();
    assertThat(blocker("--logging.level.root=WARN", Map.of())).isEmpty();
    assertThat(
            blocker(
                "",
                Map.of(
                    "SERVER_PORT", "18080",
                    "CONTINUITY_DATA_DIR", "/tmp/x",
                    "CONTINUITY_DEMO_PASSWORD", "pw",
                    "CONTINUITY_DEMO_PAIR", "0",
                    "LOGGING_LEVEL_ROOT", "WARN",
                    "JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1")))
        .isEmpty();
  }

  @Test
  void anythingThatCouldChangeTheBeansTurnsSpringAotOffAndSaysWhy() throws Exception {
    assertThat(blocker("--continuity.monitoring.enabled=false", Map.of()))
        .isEqualTo("the argument --continuity.monitoring.enabled=false");
    assertThat(blocker("", Map.of("SPRING_PROFILES_ACTIVE", "prod")))
        .isEqualTo("the environment variable SPRING_PROFILES_ACTIVE");
    assertThat(blocker("", Map.of("CONTINUITY_DB_URL", "jdbc:postgresql://db/continuity")))
        .isEqualTo("the environment variable CONTINUITY_DB_URL");
    assertThat(blocker("", Map.of("MANAGEMENT_SERVER_PORT", "9000")))
        .isEqualTo("the environment variable MANAGEMENT_SERVER_PORT");
    assertThat(blocker("", Map.of("JAVA_TOOL_OPTIONS", "-Dcontinuity.notify.enabled=false")))
        .isEqualTo("system properties in JAVA_TOOL_OPTIONS/JDK_JAVA_OPTIONS");
    assertThat(blocker("", Map.of("CONTINUITY_SPRING_AOT", "0")))
        .isEqualTo("CONTINUITY_SPRING_AOT=0");

    Files.createDirectories(dir.resolve("config"));
    Files.writeString(dir.resolve("config/application-demo.yaml"), "continuity: {}\n");
    assertThat(blocker("", Map.of()))
        .isEqualTo("the configuration file config/application-demo.yaml");
  }

  @Test
  void theFeatureVersionComesFromTheJdksReleaseFile() throws Exception {
    Path jdk = dir.resolve("jdk-25");
    Files.createDirectories(jdk.resolve("bin"));
    Files.writeString(jdk.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"25.0.3\"\n");
    Path java = jdk.resolve("bin/java");
    Files.writeString(java, "#!/bin/sh\nexit 1\n");
    assertThat(java.toFile().setExecutable(true)).isTrue();

    assertThat(run("java_feature " + java, Map.of())).isEqualTo("25");
    assertThat(run("java_feature " + dir.resolve("missing/bin/java"), Map.of())).isEqualTo("0");
  }

  private String blocker(String args, Map<String, String> env) throws Exception {
    return run("spring_aot_blocker " + args, env);
  }

  /** Sources the script in a bash with only PATH and {@code env}, in the temp directory. */
  private String run(String command, Map<String, String> env)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(
                "bash", "-c", "ROOT=/nonexistent; source \"$0\"; " + command, SCRIPT.toString())
            .directory(dir.toFile())
            .redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv("PATH"));
    builder.environment().putAll(env);
    Process process = builder.start();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(out).isZero();
    return out.strip();
  }
}
