package io.continuity.server;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.metrics.jfr.FlightRecorderApplicationStartup;

/** Starts the Continuity control plane. */
@SpringBootApplication(proxyBeanMethods = false)
public class ContinuityApplication {

  public static void main(String[] args) {
    SpringApplication application = new SpringApplication(ContinuityApplication.class);
    if (Boolean.getBoolean("continuity.startup.jfr")) {
      // each start-up step (bean creation, configuration parsing, ...) as a JFR event, to find
      // where a start spends its time (docs/performance.md, "Start-up")
      application.setApplicationStartup(new FlightRecorderApplicationStartup());
    }
    application.run(args);
  }

  /** The one clock every component reads time from (UTC), replaced by a fixed clock in tests. */
  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
