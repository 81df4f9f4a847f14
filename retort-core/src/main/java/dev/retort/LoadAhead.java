package dev.retort;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;

/**
 * The source, loaded on another thread while the command connects and reads the history. A no-op
 * {@code upgrade} is mostly two waits that do not depend on each other: the file system (listing,
 * and in a new process reading and parsing every migration) and the database (connecting, the
 * schema load SQLite does on a connection's first statement, the history query). Overlapping them
 * takes the shorter off the total (docs/benchmarks.md).
 *
 * <p>{@link #get} runs the load on the calling thread when no pool thread has started it yet, so a
 * busy common pool (an application's own start-up work) costs the overlap, never a wait. Errors
 * surface in the same order as without the overlap: a connection error first, because the caller
 * only asks for the source once connected.
 */
final class LoadAhead {
  /** What the load produced: summaries from the source cache are good for one check only. */
  private record Loaded(Workspace.Source source, boolean summaries) {}

  private final Workspace workspace;
  private final FutureTask<Loaded> task;

  /**
   * The load runs with the caller's context class loader: Java migrations are the application's
   * code, and a pool thread's loader (the system one) may not see the application's resources.
   */
  private LoadAhead(Workspace workspace, boolean summariesFirst) {
    this.workspace = workspace;
    ClassLoader caller = Thread.currentThread().getContextClassLoader();
    this.task =
        new FutureTask<>(
            () -> {
              Thread thread = Thread.currentThread();
              ClassLoader own = thread.getContextClassLoader();
              thread.setContextClassLoader(caller);
              try {
                Workspace.Source summaries = summariesFirst ? workspace.loadSummaries() : null;
                return summaries != null
                    ? new Loaded(summaries, true)
                    : new Loaded(workspace.load(), false);
              } finally {
                thread.setContextClassLoader(own);
              }
            });
  }

  /**
   * Starts the load; with {@code summariesFirst} (the no-op check of {@code upgrade}) from the
   * source cache when it covers every file, and from the files otherwise.
   */
  static LoadAhead start(Workspace workspace, boolean summariesFirst) {
    LoadAhead ahead = new LoadAhead(workspace, summariesFirst);
    try {
      ForkJoinPool.commonPool().execute(ahead.task);
    } catch (RejectedExecutionException e) {
      // A shut-down or saturated pool: get() runs it here.
    }
    return ahead;
  }

  /** The loaded source, read from the files; the load's own exception when it failed. */
  Workspace.Source get() {
    Loaded loaded = loaded();
    return loaded.summaries() ? workspace.load() : loaded.source();
  }

  /**
   * The source for {@link Workspace#upToDate} alone: perhaps summaries without SQL from the source
   * cache. Whatever else the command does must use {@link #get}.
   */
  Workspace.Source forNoOpCheck() {
    return loaded().source();
  }

  private Loaded loaded() {
    task.run(); // no-op when a pool thread has started (or finished) it
    try {
      return task.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetortException(ErrorCode.INTERNAL, "interrupted while reading migrations", e);
    } catch (CancellationException e) {
      throw new IllegalStateException("the migration load was cancelled before it was used", e);
    }
  }

  /** The command ended without the source (a connection error): drop a load not yet started. */
  void cancel() {
    task.cancel(false);
  }
}
