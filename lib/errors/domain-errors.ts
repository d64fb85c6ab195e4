/**
 * What went wrong, said in the domain's words. Lib code throws these; the HTTP
 * edge (lib/http/errors.ts) is the one place that turns a kind into a
 * status, so no module below app/ knows about HTTP.
 */
export type DomainErrorKind = "invalid" | "unauthenticated" | "forbidden" | "not_found" | "conflict" | "unavailable" | "too_many" | "gone";

/**
 * Marks a DomainError wherever its class was loaded from. Code that runs in the custom
 * server (the platform adapters, the live floor) loads its own copy of this module
 * beside the one in Next's bundle where routes catch, and `instanceof` fails across the
 * two copies: such an error answered 500 instead of its kind's status. A symbol from
 * the global registry is the same in both.
 */
const DOMAIN_ERROR = Symbol.for("cc-supervisor/DomainError");

export class DomainError extends Error {
  readonly [DOMAIN_ERROR] = true;
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The request or input is malformed: the message says which part and why. */
export class InvalidInput extends DomainError {
  constructor(message: string) {
    super("invalid", message);
  }
}

export class Unauthenticated extends DomainError {
  constructor(message = "sign in first") {
    super("unauthenticated", message);
  }
}

export class Forbidden extends DomainError {
  constructor(what: string) {
    super("forbidden", `your role may not ${what}`);
  }
}

/** Refused for where the request came from, not for who sent it (a mutation another site caused). */
export class CrossSite extends DomainError {
  constructor(message: string) {
    super("forbidden", message);
  }
}

export class NotFound extends DomainError {
  constructor(what: string) {
    super("not_found", `${what} not found`);
  }
}

/**
 * An id outside the caller's scope (lib/auth/scope-access.ts). Said exactly as
 * "not found", naming nothing, so a scoped user cannot tell an id that exists
 * elsewhere in the centre from one that does not exist.
 */
export class OutOfScope extends DomainError {
  constructor() {
    super("not_found", "not found");
  }
}

/** An edit lost a race or was based on an old version; `currentVersion` is what the editor should reload. */
export class Conflict extends DomainError {
  constructor(
    message: string,
    readonly currentVersion?: number,
  ) {
    super("conflict", message);
  }
}

/** A part the request needs (the store, the live floor, the platform) is not there right now. */
export class Unavailable extends DomainError {
  constructor(message: string) {
    super("unavailable", message);
  }
}

/** The caller holds as many of something (open live streams) as one may; the message says what to close. */
export class TooMany extends DomainError {
  constructor(message: string) {
    super("too_many", message);
  }
}

/** It existed and was removed on purpose (a recording's audio past its queue's retention); the message says why and when. */
export class Gone extends DomainError {
  constructor(message: string) {
    super("gone", message);
  }
}

/** Whether `e` is a DomainError from any copy of this module (see DOMAIN_ERROR). */
export function isDomainError(e: unknown): e is DomainError {
  return typeof e === "object" && e !== null && (e as { [DOMAIN_ERROR]?: unknown })[DOMAIN_ERROR] === true;
}
