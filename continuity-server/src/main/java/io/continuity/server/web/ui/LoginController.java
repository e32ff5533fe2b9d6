package io.continuity.server.web.ui;

import io.continuity.server.security.DemoAccounts;
import io.continuity.server.security.SsoProviders;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The login page: the password form, a button per single sign-on provider (with why a sign-in was
 * refused), why the last attempt was throttled or the session ended, and in the demo profile the
 * demo users and their roles (no password).
 */
@Controller
class LoginController {

  private final ObjectProvider<DemoAccounts> demo;
  private final SsoProviders sso;
  private final Duration idleTimeout;

  LoginController(
      ObjectProvider<DemoAccounts> demo,
      SsoProviders sso,
      @Value("${server.servlet.session.timeout:30m}") Duration idleTimeout) {
    this.demo = demo;
    this.sso = sso;
    this.idleTimeout = idleTimeout;
  }

  @GetMapping("/login")
  String login(Model model, HttpServletRequest request) {
    DemoAccounts accounts = demo.getIfAvailable();
    model.addAttribute("demoUsers", accounts == null ? Map.of() : accounts.users());
    model.addAttribute("ssoProviders", sso.all());
    String ssoError = null;
    if (request.getParameter("sso-error") != null) {
      HttpSession session = request.getSession(false);
      Object failure =
          session == null ? null : session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
      ssoError =
          failure instanceof AuthenticationException e && e.getMessage() != null
              ? e.getMessage()
              : "Single sign-on did not complete; try again.";
    }
    model.addAttribute("ssoError", ssoError);
    model.addAttribute("throttledSeconds", throttledSeconds(request.getParameter("throttled")));
    model.addAttribute("idleMinutes", Math.max(1, idleTimeout.toMinutes()));
    return "login";
  }

  /** The wait the throttle asked for, when the parameter is a plausible number of seconds. */
  private static Long throttledSeconds(String parameter) {
    if (parameter == null || !parameter.matches("\\d{1,6}")) {
      return null;
    }
    return Long.parseLong(parameter);
  }
}
