package io.continuity.server.web.api;

import io.continuity.server.security.ApiToken;
import io.continuity.server.security.ApiTokens;
import io.continuity.server.security.AuthenticatedActor;
import io.continuity.server.security.CurrentActor;
import io.continuity.server.security.IssuedApiToken;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Personal API tokens: issue one for a script (the secret is in the answer, once), list yours,
 * revoke one. A token acts as you with your roles at the time of each call. Issuing needs a
 * password or a console session: a token cannot mint more tokens.
 */
@RestController
@RequestMapping("/api/v1/tokens")
public class ApiTokensController {

  static final int DEFAULT_DAYS = 90;

  private final ApiTokens tokens;
  private final CurrentActor currentActor;

  public ApiTokensController(ApiTokens tokens, CurrentActor currentActor) {
    this.tokens = tokens;
    this.currentActor = currentActor;
  }

  /** What to issue: a name saying what the token is for, and its lifetime in days (1 to 366). */
  public record IssueBody(String name, Integer expiresInDays) {}

  /** A token just issued: use {@code token} as {@code Authorization: Bearer <token>}. */
  public record IssuedView(String id, String name, Instant expiresAt, String token) {}

  @PostMapping
  public ResponseEntity<IssuedView> issue(@RequestBody(required = false) IssueBody body) {
    if (currentActor.viaApiToken()) {
      throw new ForbiddenException(
          "an API token cannot issue API tokens: sign in with your password to issue one");
    }
    IssueBody given = body == null ? new IssueBody(null, null) : body;
    if (given.name() == null || given.name().isBlank() || given.name().length() > 200) {
      throw new BadRequestException(
          "name", "name is required (at most 200 characters): say what the token is for");
    }
    int days = given.expiresInDays() == null ? DEFAULT_DAYS : given.expiresInDays();
    if (days < 1 || days > ApiTokens.MAX_LIFETIME.toDays()) {
      throw new BadRequestException(
          "expiresInDays",
          "expiresInDays must be between 1 and " + ApiTokens.MAX_LIFETIME.toDays() + ": " + days);
    }
    IssuedApiToken issued =
        tokens.issue(currentActor.require().id(), given.name(), Duration.ofDays(days));
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(
            new IssuedView(
                issued.token().id(),
                issued.token().name(),
                issued.token().expiresAt(),
                issued.secret()));
  }

  /** Your tokens, newest first, without secrets. */
  @GetMapping
  public List<ApiToken> mine() {
    return tokens.of(currentActor.require().id());
  }

  /** Revokes one of your tokens (an ADMIN may revoke anyone's); 404 for anyone else's. */
  @DeleteMapping("/{id}")
  public ApiToken revoke(@PathVariable String id) {
    AuthenticatedActor actor = currentActor.require();
    return tokens.revoke(id, actor).orElseThrow(() -> new NotFoundException("API token", id));
  }
}
