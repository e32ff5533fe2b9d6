package io.continuity.server.web.ui;

import io.continuity.server.security.DemoAccounts;
import io.continuity.server.security.SsoProviders;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The login page: the password form, a button per single sign-on provider (with why a sign-in was
 * refused), and in the demo profile the demo users and their roles (no password).
 */
@Controller
class LoginController {

  private final ObjectProvider<DemoAccounts> demo;
  private final SsoProviders sso;

  LoginController(ObjectProvider<DemoAccounts> demo, SsoProviders sso) {
    this.demo = demo;
    this.sso = sso;
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
    return "login";
  }
}
