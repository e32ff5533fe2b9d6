package io.continuity.server.support;

import io.continuity.connector.api.ConnectorFactories;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Test-only, inert unless {@code continuity.test.step-hooks} is set: lets a test do something to
 * the real world (stop a server, cut a network) just before a connector runs a given step, once, so
 * that the real step then fails for a real reason. Everything else goes to the real connector
 * unchanged, the recovery plans included.
 */
@Component
@ConditionalOnProperty("continuity.test.step-hooks")
public class BeforeStepHooks implements BeanPostProcessor {

  private static final Map<String, Runnable> HOOKS = new ConcurrentHashMap<>();

  /** Runs {@code hook} once, just before the next run of step {@code stepId} by any connector. */
  public static void onceBefore(String stepId, Runnable hook) {
    HOOKS.put(stepId, hook);
  }

  /** Forgets every hook not run yet. */
  public static void clear() {
    HOOKS.clear();
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof ConnectorFactories factories) {
      return InterceptedConnectors.wrap(
          factories,
          (step, real) -> {
            Runnable hook = HOOKS.remove(step.id());
            if (hook != null) {
              hook.run();
            }
            return real.run();
          });
    }
    return bean;
  }
}
