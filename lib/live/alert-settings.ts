/**
 * When the wallboard raises an alert (alerts.ts). Admins set them for the whole
 * centre (/wallboard/alerts); until they do, the defaults below apply. A limit of 0
 * turns that alert off. Plain types: the wallboard's browser code reads them.
 */
export type AlertSettings = {
  /** An agent in not-ready for at least this many seconds. */
  notReadyMaxS: number;
  /** An agent in after-call work for at least this many seconds. */
  afterCallWorkMaxS: number;
  /** A caller waiting in a queue for at least this many seconds. */
  waitingMaxS: number;
  /** A queue whose service level today is below its target. */
  targetBreach: boolean;
};

/** A quarter of an hour away, two minutes of wrap-up, two minutes in the queue: common first settings. */
export const DEFAULT_ALERT_SETTINGS: AlertSettings = Object.freeze({ notReadyMaxS: 900, afterCallWorkMaxS: 120, waitingMaxS: 120, targetBreach: true });

export const ALERT_LIMIT_MAX_S = 86_400;
