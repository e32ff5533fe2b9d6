package io.continuity.server.report;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Readiness reports, the drill policy and the weekly report e-mail. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReadinessProperties.class)
class ReportConfiguration {}
