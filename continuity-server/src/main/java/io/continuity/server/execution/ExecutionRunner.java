package io.continuity.server.execution;

import io.continuity.server.audit.AuditTrail;
import io.continuity.server.inventory.ResourceRoleChanges;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs confirmed executions on bounded pools: runs (one thread per execution), wave members and
 * steps. Each run first takes the execution's lease (one runner per execution across instances) and
 * renews it every third of its duration while it runs; a run whose lease is taken stops writing. On
 * shut-down the pools are interrupted: steps in flight stay STARTED for recovery (a step that
 * failed meanwhile too, since the stop may have caused it; {@link StepInvoker}), and the runs are
 * given a few seconds to end before the store closes.
 */
@Component
public class ExecutionRunner implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(ExecutionRunner.class);
  private static final Duration STOP_PATIENCE = Duration.ofSeconds(10);

  private final ExecutionLeases leases;
  private final RunEngine engine;
  private final ThreadPoolExecutor runs;
  private final ExecutorService members;
  private final ExecutorService steps;
  private final ScheduledExecutorService renewals;
  private final Set<String> active = ConcurrentHashMap.newKeySet();

  ExecutionRunner(
      ExecutionEngineProperties properties,
      ExecutionLeases leases,
      StepLog stepLog,
      ExecutionRequests requests,
      ExecutionRunRepository runRepository,
      ExecutionPlanner planner,
      EvidenceReader evidence,
      ResourceRoleChanges roles,
      AuditTrail audit,
      PlatformTransactionManager transactions,
      Clock clock,
      RecentDoubts recentDoubts) {
    this.leases = leases;
    this.runs =
        new ThreadPoolExecutor(
            properties.runnerThreads(),
            properties.runnerThreads(),
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(100),
            named("execution-run"));
    this.members =
        Executors.newFixedThreadPool(properties.stepThreads(), named("execution-member"));
    this.steps = Executors.newFixedThreadPool(properties.stepThreads(), named("execution-step"));
    this.renewals = Executors.newSingleThreadScheduledExecutor(named("execution-lease"));
    RunRecorder recorder =
        new RunRecorder(
            requests,
            stepLog,
            leases,
            runRepository,
            audit,
            new TransactionTemplate(transactions),
            clock,
            recentDoubts::forget);
    this.engine =
        new RunEngine(
            requests,
            runRepository,
            stepLog,
            recorder,
            planner,
            new StepInvoker(steps),
            members,
            roles,
            evidence,
            clock);
  }

  /** Starts a freshly confirmed execution from its first step, if its lease can be taken. */
  public void start(String executionId) {
    submit(executionId, Optional.empty(), Map.of());
  }

  /** Runs an execution with a lease already taken, each member from its position. */
  void resume(ExecutionLease lease, Map<String, Integer> positions) {
    submit(lease.executionId(), Optional.of(lease), positions);
  }

  /** True while this instance runs the execution. */
  public boolean isActive(String executionId) {
    return active.contains(executionId);
  }

  RunRecorder recorder() {
    return engine.recorder();
  }

  ScheduledExecutorService scheduler() {
    return renewals;
  }

  private void submit(
      String executionId, Optional<ExecutionLease> taken, Map<String, Integer> positions) {
    if (!active.add(executionId)) {
      log.info("Execution {} already runs on this instance", executionId);
      return;
    }
    try {
      runs.execute(() -> runWithLease(executionId, taken, positions));
    } catch (RejectedExecutionException e) {
      active.remove(executionId);
      log.error(
          "No runner free for {} ({} queued): recovery will judge it once its lease expires",
          executionId,
          runs.getQueue().size());
    }
  }

  private void runWithLease(
      String executionId, Optional<ExecutionLease> taken, Map<String, Integer> positions) {
    ScheduledFuture<?> renewal = null;
    try {
      Optional<ExecutionLease> lease = taken.isPresent() ? taken : leases.acquire(executionId);
      if (lease.isEmpty()) {
        log.info("Execution {} is leased by another instance: it runs there", executionId);
        return;
      }
      ExecutionLease held = lease.get();
      long every = Math.max(200, leases.duration().toMillis() / 3);
      renewal =
          renewals.scheduleAtFixedRate(
              () -> {
                try {
                  if (!leases.renew(held)) {
                    log.warn(
                        "Lease of {} was taken over; the run stops at its next write", executionId);
                  }
                } catch (RuntimeException e) {
                  log.warn("Could not renew the lease of {}: {}", executionId, e.getMessage());
                }
              },
              every,
              every,
              TimeUnit.MILLISECONDS);
      new RunAttempt(engine, held, positions).run();
    } catch (RuntimeException e) {
      log.error("Runner of {} failed", executionId, e);
    } finally {
      if (renewal != null) {
        renewal.cancel(false);
      }
      active.remove(executionId);
    }
  }

  @Override
  public void destroy() throws InterruptedException {
    renewals.shutdownNow();
    runs.shutdownNow();
    members.shutdownNow();
    steps.shutdownNow();
    // The store closes after this bean: runs end their last write (a success that came in with
    // the stop) before it goes, rather than failing half-way against a closed pool.
    long deadline = System.nanoTime() + STOP_PATIENCE.toNanos();
    for (ExecutorService pool : List.of(runs, members)) {
      long left = deadline - System.nanoTime();
      if (left <= 0 || !pool.awaitTermination(left, TimeUnit.NANOSECONDS)) {
        log.warn(
            "Runner threads still busy {} after the stop: recovery judges their runs",
            STOP_PATIENCE);
        return;
      }
    }
  }

  private static java.util.concurrent.ThreadFactory named(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
