package io.continuity.server.web.ui;

import io.continuity.server.security.DemoAccounts;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The login page; in the demo profile it lists the demo users and their roles (no password). */
@Controller
class LoginController {

  private final ObjectProvider<DemoAccounts> demo;

  LoginController(ObjectProvider<DemoAccounts> demo) {
    this.demo = demo;
  }

  @GetMapping("/login")
  String login(Model model) {
    DemoAccounts accounts = demo.getIfAvailable();
    model.addAttribute("demoUsers", accounts == null ? Map.of() : accounts.users());
    return "login";
  }
}
