package io.continuity.server.execution;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the execution engine: its properties, this instance's leases and the fenced step log. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ExecutionEngineProperties.class)
class ExecutionEngineConfiguration {

  @Bean
  ExecutionLeases executionLeases(
      ExecutionLeaseRepository repository, ExecutionEngineProperties properties, Clock clock) {
    return new ExecutionLeases(
        repository, instanceId(properties), properties.leaseDuration(), clock);
  }

  @Bean
  StepLog stepLog(
      StepLogRepository repository,
      ExecutionLeases leases,
      PlatformTransactionManager transactions) {
    return new StepLog(repository, leases, new TransactionTemplate(transactions));
  }

  private static String instanceId(ExecutionEngineProperties properties) {
    if (properties.instanceId() != null && !properties.instanceId().isBlank()) {
      return properties.instanceId();
    }
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      host = "unknown-host";
    }
    byte[] suffix = new byte[4];
    new SecureRandom().nextBytes(suffix);
    return host + "-" + HexFormat.of().formatHex(suffix);
  }
}
