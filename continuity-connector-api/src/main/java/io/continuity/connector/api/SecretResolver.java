package io.continuity.connector.api;

/** Turns a {@link SecretRef} into the secret's value at the moment a connector needs it. */
@FunctionalInterface
public interface SecretResolver {

  String resolve(SecretRef ref) throws SecretUnavailableException;
}
