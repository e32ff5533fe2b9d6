package io.continuity.server.store;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Refuses to start the server on a store that could forget acknowledged transactions (see {@link
 * CommitDurability}), unless the operator opted out for a throw-away test store, which is logged as
 * a warning. It reads the setting the database actually uses, not the URL text, so no spelling of
 * the URL can slip past it.
 */
@Component
@EnableConfigurationProperties(StoreProperties.class)
class StoreDurabilityCheck implements InitializingBean {

  private static final Logger log = LoggerFactory.getLogger(StoreDurabilityCheck.class);

  private final StoreSettingsRepository store;
  private final StoreProperties properties;

  StoreDurabilityCheck(StoreSettingsRepository store, StoreProperties properties) {
    this.store = store;
    this.properties = properties;
  }

  @Override
  public void afterPropertiesSet() throws Exception {
    StoreSettingsRepository.StoreSettings settings = store.read();
    Optional<String> refusal =
        CommitDurability.refusal(
            settings.product(), settings.writeDelayMillis(), settings.persistent());
    if (refusal.isEmpty()) {
      return;
    }
    if (properties.allowDelayedCommits()) {
      log.warn("State store NOT durable at commit (allowed by configuration): {}", refusal.get());
      return;
    }
    throw new IllegalStateException("Refusing to start: " + refusal.get());
  }
}
