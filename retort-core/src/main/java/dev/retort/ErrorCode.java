package dev.retort;

/**
 * Stable codes for every failure Retort reports. The CLI maps them to exit codes, which are API:
 * scripts, CI jobs and readiness probes branch on them.
 */
public enum ErrorCode {
  /** A command line or API call that makes no sense (unknown option, bad value). */
  USAGE(2),
  /** retort.toml missing or wrong, unknown profile, missing setting. */
  CONFIG(2),
  /** A migration file that does not parse, or a Java migration that cannot be loaded. */
  MIGRATION_SOURCE(2),
  /** The revision graph is broken: cycle, duplicate id, missing parent, several heads. */
  GRAPH(2),
  /** A target (head, base, id, +N, -N) that names no revision or more than one. */
  TARGET(2),
  /** A statement of a migration failed; that migration was rolled back where the database can. */
  MIGRATION_FAILED(1),
  /** A migration failed half-way on a database without transactional DDL; upgrade is blocked. */
  PARTIAL_MIGRATION(1),
  /** The database could not be reached or answered with an error outside a migration. */
  DATABASE(1),
  /** Another process holds the migration lock for longer than the configured wait. */
  LOCK_TIMEOUT(1),
  /** Check-style commands: migrations are pending. */
  PENDING(3),
  /**
   * Check-style commands: applied migrations differ from the files (checksum, missing, unknown).
   */
  VALIDATION(4),
  /** Check-style commands: the live schema differs from the one its migrations produce. */
  DRIFT(5),
  /** A bug in Retort: anything we did not expect. */
  INTERNAL(1);

  private final int exitCode;

  ErrorCode(int exitCode) {
    this.exitCode = exitCode;
  }

  /** The process exit code the CLI uses for this failure. */
  public int exitCode() {
    return exitCode;
  }

  /** True where the user can fix the cause; the CLI prints one line and no stack trace. */
  public boolean isUserError() {
    return this != INTERNAL;
  }
}
