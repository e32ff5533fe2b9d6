package io.continuity.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code LabMain start-fakes} as the demo runs it: the fragment names the three resources with
 * credentials by file reference only, the credential files are private, the write load moves each
 * platform's data, and the end of stdin stops the fakes and deletes their files.
 */
class StartFakesTest {

  @Test
  void startFakesWritesTheFragmentKeepsWritingAndCleansUpWhenStdinCloses(@TempDir Path dir)
      throws Exception {
    Path inventory = dir.resolve("fakes.yaml");
    PipedOutputStream stdinWriter = new PipedOutputStream();
    PipedInputStream stdin = new PipedInputStream(stdinWriter);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CompletableFuture<Integer> run =
        CompletableFuture.supplyAsync(
            () ->
                LabMain.run(
                    new String[] {
                      "start-fakes",
                      "--inventory-out",
                      inventory.toString(),
                      "--dir",
                      dir.toString()
                    },
                    stdin,
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));

    await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(inventory) || run.isDone());
    String yaml = Files.readString(inventory);

    assertThat(yaml)
        .contains(
            "id: " + FakesInventory.MONGO_ID,
            "id: " + FakesInventory.SQLSERVER_ID,
            "id: " + FakesInventory.SNOWFLAKE_ID,
            "platform: mongodb",
            "platform: sqlserver",
            "platform: snowflake");
    assertThat(yaml).doesNotContain("Lab-", "BEGIN PRIVATE KEY");
    Matcher refs = Pattern.compile("\"file:([^\"]+)\"").matcher(yaml);
    int files = 0;
    Path fakesDir = null;
    while (refs.find()) {
      Path secret = Path.of(refs.group(1));
      assertThat(secret).exists();
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)))
          .isEqualTo("rw-------");
      fakesDir = secret.getParent();
      files++;
    }
    assertThat(files).isEqualTo(5);
    assertThat(Files.readString(fakesDir.resolve("snowflake-key.p8")))
        .startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("MongoDB replica set rs0", "SQL Server AG", "Snowflake accounts");

    stdinWriter.close();
    assertThat(run.get()).isZero();
    assertThat(inventory).doesNotExist();
    assertThat(fakesDir).doesNotExist();
  }

  @Test
  void theWriteLoadMovesEveryPlatformsDataToItsDrSite(@TempDir Path dir) {
    try (DemoFakes fakes = DemoFakes.start(dir)) {
      long sql = fakes.availabilityGroup().count("SQLPAY03", "Payments");
      int snowflake = fakes.snowflake().account("WEST").data.size();

      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  fakes.availabilityGroup().count("SQLPAY03", "Payments") > sql
                      && fakes.snowflake().account("WEST").data.size() > snowflake
                      && fakes.mongo().primary().isPresent()
                      && fakes.written() >= 2);
      assertThat(fakes.mongo().primary().orElseThrow().site()).isEqualTo("east");
    }
  }
}
