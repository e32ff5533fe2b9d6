package io.continuity.server.web.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.continuity.server.security.ApiTokens;
import io.continuity.server.security.CliLoginCodes;
import io.continuity.server.security.IssuedApiToken;
import io.continuity.server.security.SsoProviders;
import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the command line needs before anyone is signed in: how this server signs people in, and the
 * exchange of a one-time browser sign-in code (with its PKCE verifier) for a personal API token.
 * Both are open to anonymous callers; the exchange is the proof.
 */
@RestController
public class CliLoginApiController {

  static final String TOKEN_NAME = "continuity CLI (single sign-on)";

  private final SsoProviders sso;
  private final CliLoginCodes codes;
  private final ApiTokens tokens;

  public CliLoginApiController(SsoProviders sso, CliLoginCodes codes, ApiTokens tokens) {
    this.sso = sso;
    this.codes = codes;
    this.tokens = tokens;
  }

  /** One single sign-on provider. */
  public record SsoMethod(String registrationId, String name) {}

  /** How this server signs people in. */
  public record AuthMethods(boolean password, List<SsoMethod> sso) {}

  /** The code from the browser callback, its PKCE verifier, and the token's lifetime in days. */
  public record ExchangeBody(
      String code, @JsonProperty("code_verifier") String codeVerifier, Integer expiresInDays) {}

  @GetMapping("/api/v1/auth/methods")
  public AuthMethods methods() {
    return new AuthMethods(
        true, sso.all().stream().map(p -> new SsoMethod(p.id(), p.name())).toList());
  }

  @PostMapping("/api/v1/tokens/cli-exchange")
  public ResponseEntity<ApiTokensController.IssuedView> exchange(
      @RequestBody(required = false) ExchangeBody body) {
    ExchangeBody given = body == null ? new ExchangeBody(null, null, null) : body;
    int days = given.expiresInDays() == null ? 30 : given.expiresInDays();
    if (days < 1 || days > ApiTokens.MAX_LIFETIME.toDays()) {
      throw new BadRequestException(
          "expiresInDays",
          "expiresInDays must be between 1 and " + ApiTokens.MAX_LIFETIME.toDays() + ": " + days);
    }
    String owner;
    try {
      owner = codes.redeem(given.code(), given.codeVerifier());
    } catch (CliLoginCodes.RefusedException e) {
      throw new BadRequestException(e.field(), e.getMessage());
    }
    IssuedApiToken issued = tokens.issue(owner, TOKEN_NAME, Duration.ofDays(days));
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(
            new ApiTokensController.IssuedView(
                issued.token().id(),
                issued.token().name(),
                issued.token().expiresAt(),
                issued.secret()));
  }
}
