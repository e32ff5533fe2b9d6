package io.continuity.server.security;

import io.continuity.core.identity.Role;
import io.continuity.server.audit.AuditTrail;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;

/**
 * Who may call what. Only {@code /actuator/health}, the login page and static assets are open. API
 * clients use HTTP Basic or a personal API token ({@code Authorization: Bearer ct_...}, {@link
 * ApiTokenFilter}), both stateless with no CSRF token needed because a browser cannot forge the
 * Authorization header; browsers use the login form with a session and CSRF protection, or single
 * sign-on through an OIDC provider when one is configured ({@link RoleMappingOidcUserService}).
 *
 * <ul>
 *   <li>{@code /api/**}: any Continuity role (finer rules live with each controller).
 *   <li>{@code /actuator/**} other than health (metrics, prometheus): ADMIN only.
 *   <li>everything else (Swagger UI, {@code /v3/api-docs}, pages): any authenticated user.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ContinuitySecurityProperties.class, OidcProperties.class})
class SecurityConfiguration {

  @Bean
  PasswordEncoder passwordEncoder() {
    return new BCryptPasswordEncoder();
  }

  @Bean
  SecurityFilterChain continuitySecurity(
      HttpSecurity http,
      AuditTrail audit,
      Clock clock,
      ApiTokens apiTokens,
      UserDirectory directory,
      ObjectProvider<ClientRegistrationRepository> sso,
      OidcProperties oidc,
      SsoUserRepository ssoUsers)
      throws Exception {
    ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint();
    HttpSessionRequestCache pagesOnly = new HttpSessionRequestCache();
    pagesOnly.setRequestMatcher(SecurityPaths::isBrowserPage);
    http.authorizeHttpRequests(
            auth ->
                auth.requestMatchers("/actuator/health", "/actuator/health/**")
                    .permitAll()
                    .requestMatchers(
                        "/login", "/error", "/favicon.ico", "/webjars/**", "/css/**", "/js/**")
                    .permitAll()
                    .requestMatchers("/actuator/**")
                    .hasRole(Role.ADMIN.name())
                    .requestMatchers("/api/**")
                    .hasAnyRole(SecurityRoles.names())
                    .anyRequest()
                    .authenticated())
        .addFilterBefore(
            new ApiTokenFilter(apiTokens, directory, entryPoint), BasicAuthenticationFilter.class)
        .httpBasic(basic -> basic.realmName("continuity").authenticationEntryPoint(entryPoint))
        .formLogin(form -> form.loginPage("/login").permitAll())
        .logout(Customizer.withDefaults())
        .csrf(csrf -> csrf.ignoringRequestMatchers(SecurityPaths::isCsrfExempt))
        .requestCache(cache -> cache.requestCache(pagesOnly))
        .exceptionHandling(
            ex ->
                ex.authenticationEntryPoint(entryPoint)
                    .accessDeniedHandler(new AuditingAccessDeniedHandler(audit, clock)));
    if (sso.getIfAvailable() != null) {
      http.oauth2Login(
          login ->
              login
                  .loginPage("/login")
                  .failureUrl("/login?sso-error")
                  .userInfoEndpoint(
                      info ->
                          info.oidcUserService(
                              new RoleMappingOidcUserService(oidc, ssoUsers, clock))));
    }
    return http.build();
  }
}
