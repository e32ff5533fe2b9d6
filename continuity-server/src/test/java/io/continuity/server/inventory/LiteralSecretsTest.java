package io.continuity.server.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A credential written in the inventory is refused, and never repeated back in any error. */
class LiteralSecretsTest {

  private static final String SECRET = "S3cr3t-Hunter2";

  @TempDir Path dir;

  private final InventoryParser parser = new InventoryParser();

  private InventoryParseResult parse(int line, String replacement) {
    return parser.parse(
        List.of(
            InventoryTestFiles.write(
                dir, "inventory.yaml", InventoryTestFiles.withLine(line, replacement))));
  }

  @Test
  void literalPasswordIsRefusedAndItsValueAppearsNowhere() {
    InventoryParseResult result = parse(15, "        password: " + SECRET);

    assertThat(result.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.line()).isEqualTo(15);
              assertThat(e.fieldPath()).isEqualTo("resources[0].connector.credentials.password");
              assertThat(e.message())
                  .isEqualTo("literal secrets are not allowed; use env:NAME or file:/path");
            });
    assertThat(result.errors().toString()).doesNotContain(SECRET);
    assertThatThrownBy(result::orElseThrow)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
  }

  @Test
  void credentialGivenAsAMappingIsRefusedWithoutEchoingIt() {
    InventoryParseResult result = parse(15, "        password: { value: " + SECRET + " }");

    assertThat(result.errors())
        .singleElement()
        .satisfies(e -> assertThat(e.message()).contains("literal secrets"));
    assertThat(result.errors().toString()).doesNotContain(SECRET);
  }

  @Test
  void secretLookingSettingsAndMetadataAreRefusedWithoutEchoingThem() {
    String yaml =
        InventoryTestFiles.valid()
            .replace("{ database: orders }", "{ database: orders, sslpassword: " + SECRET + " }")
            .replace("{ name: site-a }", "{ name: site-a, metadata: { token: " + SECRET + " } }");

    List<InventoryError> errors =
        parser.parse(List.of(InventoryTestFiles.write(dir, "inventory.yaml", yaml))).errors();

    assertThat(errors)
        .extracting(InventoryError::fieldPath)
        .containsExactly(
            "resources[0].sites.primary.metadata.token",
            "resources[0].connector.settings.sslpassword");
    assertThat(errors.toString()).doesNotContain(SECRET);
  }

  @Test
  void yamlSyntaxErrorOnACredentialLineDoesNotQuoteTheLine() {
    InventoryParseResult result = parse(15, "        password: " + SECRET + ": oops");

    assertThat(result.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.line()).isEqualTo(15);
              assertThat(e.message()).startsWith("invalid YAML:");
            });
    assertThat(result.errors().toString()).doesNotContain(SECRET);
  }

  @Test
  void referenceWithoutANameIsRefused() {
    InventoryParseResult result = parse(15, "        password: 'env:'");

    assertThat(result.errors())
        .singleElement()
        .satisfies(e -> assertThat(e.message()).contains("needs a name after 'env:'"));
  }
}
