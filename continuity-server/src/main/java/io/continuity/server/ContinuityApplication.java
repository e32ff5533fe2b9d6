package io.continuity.server;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** Starts the Continuity control plane. */
@SpringBootApplication
public class ContinuityApplication {

  public static void main(String[] args) {
    SpringApplication.run(ContinuityApplication.class, args);
  }

  /** The one clock every component reads time from (UTC), replaced by a fixed clock in tests. */
  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
