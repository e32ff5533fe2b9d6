package io.continuity.lab.snowflake;

import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-process fake of a Snowflake organization holding one failover group replicated between
 * accounts (brief §4.3), each account behind its own JDK HTTP server speaking the SQL API v2
 * ({@link FakeAccount}). State: which account is primary (one pointer, so two primaries cannot
 * exist, as in Snowflake), per account its refresh history, schedule state, disabled users and
 * "data" (the commit times of acknowledged writes), and refresh jobs that walk the documented
 * phases on a timer. Modelled from:
 *
 * <ul>
 *   <li>[doc] sql-reference/functions/replication_group_refresh_history — phases in order (with
 *       SECONDARY_COMMITTING from the 2025_05 bundle, bcr-2043), END_TIME NULL while running,
 *       PRIMARY_SNAPSHOT_TIMESTAMP "when the primary snapshot was created", ERROR NULL on success;
 *   <li>[doc] user-guide/account-replication-intro — a secondary is a point-in-time copy: a refresh
 *       copies the primary's state at its snapshot time, applied when it commits;
 *   <li>[doc] user-guide/account-replication-failover-failback — PRIMARY promotes a secondary;
 *       "scheduled refreshes on all secondary failover groups are suspended" afterwards and RESUME
 *       must run in each target account; the former primary becomes a secondary;
 *   <li>[doc] release-notes/bcr-bundles/2026_01/bcr-2202 — SUSPEND IMMEDIATE cancels the running
 *       refresh before it returns.
 * </ul>
 *
 * Not documented, so the fake's own conservative choices (VERIFY on a real account): a REFRESH
 * while one runs is refused; PRIMARY while a refresh runs is refused; REFRESH/SUSPEND/RESUME on a
 * primary are refused; the error codes of those refusals.
 */
public final class FakeSnowflake implements AutoCloseable {

  public static final String ORG = "MYORG";
  public static final List<String> PHASES =
      List.of(
          "SECONDARY_SYNCHRONIZING_MEMBERSHIP",
          "SECONDARY_UPLOADING_INVENTORY",
          "PRIMARY_UPLOADING_METADATA",
          "PRIMARY_UPLOADING_DATA",
          "SECONDARY_DOWNLOADING_METADATA",
          "SECONDARY_DOWNLOADING_DATA",
          "SECONDARY_COMMITTING",
          "COMPLETED");

  public final String group;
  public final String database;
  public final Map<String, FakeAccount> accounts = new LinkedHashMap<>();
  private final AtomicLong clock = new AtomicLong();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "fake-snowflake-timer");
            t.setDaemon(true);
            return t;
          });
  public volatile String primaryAccount;

  /** Client Redirect: the connection object and the account serving it as primary. */
  public final String connection = "APP_CONN";

  public volatile String connectionPrimary;
  public volatile Duration phaseDuration = Duration.ofMillis(4);
  public volatile Duration syncWindow = Duration.ofMillis(300);
  public volatile Duration scheduleInterval;
  public volatile boolean replicationPaused;
  public volatile boolean failRefreshes;
  public volatile Runnable beforeJobStarts = () -> {};

  public FakeSnowflake(
      String group, String database, Duration scheduleInterval, String... accountNames)
      throws Exception {
    this.group = group;
    this.database = database;
    this.scheduleInterval = scheduleInterval;
    for (String name : accountNames) {
      accounts.put(name, new FakeAccount(this, name));
    }
    primaryAccount = accountNames[0];
    account(primaryAccount).secondaryState = "";
    connectionPrimary = primaryAccount;
    for (FakeAccount a : accounts.values()) {
      if (!a.name.equals(primaryAccount)) {
        completeInstantly(a);
      }
    }
    timer.scheduleAtFixedRate(this::tick, 2, 2, TimeUnit.MILLISECONDS);
  }

  /** Server time in epoch microseconds, strictly increasing (one clock for the organization). */
  public long nowMicros() {
    Instant now = Instant.now();
    long real = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000L;
    return clock.updateAndGet(last -> Math.max(last + 1, real));
  }

  public FakeAccount account(String name) {
    return accounts.get(name);
  }

  public synchronized boolean isPrimary(FakeAccount account) {
    return account.name.equals(primaryAccount);
  }

  /** Registers the user's public key in every account (ALTER USER … SET RSA_PUBLIC_KEY). */
  public void registerKey(String user, PublicKey key) {
    accounts.values().forEach(a -> a.registerKey(user, key));
  }

  /** Makes {@code count} acknowledged writes on the account if it takes writes now. */
  public synchronized boolean write(FakeAccount account, int count) {
    if (!takesWrites(account)) {
      return false;
    }
    for (int i = 0; i < count; i++) {
      account.data.add(nowMicros());
    }
    return true;
  }

  /** Primary, up, and its writer not disabled (the lab's quiesce disables user APP). */
  public synchronized boolean takesWrites(FakeAccount account) {
    return account.up && isPrimary(account) && !account.disabledUsers.contains("APP");
  }

  // ---- failover-group statements, called by FakeAccount under the org lock ----

  /** A refresh job of a secondary (one row of REPLICATION_GROUP_REFRESH_HISTORY). */
  public static final class Job {
    public final String uuid = UUID.randomUUID().toString();
    public final long start;
    public int phase;
    public long phaseStartedAt;
    public Long end;
    public Long snapshot;
    public String error;
    public String terminal;
    public List<Long> snapshotData;

    Job(long start) {
      this.start = start;
      this.phaseStartedAt = start;
    }

    public String phaseName() {
      return terminal != null ? terminal : PHASES.get(phase);
    }

    public boolean running() {
      return end == null;
    }
  }

  public synchronized Job startRefresh(FakeAccount secondary) {
    beforeJobStarts.run();
    Job job = new Job(nowMicros());
    secondary.history.add(0, job);
    return job;
  }

  public synchronized Job running(FakeAccount account) {
    return account.history.stream().filter(Job::running).findFirst().orElse(null);
  }

  public synchronized void promote(FakeAccount account) {
    primaryAccount = account.name;
    for (FakeAccount other : accounts.values()) {
      if (other != account) {
        other.secondaryState = "SUSPENDED";
      }
    }
    account.secondaryState = "";
  }

  public synchronized void cancel(Job job) {
    job.terminal = "CANCELED";
    job.end = nowMicros();
  }

  private void completeInstantly(FakeAccount secondary) {
    Job job = new Job(nowMicros());
    job.snapshot = nowMicros();
    job.snapshotData = new ArrayList<>(account(primaryAccount).data);
    job.phase = PHASES.size() - 1;
    job.end = nowMicros();
    secondary.data = new ArrayList<>(job.snapshotData);
    secondary.history.add(0, job);
  }

  /** Walks every running job one phase further when its phase has lasted long enough. */
  private synchronized void tick() {
    try {
      long now = nowMicros();
      for (FakeAccount account : accounts.values()) {
        for (Job job : account.history) {
          if (job.running()) {
            advance(account, job, now);
          }
        }
        scheduled(account, now);
      }
    } catch (RuntimeException e) {
      e.printStackTrace();
    }
  }

  private void advance(FakeAccount secondary, Job job, long now) {
    if (now - job.phaseStartedAt < phaseDuration.toNanos() / 1_000L) {
      return;
    }
    String next = PHASES.get(job.phase + 1);
    FakeAccount primary = account(primaryAccount);
    if (isPrimary(secondary)) {
      fail(job, now, "the group is no longer a secondary in this account");
      return;
    }
    if (next.equals("PRIMARY_UPLOADING_METADATA")) {
      if (!primary.up) {
        fail(
            job,
            now,
            "Replication failed: the primary account " + primary.name + " is unreachable");
        return;
      }
      job.snapshot = now;
      job.snapshotData = new ArrayList<>(primary.data);
    }
    if (next.equals("SECONDARY_DOWNLOADING_METADATA") && replicationPaused) {
      return;
    }
    if (next.equals("SECONDARY_DOWNLOADING_DATA") && failRefreshes) {
      fail(job, now, "Replication failed: injected failure while downloading data");
      return;
    }
    job.phase++;
    job.phaseStartedAt = now;
    if (next.equals("COMPLETED")) {
      job.end = now;
      secondary.data = new ArrayList<>(job.snapshotData);
    }
  }

  private static void fail(Job job, long now, String error) {
    job.terminal = "FAILED";
    job.error = error;
    job.end = now;
  }

  private void scheduled(FakeAccount account, long now) {
    Duration interval = scheduleInterval;
    if (interval == null
        || !account.up
        || isPrimary(account)
        || !"STARTED".equals(account.secondaryState)
        || running(account) != null) {
      return;
    }
    long last = account.history.isEmpty() ? 0 : account.history.get(0).start;
    if (now - last >= interval.toNanos() / 1_000L) {
      startRefresh(account);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    accounts.values().forEach(FakeAccount::stop);
  }
}
