package io.continuity.server.approval;

import io.continuity.core.approval.ApprovalPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Provides the {@link ApprovalPolicy} new execution requests are judged by: the core defaults with
 * the overrides of {@link ApprovalPolicyProperties}. A request freezes the policy it was created
 * under, so changing it affects new requests only. A bad value stops the start with a message
 * naming it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApprovalPolicyProperties.class)
class ApprovalPolicyConfiguration {

  private static final Logger log = LoggerFactory.getLogger(ApprovalPolicyConfiguration.class);

  @Bean
  ApprovalPolicy approvalPolicy(ApprovalPolicyProperties properties) {
    ApprovalPolicy policy = properties.toPolicy();
    log.info(
        "Approval policy: approvals required {}, change ticket required for {}, approval window"
            + " {}, start window {}",
        policy.approvalsRequired(),
        policy.changeTicketRequired(),
        policy.pendingApprovalTtl(),
        policy.approvedNotStartedTtl());
    return policy;
  }
}
