package io.continuity.server.store;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * On a PostgreSQL store, every pooled connection sets {@code idle_in_transaction_session_timeout}
 * (see {@link StoreProperties#idleInTransactionTimeout()}), unless the operator gave the pool an
 * init SQL of their own. Without it, an instance frozen (SIGSTOP, a VM pause) inside a transaction
 * kept its row locks for as long as it stayed frozen, and the survivor waited on the prober lease's
 * row instead of taking over. H2 is embedded in one process and is left alone.
 */
@Component
class FrozenSessionGuard implements BeanPostProcessor, EnvironmentAware {

  private StoreProperties properties;

  @Override
  public void setEnvironment(Environment environment) {
    this.properties =
        Binder.get(environment)
            .bind("continuity.store", StoreProperties.class)
            .orElseGet(() -> new StoreProperties(false, java.time.Duration.ofSeconds(5)));
  }

  @Override
  public Object postProcessBeforeInitialization(Object bean, String beanName) {
    if (bean instanceof HikariDataSource pool
        && pool.getJdbcUrl() != null
        && pool.getJdbcUrl().startsWith("jdbc:postgresql:")
        && pool.getConnectionInitSql() == null) {
      pool.setConnectionInitSql(initSql(properties));
    }
    return bean;
  }

  static String initSql(StoreProperties properties) {
    return "set idle_in_transaction_session_timeout = "
        + Math.max(1, properties.idleInTransactionTimeout().toMillis());
  }
}
