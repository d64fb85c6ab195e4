/** Where the dashboard's period ends: the next whole hour, so its query key holds still while a page stays open. */
export function dashboardPeriodEnd(now = Date.now()): number {
  return Math.ceil(now / 3_600_000) * 3_600_000;
}
