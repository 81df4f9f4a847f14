package dev.retort;

/**
 * What Retort hands a {@link JavaMigration} besides its connection: where to report progress of
 * long work, which reaches the {@link RetortListener} of the run (the CLI prints it).
 *
 * @param listener the run's listener; never null
 */
public record MigrationContext(RetortListener listener) {
  /** A context that reports nowhere, for migrations run outside Retort. */
  public static final MigrationContext NONE = new MigrationContext(RetortListener.NONE);

  public MigrationContext {
    listener = listener == null ? RetortListener.NONE : listener;
  }
}
