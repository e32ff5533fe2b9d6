/**
 * What every connector shares and none should copy (issue 11): {@link
 * io.continuity.connector.support.HostActionRunner} with its environment contract, {@link
 * io.continuity.connector.support.StepRouter} (step id → handler, unknown ids refused), {@link
 * io.continuity.connector.support.StandardStepIds} so every connector names the same moves the same
 * way, {@link io.continuity.connector.support.SettingsReader} for typed settings with errors that
 * name the setting, and {@link io.continuity.connector.support.Deadline} for polling. Plain Java:
 * depends on the SPI and the JDK only.
 */
package io.continuity.connector.support;
