package io.continuity.server.monitoring;

import io.continuity.core.status.Observation;
import io.continuity.core.status.StatusOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes observations, outcomes and status changes to the store in batches on one thread: one
 * transaction (one commit) per batch instead of one per probe, so probe workers never wait for the
 * store and the per-probe cost stays small at scale. Writes keep their order. The queue is bounded:
 * when the store falls that far behind, new writes are dropped and counted rather than exhausting
 * memory (the in-memory status stays correct). Each batch's transaction first asks the {@link
 * Fence} (the prober lease) and writes nothing when this instance no longer probes.
 */
final class StoreWriter implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StoreWriter.class);
  private static final int CAPACITY = 100_000;
  private static final int BATCH = 500;

  private final ObservationRepository observations;
  private final StatusOutcomeRepository outcomes;
  private final TransactionTemplate transactions;
  private final Fence fence;
  private final String prober;
  private final BlockingQueue<Write> queue = new LinkedBlockingQueue<>(CAPACITY);
  private final AtomicLong dropped = new AtomicLong();
  private final Thread thread;
  private volatile boolean open = true;

  /**
   * @param fence checked first in every batch's transaction
   * @param prober this instance's name, stored with every observation
   */
  StoreWriter(
      ObservationRepository observations,
      StatusOutcomeRepository outcomes,
      TransactionTemplate transactions,
      Fence fence,
      String prober) {
    this.observations = observations;
    this.outcomes = outcomes;
    this.transactions = transactions;
    this.fence = fence;
    this.prober = prober;
    this.thread = new Thread(this::loop, "continuity-store-writer");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /**
   * Queues one evaluation's writes.
   *
   * @param observation stored when present
   * @param change the previous outcome when status or visibility changed (a change row is written)
   */
  void submit(
      Optional<Observation> observation,
      StatusOutcome outcome,
      Optional<Optional<StatusOutcome>> change) {
    if (!queue.offer(new Write(observation, outcome, change))) {
      long count = dropped.incrementAndGet();
      if (count == 1 || count % 1000 == 0) {
        log.warn("the state store is falling behind: {} monitoring writes dropped so far", count);
      }
    }
  }

  /** Writes dropped because the queue was full. */
  long dropped() {
    return dropped.get();
  }

  private void loop() {
    List<Write> batch = new ArrayList<>(BATCH);
    while (open || !queue.isEmpty()) {
      try {
        Write first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, BATCH - 1);
        write(batch);
      } catch (InterruptedException e) {
        open = false;
      } catch (RuntimeException e) {
        log.error("storing {} monitoring writes failed; they are lost", batch.size(), e);
      } finally {
        batch.clear();
      }
    }
  }

  private void write(List<Write> batch) {
    transactions.executeWithoutResult(
        tx -> {
          if (!fence.holds()) {
            log.warn(
                "{} monitoring writes not stored: this instance no longer probes", batch.size());
            return;
          }
          for (Write w : batch) {
            OptionalLong observationId =
                w.observation.isPresent()
                    ? OptionalLong.of(observations.insert(w.observation.get(), prober))
                    : OptionalLong.empty();
            outcomes.save(w.outcome, observationId);
            w.change.ifPresent(previous -> outcomes.insertChange(previous, w.outcome));
          }
        });
  }

  /** Stops taking writes and stores what is queued (waits up to 5 s). */
  @Override
  public void close() {
    open = false;
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Whether this instance may still write (checked in the write transaction). */
  @FunctionalInterface
  interface Fence {
    boolean holds();
  }

  private record Write(
      Optional<Observation> observation,
      StatusOutcome outcome,
      Optional<Optional<StatusOutcome>> change) {}
}
