package io.continuity.server.web.ui;

import io.continuity.server.security.CliLoginCodes;
import io.continuity.server.security.CurrentActor;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The browser half of {@code continuity login --sso}: a signed-in user (by password or single
 * sign-on) confirms issuing a token for the command line; the confirmation (a CSRF-protected POST,
 * never a GET) sends the browser to the CLI's loopback listener with a one-time code. The redirect
 * target is always {@code http://127.0.0.1:<port>/callback}: the caller chooses the port only.
 */
@Controller
class CliLoginPageController {

  private static final Pattern STATE = Pattern.compile("[A-Za-z0-9_-]{16,128}");

  private final CliLoginCodes codes;
  private final CurrentActor currentActor;

  CliLoginPageController(CliLoginCodes codes, CurrentActor currentActor) {
    this.codes = codes;
    this.currentActor = currentActor;
  }

  @GetMapping("/cli/login")
  String confirm(
      @RequestParam(name = "redirect_port", required = false) String port,
      @RequestParam(required = false) String state,
      @RequestParam(name = "code_challenge", required = false) String challenge,
      @RequestParam(name = "code_challenge_method", required = false) String method,
      Model model,
      HttpServletResponse response) {
    int checkedPort = check(port, state, challenge, method);
    // The confirmation form redirects to the CLI's loopback listener: allow that one target.
    response.setHeader(
        "Content-Security-Policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " object-src 'none'; base-uri 'self'; form-action 'self' http://127.0.0.1:"
            + checkedPort
            + "; frame-ancestors 'none'");
    model.addAttribute("user", currentActor.require().id());
    model.addAttribute("port", checkedPort);
    model.addAttribute("state", state);
    model.addAttribute("challenge", challenge);
    return "cli-login";
  }

  @PostMapping("/cli/login")
  String issue(
      @RequestParam(name = "redirect_port", required = false) String port,
      @RequestParam(required = false) String state,
      @RequestParam(name = "code_challenge", required = false) String challenge) {
    int checkedPort = check(port, state, challenge, "S256");
    String code = codes.issue(currentActor.require().id(), challenge);
    return "redirect:http://127.0.0.1:"
        + checkedPort
        + "/callback?code="
        + URLEncoder.encode(code, StandardCharsets.UTF_8)
        + "&state="
        + URLEncoder.encode(state, StandardCharsets.UTF_8);
  }

  private static int check(String port, String state, String challenge, String method) {
    int value;
    try {
      value = Integer.parseInt(port == null ? "" : port);
    } catch (NumberFormatException e) {
      value = -1;
    }
    if (value < 1024 || value > 65535) {
      throw refused("redirect_port must be a port number from 1024 to 65535 on 127.0.0.1");
    }
    if (state == null || !STATE.matcher(state).matches()) {
      throw refused("state must be 16 to 128 base64url characters");
    }
    if (challenge == null || !CliLoginCodes.CHALLENGE.matcher(challenge).matches()) {
      throw refused("code_challenge must be a base64url S256 challenge (43 characters)");
    }
    if (method != null && !method.equals("S256")) {
      throw refused("code_challenge_method must be S256");
    }
    return value;
  }

  private static ResponseStatusException refused(String reason) {
    return new ResponseStatusException(HttpStatus.BAD_REQUEST, reason);
  }
}
