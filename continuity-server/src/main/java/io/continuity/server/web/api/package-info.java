/**
 * The REST API: controllers, the {@link io.continuity.server.web.api.ApiException} family other
 * modules may throw, and the global problem+json error handling.
 */
@NamedInterface("api")
package io.continuity.server.web.api;

import org.springframework.modulith.NamedInterface;
