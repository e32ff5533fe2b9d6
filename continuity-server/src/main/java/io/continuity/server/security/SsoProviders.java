package io.continuity.server.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Component;

/** The single sign-on providers configured (none by default), for the login page's buttons. */
@Component
public class SsoProviders {

  /** One provider: its registration id, the name to show and where signing in starts. */
  public record SsoProvider(String id, String name, String loginUrl) {}

  private final ObjectProvider<ClientRegistrationRepository> registrations;

  SsoProviders(ObjectProvider<ClientRegistrationRepository> registrations) {
    this.registrations = registrations;
  }

  public List<SsoProvider> all() {
    List<SsoProvider> providers = new ArrayList<>();
    if (registrations.getIfAvailable() instanceof Iterable<?> all) {
      for (Object item : all) {
        if (item instanceof ClientRegistration r) {
          providers.add(
              new SsoProvider(
                  r.getRegistrationId(),
                  r.getClientName(),
                  "/oauth2/authorization/" + r.getRegistrationId()));
        }
      }
    }
    return providers;
  }
}
