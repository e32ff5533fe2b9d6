package io.continuity.server.security;

import io.continuity.core.identity.Role;
import io.continuity.server.audit.AuditTrail;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
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
 *
 * <p>Every sign-in attempt passes the {@link SignInThrottleFilter} first; every response carries a
 * strict Content-Security-Policy, {@code Referrer-Policy: same-origin}, a Permissions-Policy and,
 * over TLS (directly or through a trusted proxy, {@link TrustedProxies}), HSTS (decision 017).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({
  ContinuitySecurityProperties.class,
  OidcProperties.class,
  ThrottleProperties.class
})
class SecurityConfiguration {

  /**
   * What pages may load: scripts, styles, images and connections from this origin only (the
   * console's own files and its WebJars), no inline script or style, no plugins, no framing, forms
   * posting only here.
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self';"
          + " form-action 'self'; frame-ancestors 'none'";

  /** Browser features the console never uses, switched off for it and anything it might embed. */
  static final String PERMISSIONS_POLICY =
      "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(),"
          + " display-capture=(), fullscreen=(self)";

  /**
   * No Micrometer observation per security filter, authentication and authorization: with the
   * actuator present Spring Security would open and close one for each of its filters on every
   * request, which is most of what an authenticated status call costs beyond the read itself (issue
   * 15). The request itself is still observed ({@code http.server.requests}), and sign-ins are on
   * the audit trail.
   */
  @Bean
  SecurityObservationSettings securityObservationSettings() {
    return SecurityObservationSettings.noObservations();
  }

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
      SsoUserRepository ssoUsers,
      SignInThrottle throttle)
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
                    .requestMatchers("/api/v1/auth/methods", "/api/v1/tokens/cli-exchange")
                    .permitAll()
                    .requestMatchers("/actuator/**")
                    .hasRole(Role.ADMIN.name())
                    .requestMatchers("/api/**")
                    .hasAnyRole(SecurityRoles.names())
                    .anyRequest()
                    .authenticated())
        .addFilterBefore(
            new SignInThrottleFilter(throttle), UsernamePasswordAuthenticationFilter.class)
        .addFilterBefore(
            new ApiTokenFilter(apiTokens, directory, entryPoint, throttle),
            BasicAuthenticationFilter.class)
        .httpBasic(basic -> basic.realmName("continuity").authenticationEntryPoint(entryPoint))
        .formLogin(form -> form.loginPage("/login").permitAll())
        .logout(logout -> logout.deleteCookies("JSESSIONID"))
        .headers(
            headers ->
                headers
                    .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                    .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                    .permissionsPolicyHeader(permissions -> permissions.policy(PERMISSIONS_POLICY))
                    .httpStrictTransportSecurity(
                        hsts -> hsts.maxAgeInSeconds(31_536_000).includeSubDomains(true)))
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
