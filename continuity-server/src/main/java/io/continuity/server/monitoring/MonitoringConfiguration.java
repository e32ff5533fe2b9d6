package io.continuity.server.monitoring;

import io.continuity.connector.api.ConnectorFactories;
import io.continuity.connector.api.EnvironmentSecretResolver;
import io.continuity.server.inventory.Inventory;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the monitoring module: the store, the in-memory latest outcomes, the read side, the
 * retention job, the prober lease, and (when {@code continuity.monitoring.enabled}, the default)
 * the polling engine with its watchdog, which probes only while this instance holds the lease.
 * Connectors are found with {@link java.util.ServiceLoader}.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(MonitoringProperties.class)
class MonitoringConfiguration {

  @Bean
  ObservationRepository observationRepository(JdbcClient jdbc) {
    return new ObservationRepository(jdbc);
  }

  @Bean
  StatusOutcomeRepository statusOutcomeRepository(JdbcClient jdbc) {
    return new StatusOutcomeRepository(jdbc);
  }

  @Bean
  LatestOutcomes latestOutcomes(StatusOutcomeRepository outcomes) {
    LatestOutcomes latest = new LatestOutcomes();
    latest.load(outcomes.findAll());
    return latest;
  }

  /** The core's status rules per tier: for the probes, the watchdog and the read-time judge. */
  @Bean
  TierEvaluators tierEvaluators(MonitoringProperties properties, Clock clock) {
    return new TierEvaluators(properties, clock);
  }

  /** What every reader of an outcome goes through: judged against the clock when read. */
  @Bean
  ReadTimeJudge readTimeJudge(LatestOutcomes latest, TierEvaluators evaluators, Clock clock) {
    return new ReadTimeJudge(latest, evaluators, clock);
  }

  @Bean
  ResourceMetrics resourceMetrics(MeterRegistry registry, Clock clock, ReadTimeJudge judge) {
    return new ResourceMetrics(registry, clock, judge);
  }

  /**
   * This instance's hold on the prober lease. Its name is {@code continuity.execution.instance-id}
   * when set (one name for both leases); otherwise the host name and a random suffix.
   */
  @Bean
  ProbeLeadership probeLeadership(
      JdbcClient jdbc,
      MonitoringProperties properties,
      Clock clock,
      @Value("${continuity.execution.instance-id:}") String instanceId) {
    return new ProbeLeadership(
        new MonitoringLeaseRepository(jdbc),
        InstanceNames.orGenerated(instanceId),
        properties.leaderLease(),
        clock);
  }

  @Bean
  StoreWriter storeWriter(
      ObservationRepository observations,
      StatusOutcomeRepository outcomes,
      PlatformTransactionManager transactions,
      ProbeLeadership leadership) {
    return new StoreWriter(
        observations,
        outcomes,
        new TransactionTemplate(transactions),
        leadership,
        leadership.owner());
  }

  @Bean
  StatusRecorder statusRecorder(
      MonitoringProperties properties,
      Clock clock,
      StoreWriter store,
      LatestOutcomes latest,
      ResourceMetrics metrics,
      ApplicationEventPublisher events) {
    return new StatusRecorder(properties, clock, store, latest, metrics, events);
  }

  @Bean
  StoreFollower storeFollower(
      Inventory inventory,
      StatusOutcomeRepository outcomes,
      ObservationRepository observations,
      LatestOutcomes latest,
      ResourceMetrics metrics) {
    return new StoreFollower(inventory, outcomes, observations, latest, metrics);
  }

  @Bean
  MonitoringStatus monitoringStatus(
      Inventory inventory,
      ReadTimeJudge judge,
      Clock clock,
      ProbeLeadership leadership,
      StoreFollower follower) {
    return new MonitoringStatus(inventory, judge, clock, leadership::leads, follower::read);
  }

  @Bean
  ObservationHistory observationHistory(ObservationRepository observations) {
    return new ObservationHistory(observations);
  }

  @Bean
  ReadinessHistory readinessHistory(
      JdbcClient jdbc,
      javax.sql.DataSource dataSource,
      org.springframework.transaction.PlatformTransactionManager transactions,
      MonitoringProperties properties,
      Clock clock) {
    org.springframework.jdbc.core.JdbcTemplate batches =
        new org.springframework.jdbc.core.JdbcTemplate(dataSource);
    batches.setFetchSize(5000);
    org.springframework.transaction.support.TransactionTemplate readOnly =
        new org.springframework.transaction.support.TransactionTemplate(transactions);
    readOnly.setReadOnly(true);
    return new ReadinessHistory(
        new ReadinessHistoryRepository(jdbc, JdbcClient.create(batches), readOnly),
        properties,
        clock);
  }

  @Bean
  ObservationRetention observationRetention(
      ObservationRepository observations,
      StatusOutcomeRepository outcomes,
      MonitoringProperties properties,
      Clock clock,
      org.springframework.beans.factory.ObjectProvider<HistoryRollup> rollups) {
    return new ObservationRetention(
        observations, outcomes, properties.retention(), clock, rollups.orderedStream().toList());
  }

  @Bean
  ProberTakeovers proberTakeovers(MeterRegistry registry, Clock clock) {
    return new ProberTakeovers(registry, clock);
  }

  /** The {@code prober} detail of {@code /actuator/health}. */
  @Bean
  ProberHealth proberHealthIndicator(ProbeLeadership leadership, ProberTakeovers takeovers) {
    return new ProberHealth(leadership, takeovers);
  }

  /** The connectors installed on the class path ({@code META-INF/services}), by platform. */
  @Bean
  ConnectorFactories connectorFactories() {
    return ConnectorFactories.load(MonitoringConfiguration.class.getClassLoader());
  }

  /** Shared by the probes and the execution engine (a connector may probe while a step runs). */
  @Bean
  ConnectorRegistry connectorRegistry(ConnectorFactories factories) {
    return new ConnectorRegistry(factories, EnvironmentSecretResolver.system());
  }

  @Bean
  @ConditionalOnProperty(
      name = "continuity.monitoring.enabled",
      havingValue = "true",
      matchIfMissing = true)
  MonitoringEngine monitoringEngine(
      Inventory inventory,
      StatusRecorder recorder,
      ResourceMetrics metrics,
      LatestOutcomes latest,
      MonitoringProperties properties,
      ConnectorRegistry connectors,
      Clock clock,
      ProbeLeadership leadership,
      StoreFollower follower,
      StoreWriter writer,
      ProberTakeovers takeovers) {
    MonitoringExecutors executors = new MonitoringExecutors(properties.poolSize());
    ProbeScheduler scheduler =
        new ProbeScheduler(
            inventory, connectors, recorder, metrics, latest, properties, clock, executors);
    StalenessWatchdog watchdog = new StalenessWatchdog(inventory, latest, recorder, clock);
    return new MonitoringEngine(
        scheduler,
        watchdog,
        executors,
        properties,
        leadership,
        follower,
        writer,
        takeovers,
        latest);
  }
}
