package io.continuity.server.web.api;

/**
 * One reason behind a status: a stable machine {@code code} (for example {@code RPO_BREACH}), the
 * status it alone implies, a human message, and what evidence it rests on (for example {@code
 * platform marker}, {@code heartbeat}).
 */
public record ReasonView(String code, String severity, String message, String evidence) {}
