package io.continuity.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Starts the Continuity control plane. */
@SpringBootApplication
public class ContinuityApplication {

  public static void main(String[] args) {
    SpringApplication.run(ContinuityApplication.class, args);
  }
}
