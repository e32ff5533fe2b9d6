package io.continuity.connector.api;

/**
 * The checks every connector makes before planning an operation, in one place so every platform
 * refuses the same requests with the same words.
 */
public final class OperationRequests {

  private OperationRequests() {}

  /**
   * Refuses a request this connector cannot plan: its capability is unavailable for this
   * configuration, its target is not a configured site, or it is a failback whose target is not the
   * site configured as primary.
   *
   * @return the configured site the request targets
   * @throws ConnectorException (not retriable) saying what is wrong and what to use instead
   */
  public static SiteEndpoint requirePlannable(
      OperationRequest request, Capabilities capabilities, ConnectorConfig config)
      throws ConnectorException {
    CapabilityStatus status = capabilities.status(request.type().requiredCapability());
    if (!status.available()) {
      throw ConnectorException.permanent(
          request.type() + " is unavailable for " + config.resourceId() + ": " + status.reason());
    }
    String target = request.targetSite();
    SiteEndpoint site =
        config
            .site(target)
            .orElseThrow(
                () ->
                    ConnectorException.permanent(
                        "target site '"
                            + target
                            + "' is not a site of "
                            + config.resourceId()
                            + ": use one of "
                            + config.sites().stream().map(SiteEndpoint::name).toList()));
    if (request.type() == OperationType.FAILBACK && site.role() != SiteRole.PRIMARY) {
      String configuredPrimary =
          config.siteWithRole(SiteRole.PRIMARY).map(SiteEndpoint::name).orElse("(none)");
      throw ConnectorException.permanent(
          "a failback returns the primary role to the configured primary: target "
              + configuredPrimary);
    }
    return site;
  }
}
