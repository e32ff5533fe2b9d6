package io.continuity.connector.api;

/** A secret reference could not be resolved; the message names the reference, never a value. */
public class SecretUnavailableException extends Exception {

  public SecretUnavailableException(SecretRef ref, String why) {
    super("secret " + ref + " is not available: " + why);
  }
}
