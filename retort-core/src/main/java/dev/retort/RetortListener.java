package dev.retort;

import dev.retort.plan.Step;
import java.time.Duration;

/**
 * Hears what an upgrade or downgrade does, step by step; the CLI prints from it. Every method has
 * an empty default. Called on the thread that runs the command.
 */
public interface RetortListener {
  /**
   * A step is about to run. On PostgreSQL the steps of one batch are announced together before it
   * goes out; if one of them fails, the ones after it were announced and did not run.
   */
  default void stepStarted(Step step) {}

  /**
   * A step committed. On SQLite, migrations that run within a tenth of a second of each other
   * commit together, and on PostgreSQL consecutive ones go to the server in one batch, so the next
   * steps may start before this is heard for the first of them.
   */
  default void stepFinished(Step step, Duration took) {}

  /** Something the operator should know, such as a down script taken from the history table. */
  default void notice(String message) {}

  /**
   * How far a long piece of work inside a step has got, such as the row copy of a SQLite table
   * rebuild ({@code what} is then {@code copying "track"}): {@code done} of {@code total} rows.
   * Called repeatedly, the last time with {@code done == total}.
   */
  default void progress(String what, long done, long total) {}

  RetortListener NONE = new RetortListener() {};
}
