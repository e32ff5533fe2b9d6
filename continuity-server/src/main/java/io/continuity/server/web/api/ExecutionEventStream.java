package io.continuity.server.web.api;

import io.continuity.server.audit.AuditPage;
import io.continuity.server.audit.AuditQuery;
import io.continuity.server.audit.AuditRecord;
import io.continuity.server.audit.AuditTrail;
import io.continuity.server.execution.ExecutionRequests;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Streams an execution's audit trail as server-sent events: first every event recorded so far, then
 * new ones as they are appended (polled every {@link #POLL}), until the request has ended. Reading
 * the shared audit trail, not an in-memory bus, means any instance can serve the stream of a run
 * another instance executes. Event name = audit type (STEP_STARTED, STEP_COMPLETED, STEP_FAILED,
 * EXECUTION_STARTED, EXECUTION_SUCCEEDED, ...), id = audit sequence number.
 */
@Component
public class ExecutionEventStream implements DisposableBean {

  static final Duration POLL = Duration.ofMillis(300);
  static final Duration TIMEOUT = Duration.ofMinutes(30);

  private final AuditTrail audit;
  private final ExecutionRequests requests;
  private final ScheduledExecutorService poller =
      Executors.newScheduledThreadPool(
          1,
          r -> {
            Thread thread = new Thread(r, "execution-events");
            thread.setDaemon(true);
            return thread;
          });

  public ExecutionEventStream(AuditTrail audit, ExecutionRequests requests) {
    this.audit = audit;
    this.requests = requests;
  }

  SseEmitter open(String executionId) {
    SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
    AtomicLong sent = new AtomicLong();
    AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
    Runnable poll =
        () -> {
          try {
            boolean ended =
                requests.find(executionId).map(r -> r.state().isTerminal()).orElse(true);
            for (int number = 0; ; number++) {
              AuditPage page =
                  audit.find(
                      new AuditQuery(
                          executionId, null, null, null, null, number, AuditQuery.MAX_SIZE));
              for (AuditRecord record : page.items()) {
                if (record.seq() > sent.get()) {
                  emitter.send(
                      SseEmitter.event()
                          .id(String.valueOf(record.seq()))
                          .name(record.type())
                          .data(payload(record), MediaType.APPLICATION_JSON));
                  sent.set(record.seq());
                }
              }
              if (page.items().size() < AuditQuery.MAX_SIZE) {
                break;
              }
            }
            if (ended) {
              emitter.complete();
              cancel(task);
            }
          } catch (IOException | IllegalStateException e) {
            cancel(task);
          } catch (RuntimeException e) {
            emitter.completeWithError(e);
            cancel(task);
          }
        };
    emitter.onCompletion(() -> cancel(task));
    emitter.onTimeout(() -> cancel(task));
    task.set(poller.scheduleWithFixedDelay(poll, 0, POLL.toMillis(), TimeUnit.MILLISECONDS));
    return emitter;
  }

  private static Map<String, Object> payload(AuditRecord record) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("seq", record.seq());
    data.put("type", record.type());
    data.put("actor", record.actor());
    data.put("at", record.occurredAt().toString());
    data.put("resourceId", record.resourceId());
    data.put("reason", record.reason());
    data.put("details", record.details());
    return data;
  }

  private static void cancel(AtomicReference<ScheduledFuture<?>> task) {
    ScheduledFuture<?> future = task.get();
    if (future != null) {
      future.cancel(false);
    }
  }

  @Override
  public void destroy() {
    poller.shutdownNow();
  }
}
