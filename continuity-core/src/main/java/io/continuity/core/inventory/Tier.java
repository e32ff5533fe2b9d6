package io.continuity.core.inventory;

/** How critical a resource or group is; tier 1 is the most critical. */
public enum Tier {
  TIER_1(1),
  TIER_2(2);

  private final int number;

  Tier(int number) {
    this.number = number;
  }

  public int number() {
    return number;
  }

  /**
   * The tier with this number.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static Tier of(int number) {
    for (Tier tier : values()) {
      if (tier.number == number) {
        return tier;
      }
    }
    throw new IllegalArgumentException("tier must be 1 or 2, not " + number);
  }
}
