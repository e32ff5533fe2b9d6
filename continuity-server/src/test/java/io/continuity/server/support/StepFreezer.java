package io.continuity.server.support;

import io.continuity.connector.api.ConnectorFactories;
import io.continuity.connector.api.StepResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Test-only, inert unless {@code continuity.test.freeze-dir} is set: in a server process started
 * from the test class path, when the file {@code <freeze-dir>/freeze-at} names a step id, every
 * connector runs that step for real and then, before the engine can record its outcome, writes
 * {@code <freeze-dir>/<step>.reached} and blocks. The test waits for that file and kills the
 * process with SIGKILL: the worst moment of a crash, the step's effect done and its outcome unknown
 * to the store.
 */
@Component
@ConditionalOnProperty("continuity.test.freeze-dir")
public class StepFreezer implements BeanPostProcessor {

  private final Path dir;

  StepFreezer(Environment environment) {
    this.dir = Path.of(environment.getRequiredProperty("continuity.test.freeze-dir"));
  }

  /** Makes the servers using {@code dir} freeze after {@code stepId} (replacing any earlier). */
  public static void freezeAfter(Path dir, String stepId) throws IOException {
    Files.writeString(dir.resolve("freeze-at"), stepId);
  }

  /** No more freezing; forgets the step reached. */
  public static void thaw(Path dir, String stepId) throws IOException {
    Files.deleteIfExists(dir.resolve("freeze-at"));
    Files.deleteIfExists(reachedFile(dir, stepId));
  }

  /** Where a frozen server process says it has reached {@code stepId}. */
  public static Path reachedFile(Path dir, String stepId) {
    return dir.resolve(stepId + ".reached");
  }

  private boolean freezesAfter(String stepId) {
    try {
      Path file = dir.resolve("freeze-at");
      return Files.exists(file) && Files.readString(file).strip().equals(stepId);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof ConnectorFactories factories) {
      return InterceptedConnectors.wrap(
          factories,
          (step, real) -> {
            StepResult result = real.run();
            if (freezesAfter(step.id())) {
              freeze(step.id(), result);
            }
            return result;
          });
    }
    return bean;
  }

  private void freeze(String stepId, StepResult result) {
    try {
      Files.writeString(reachedFile(dir, stepId), result.outcome() + "\n" + result.output());
      Thread.sleep(Long.MAX_VALUE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
