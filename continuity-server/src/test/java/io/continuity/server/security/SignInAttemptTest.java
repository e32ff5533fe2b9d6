package io.continuity.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class SignInAttemptTest {

  private static MockHttpServletRequest request(String method, String path, String from) {
    MockHttpServletRequest request = new MockHttpServletRequest(method, path);
    request.setRemoteAddr(from);
    return request;
  }

  @Test
  void loginFormPostIsAFormAttemptOfTheLowerCasedUserName() {
    MockHttpServletRequest form = request("POST", "/login", "127.0.0.2");
    form.setParameter("username", "  Alice ");
    form.setParameter("password", "secret");

    assertThat(SignInAttempt.of(form))
        .contains(new SignInAttempt(SignInMechanism.FORM, "alice", "127.0.0.2"));
  }

  @Test
  void basicCredentialsAreABasicAttemptThatNeverKeepsThePassword() {
    MockHttpServletRequest basic = request("GET", "/api/v1/status", "10.1.2.3");
    basic.addHeader(
        "Authorization",
        "Basic "
            + Base64.getEncoder()
                .encodeToString("bob:hunter2:with-colon".getBytes(StandardCharsets.UTF_8)));

    SignInAttempt attempt = SignInAttempt.of(basic).orElseThrow();

    assertThat(attempt).isEqualTo(new SignInAttempt(SignInMechanism.BASIC, "bob", "10.1.2.3"));
    assertThat(attempt.toString()).doesNotContain("hunter2");
  }

  @Test
  void bearerTokenOnTheApiIsCountedPerAddressUnderOneName() {
    MockHttpServletRequest bearer = request("GET", "/api/v1/resources", "127.0.0.5");
    bearer.addHeader("Authorization", "Bearer ct_aaaaaaaaaaaa_secret");

    assertThat(SignInAttempt.of(bearer))
        .contains(
            new SignInAttempt(
                SignInMechanism.API_TOKEN, SignInAttempt.API_TOKEN_USER, "127.0.0.5"));
  }

  @Test
  void requestsWithoutCredentialsAreNoAttempt() {
    assertThat(SignInAttempt.of(request("GET", "/", "127.0.0.1"))).isEmpty();
    assertThat(SignInAttempt.of(request("GET", "/login", "127.0.0.1"))).isEmpty();
    MockHttpServletRequest blankForm = request("POST", "/login", "127.0.0.1");
    blankForm.setParameter("username", " ");
    assertThat(SignInAttempt.of(blankForm)).isEmpty();
  }

  @Test
  void userNamesAreCleanedOfControlCharactersAndCapped() {
    assertThat(SignInAttempt.normalize("ev\nil\u0000")).contains("evil");
    assertThat(SignInAttempt.normalize("x".repeat(500)).orElseThrow()).hasSize(200);
  }
}
