package io.continuity.connector.support;

import io.continuity.connector.api.Connectivity;
import io.continuity.connector.api.ConnectorConfig;
import io.continuity.connector.api.MemberEndpoint;
import io.continuity.connector.api.PayloadSanitizer;
import io.continuity.connector.api.SiteEndpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Looks at every member of every site of a resource at once, within one deadline: a member that
 * does not answer in time is {@link Connectivity#TIMED_OUT}, one that fails is classified by the
 * connector (refused, authentication...), and neither hides the others. One per connector; closed
 * with it.
 */
public final class MemberProber implements AutoCloseable {

  /** Looks at one member; throws when it cannot be reached or read. */
  @FunctionalInterface
  public interface MemberProbe<T> {
    T probe(SiteEndpoint site, MemberEndpoint member, Deadline deadline) throws Exception;
  }

  /** What one member answered, or why it did not. */
  public record MemberAnswer<T>(
      SiteEndpoint site,
      MemberEndpoint member,
      Optional<T> value,
      Connectivity connectivity,
      String detail) {

    public boolean answered() {
      return value.isPresent();
    }
  }

  private static final Duration GRACE = Duration.ofMillis(200);

  private final ExecutorService pool;
  private final PayloadSanitizer sanitizer;

  public MemberProber(String resourceId, PayloadSanitizer sanitizer) {
    AtomicInteger count = new AtomicInteger();
    ThreadFactory threads =
        r -> {
          Thread t = new Thread(r, "probe-" + resourceId + "-" + count.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    this.pool = Executors.newCachedThreadPool(threads);
    this.sanitizer = sanitizer;
  }

  /**
   * Probes every member of every site of {@code config} in parallel.
   *
   * @param classify turns a member's failure into its connectivity (for example a login failure
   *     into {@link Connectivity#AUTH_FAILED}); everything else is UNREACHABLE
   * @return one answer per member, in configuration order
   */
  public <T> List<MemberAnswer<T>> probeAll(
      ConnectorConfig config,
      Duration timeout,
      MemberProbe<T> probe,
      Function<Exception, Connectivity> classify) {
    return probeAll(config.sites(), timeout, probe, classify);
  }

  /** Probes every member of the given sites (a connector's own resolved view of its sites). */
  public <T> List<MemberAnswer<T>> probeAll(
      List<SiteEndpoint> siteList,
      Duration timeout,
      MemberProbe<T> probe,
      Function<Exception, Connectivity> classify) {
    Deadline deadline = Deadline.in(timeout);
    List<SiteEndpoint> sites = new ArrayList<>();
    List<MemberEndpoint> members = new ArrayList<>();
    List<Future<T>> futures = new ArrayList<>();
    for (SiteEndpoint site : siteList) {
      for (MemberEndpoint member : site.members()) {
        sites.add(site);
        members.add(member);
        futures.add(pool.submit(() -> probe.probe(site, member, deadline)));
      }
    }
    List<MemberAnswer<T>> answers = new ArrayList<>();
    for (int i = 0; i < futures.size(); i++) {
      answers.add(await(sites.get(i), members.get(i), futures.get(i), deadline, classify));
    }
    return answers;
  }

  private <T> MemberAnswer<T> await(
      SiteEndpoint site,
      MemberEndpoint member,
      Future<T> future,
      Deadline deadline,
      Function<Exception, Connectivity> classify) {
    try {
      T value = future.get(deadline.remaining().plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
      return new MemberAnswer<>(
          site, member, Optional.ofNullable(value), Connectivity.REACHABLE, "");
    } catch (TimeoutException e) {
      future.cancel(true);
      return new MemberAnswer<>(
          site, member, Optional.empty(), Connectivity.TIMED_OUT, "no answer within the timeout");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(true);
      return new MemberAnswer<>(
          site, member, Optional.empty(), Connectivity.TIMED_OUT, "probe interrupted");
    } catch (ExecutionException e) {
      Exception cause =
          e.getCause() instanceof Exception ex ? ex : new IllegalStateException(e.getCause());
      Connectivity connectivity = classify.apply(cause);
      return new MemberAnswer<>(
          site,
          member,
          Optional.empty(),
          connectivity == null || connectivity.isReachable()
              ? Connectivity.UNREACHABLE
              : connectivity,
          sanitizer.sanitizeText(
              cause.getClass().getSimpleName()
                  + (cause.getMessage() == null ? "" : ": " + cause.getMessage())));
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
