package dev.retort;

import dev.retort.dialect.Dialect;
import dev.retort.dialect.Dialects;
import dev.retort.dialect.Scratch;
import dev.retort.dialect.SessionSettings;
import dev.retort.dialect.SqliteDialect;
import dev.retort.execute.Executor;
import dev.retort.execute.OfflineScript;
import dev.retort.execute.SqlErrors;
import dev.retort.history.HistoryRow;
import dev.retort.history.HistoryTable;
import dev.retort.lock.MigrationLock;
import dev.retort.plan.Plan;
import dev.retort.plan.Planner;
import dev.retort.plan.Step;
import dev.retort.plan.Target;
import dev.retort.schema.SchemaModel;
import dev.retort.schema.diff.SchemaDiff;
import dev.retort.schema.drift.Difference;
import dev.retort.schema.drift.Differences;
import dev.retort.schema.drift.DriftReport;
import dev.retort.schema.introspect.SchemaFilter;
import dev.retort.schema.introspect.SchemaIntrospectors;
import dev.retort.schema.render.DdlRenderers;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The front door: one object per database, built once, safe to share between threads. Every command
 * of the CLI is a method here. Nothing is static, nothing calls {@code System.exit}.
 *
 * <pre>
 * Retort retort = Retort.configure()
 *     .dataSource(dataSource)
 *     .locations("classpath:db/retort")
 *     .build();
 * retort.upgrade();
 * </pre>
 *
 * <p>{@link #upgrade()} first reads the history in one query without taking the migration lock;
 * when the database is already at the target it returns there. Only when there is work does it take
 * the lock, read the history again and run the plan.
 */
public final class Retort {
  private static final Logger LOG = LoggerFactory.getLogger(Retort.class);

  private final ConnectionSource source;
  private final Dialect fixedDialect;
  private final RetortConfig config;
  private final RetortListener listener;
  private final Workspace workspace;

  /** An empty database given by the user for replays, or null to create scratch spaces. */
  private final ConnectionSource scratchSource;

  /**
   * The configured URL and a way to open other URLs with its credentials; null for a DataSource.
   */
  private final String url;

  private final java.util.function.Function<String, ConnectionSource> connector;

  Retort(
      ConnectionSource source,
      Dialect dialect,
      RetortConfig config,
      RetortListener listener,
      ConnectionSource scratchSource,
      String url,
      java.util.function.Function<String, ConnectionSource> connector) {
    this.source = source;
    this.scratchSource = scratchSource;
    this.url = url;
    this.connector = connector;
    this.fixedDialect = dialect;
    this.config = config;
    this.listener = listener;
    this.workspace = new Workspace(config, Retort.class.getClassLoader());
  }

  public static RetortBuilder configure() {
    return new RetortBuilder();
  }

  public RetortConfig config() {
    return config;
  }

  /** Upgrades to the single head. Idempotent: on an up-to-date database it changes nothing. */
  public MigrateResult upgrade() {
    return upgrade("head", false);
  }

  public MigrateResult upgrade(String target) {
    return upgrade(target, false);
  }

  /**
   * Upgrades to {@code target} ({@code head}, {@code heads}, an id or prefix, {@code +N}, {@code
   * <id>+N}); with {@code dryRun} returns the plan and changes nothing.
   */
  public MigrateResult upgrade(String target, boolean dryRun) {
    Target t = Target.parse(target);
    return withSource(
        (s, ahead) -> {
          // Fast path: no lock, no write, one light read. Deploys mostly find nothing to do.
          List<HistoryRow> light = s.readHistoryLight();
          if (Workspace.upToDate(ahead.forNoOpCheck(), light, t)) {
            return new MigrateResult(List.of(), Workspace.currentHeads(light), dryRun);
          }
          Workspace.Source src = ahead.get();
          // Something to do or to say: the whole rows, for the checks and their messages. A row
          // in state running may belong to a process migrating right now: only under the lock
          // can it be judged dead. No rows in the light read (a first upgrade, often with no
          // table yet) leaves nothing to read in full: the read under the lock sees any race.
          List<HistoryRow> rows = light.isEmpty() ? List.of() : s.readHistory();
          boolean running = rows.stream().anyMatch(r -> r.state() == HistoryRow.State.RUNNING);
          if (!running || dryRun) {
            Plan plan = s.planUpgrade(src, rows, t);
            if (plan.isEmpty() || dryRun) {
              return new MigrateResult(dryRunSteps(plan), Workspace.currentHeads(rows), dryRun);
            }
          }
          try (MigrationLock.Held lock = s.lock()) {
            rows = s.readHistory();
            return s.execute(s.planUpgrade(src, rows, t), rows);
          }
        },
        false,
        true);
  }

  /** Reverts to {@code target}: {@code base}, {@code -N}, an id or prefix, {@code <id>-N}. */
  public MigrateResult downgrade(String target) {
    return downgrade(target, false);
  }

  public MigrateResult downgrade(String target, boolean dryRun) {
    Target t = Target.parse(target);
    return withSource(
        (s, ahead) -> {
          Workspace.Source src = ahead.get();
          if (dryRun) {
            List<HistoryRow> rows = s.readHistory();
            Plan plan = s.planDowngrade(src, rows, t);
            return new MigrateResult(dryRunSteps(plan), Workspace.currentHeads(rows), true);
          }
          try (MigrationLock.Held lock = s.lock()) {
            List<HistoryRow> rows = s.readHistory();
            return s.execute(s.planDowngrade(src, rows, t), rows);
          }
        });
  }

  /** Records revisions up to {@code target} as applied without running them. */
  public MigrateResult stamp(String target) {
    Target t = Target.parse(target);
    Planner.checkStampTarget(t);
    return withSource(
        (s, ahead) -> {
          Workspace.Source src = ahead.get();
          try (MigrationLock.Held lock = s.lock()) {
            List<HistoryRow> rows = s.readHistory();
            Plan plan = s.planUpgrade(src, rows, t);
            return s.stamp(plan, rows);
          }
        });
  }

  /** The heads of what is applied in the database. */
  public List<String> current() {
    return readSession(s -> Workspace.currentHeads(s.readHistory()));
  }

  /** The heads of the migrations' graph. */
  public List<String> heads() {
    return workspace.load().graph().heads();
  }

  /** Every revision in graph order, with whether and when it was applied. */
  public StatusReport status() {
    return readSource((s, ahead) -> workspace.status(ahead.get(), s.readHistory()));
  }

  /** Revisions in the source that the database has not applied, in the order they would run. */
  public List<String> pending() {
    return status().with(RevisionStatus.State.PENDING).stream()
        .map(RevisionStatus::revision)
        .toList();
  }

  /** One revision: its migration and its history row. */
  public RevisionStatus show(String revision) {
    return readSource((s, ahead) -> workspace.show(ahead.get(), s.readHistory(), revision));
  }

  /** Applied revisions against the source: checksums, missing files, unknown revisions. */
  public ValidationReport validate() {
    return readSource((s, ahead) -> workspace.validate(ahead.get(), s.readHistory()));
  }

  /**
   * The SQL that {@code upgrade target} would run (or, with {@code down}, a downgrade), with the
   * history rows; nothing changes. For a plan that needs no database at all, see {@link
   * #sqlOffline}.
   */
  public String sql(String target, boolean down) {
    Target t = Target.parse(target);
    return readSource(
        (s, ahead) -> {
          Workspace.Source src = ahead.get();
          List<HistoryRow> rows = s.readHistory();
          Plan plan = down ? s.planDowngrade(src, rows, t) : s.planUpgrade(src, rows, t);
          Executor executor = s.executor();
          return OfflineScript.render(
              s.dialect,
              s.history,
              executor,
              executor.prepare(plan),
              Workspace.nextOrder(rows),
              rows.isEmpty());
        });
  }

  /**
   * The SQL from revision {@code from} (or {@code base}) up to {@code to}, computed from the source
   * alone, for databases Retort cannot reach. Needs a dialect given to the builder.
   */
  public String sqlOffline(String from, String to) {
    Dialect d = fixedDialect;
    if (d == null) {
      throw new RetortException(
          ErrorCode.CONFIG, "offline SQL needs the database kind: give a JDBC URL");
    }
    Workspace.Source src = workspace.load();
    List<HistoryRow> rows = workspace.assumedApplied(src, from);
    HistoryTable history = new HistoryTable(d, config.schema(), config.historyTable());
    Executor executor =
        new Executor(d, history, listener, Workspace.appliedBy(), version(), config.commitGroup());
    Plan plan = new Planner(src.graph(), src.byId(), rows).upgrade(Target.parse(to));
    return OfflineScript.render(
        d, history, executor, executor.prepare(plan), rows.size() + 1L, rows.isEmpty());
  }

  /** How a failed or interrupted migration is settled. */
  public enum Resolution {
    /** Run its remaining statements, from the one that failed. */
    RESUME,
    /** The remaining work was done by hand: record it as applied. */
    APPLIED,
    /** The partial change was undone by hand: forget it, so upgrade runs it again from the top. */
    ROLLED_BACK
  }

  /** Settles a migration that failed half-way without a transaction. Nothing re-runs silently. */
  public RevisionStatus resolve(String revision, Resolution resolution) {
    return withSource(
        (s, ahead) -> {
          Workspace.Source src = ahead.get();
          try (MigrationLock.Held lock = s.lock()) {
            List<HistoryRow> rows = s.readHistory();
            HistoryRow row = Workspace.incompleteRow(rows, revision);
            s.resolve(src, row, resolution);
            return workspace.show(src, s.readHistory(), row.revision());
          }
        });
  }

  /** Creates a migration file whose parents are the current heads; returns its path. */
  public java.nio.file.Path newRevision(String message) {
    return workspace.newRevision(message, false);
  }

  /** Creates a merge revision over all heads; returns its path. */
  public java.nio.file.Path merge(String message) {
    return workspace.newRevision(message, true);
  }

  /**
   * Replays the migrations into a fresh scratch space beside the database (a schema on PostgreSQL,
   * a database on MySQL, a temporary file on SQLite): up to {@code target}, or, when target is
   * null, exactly the revisions the live database has applied. The caller closes the scratch, which
   * drops it. Drift checks compare the live schema with this one.
   */
  public Scratch replay(String target) {
    List<String> targets =
        target == null
            ? readSession(s -> Workspace.currentHeads(s.readHistory()))
            : List.of(target);
    Scratch scratch =
        scratchSource != null
            ? givenScratch()
            : readSession(
                s -> {
                  String name =
                      "retort_scratch_" + Long.toHexString(System.nanoTime() & 0xffffffffL);
                  return s.dialect.createScratch(
                      new Dialect.ScratchRequest(Retort.this::open, url, connector), name);
                });
    try {
      RetortConfig c = config;
      Retort replayer =
          new Retort(
              scratch.source(),
              fixedDialect,
              new RetortConfig(
                  c.locations(),
                  c.javaMigrations(),
                  c.historyTable(),
                  scratch.schema(),
                  c.lockWait(),
                  c.ddlLockTimeout(),
                  c.statementTimeout(),
                  c.commitGroup(),
                  null),
              RetortListener.NONE,
              null,
              null,
              null);
      for (String t : targets) {
        replayer.upgrade(t);
      }
      return scratch;
    } catch (RuntimeException e) {
      scratch.close();
      throw e;
    }
  }

  /**
   * The scratch database the user gave (for managed servers that refuse CREATE DATABASE or CREATE
   * SCHEMA). It must be empty: Retort replays into it and cannot tell its own objects from anything
   * already there. It is left as the replay made it.
   */
  private Scratch givenScratch() {
    try (Connection c = scratchSource.open();
        ResultSet rs =
            c.getMetaData().getTables(c.getCatalog(), null, "%", new String[] {"TABLE"})) {
      if (rs.next()) {
        throw new RetortException(
            ErrorCode.CONFIG,
            "the scratch database is not empty (it has table "
                + rs.getString("TABLE_NAME")
                + "); give an empty database to replay the migrations into");
      }
    } catch (SQLException e) {
      throw new RetortException(
          ErrorCode.DATABASE,
          "cannot connect to the scratch database: " + Workspace.oneLine(e.getMessage()),
          e);
    }
    return new Scratch() {
      @Override
      public ConnectionSource source() {
        return scratchSource;
      }

      @Override
      public String schema() {
        return null;
      }

      @Override
      public void close() {
        emptyGivenScratch();
      }
    };
  }

  /**
   * Removes what a replay created in the user's scratch database, so the next check can use it
   * again: every table, view, trigger, sequence and enum the model knows, and the history table.
   * Objects outside the model (functions, domains) stay.
   */
  private void emptyGivenScratch() {
    try (Connection c = scratchSource.open()) {
      Dialect d = fixedDialect != null ? fixedDialect : Dialects.forConnection(c);
      SchemaModel model =
          SchemaIntrospectors.forDialect(d)
              .introspect(c, new SchemaFilter(null, List.of(), List.of(), null));
      c.setAutoCommit(true);
      try (java.sql.Statement st = c.createStatement()) {
        for (String sql :
            DdlRenderers.forDialect(d).render(SchemaDiff.between(model, SchemaModel.empty()))) {
          st.execute(sql);
        }
      }
    } catch (SQLException | RuntimeException e) {
      LOG.warn(
          "could not empty the scratch database after the replay: {}",
          Workspace.oneLine(e.getMessage()));
    }
  }

  /**
   * The live schema, read with one catalog query per kind of object.
   *
   * @param include table/view glob patterns to read (empty: all)
   * @param exclude patterns to leave out; the history table is always left out
   */
  public SchemaModel inspect(List<String> include, List<String> exclude) {
    return readSession(s -> s.introspect(s.connection, config.schema(), include, exclude));
  }

  /** The dialect of the live database. */
  public Dialect dialect() {
    return fixedDialect != null ? fixedDialect : readSession(s -> s.dialect);
  }

  /**
   * Drift: the live schema against the schema its recorded revisions produce, computed by replaying
   * the migrations on a scratch space beside the database.
   */
  public DriftReport check(List<String> include, List<String> exclude) {
    List<String> heads = current();
    try (Scratch scratch = replay(null)) {
      SchemaModel expected = introspect(scratch, include, exclude);
      return readSession(
          s -> {
            SchemaModel live = s.introspect(s.connection, config.schema(), include, exclude);
            return new DriftReport(heads, Differences.between(expected, live, s.dialect));
          });
    }
  }

  /**
   * What turns the live schema into the one the migrations produce at {@code target}: pending
   * migrations and drift together, as schema operations with their SQL.
   */
  public List<Difference> diffToMigrations(
      String target, List<String> include, List<String> exclude) {
    try (Scratch scratch = replay(target)) {
      SchemaModel wanted = introspect(scratch, include, exclude);
      return readSession(
          s ->
              Differences.changes(
                  s.introspect(s.connection, config.schema(), include, exclude),
                  wanted,
                  s.dialect));
    }
  }

  /** What turns the live schema into another database's schema (of the same kind). */
  public List<Difference> diffTo(Retort other, List<String> include, List<String> exclude) {
    SchemaModel theirs = other.inspect(include, exclude);
    return readSession(
        s ->
            Differences.changes(
                s.introspect(s.connection, config.schema(), include, exclude), theirs, s.dialect));
  }

  private SchemaModel introspect(Scratch scratch, List<String> include, List<String> exclude) {
    try (Connection c = scratch.source().open()) {
      Dialect d = fixedDialect != null ? fixedDialect : Dialects.forConnection(c);
      return SchemaIntrospectors.forDialect(d)
          .introspect(
              c, new SchemaFilter(scratch.schema(), include, exclude, config.historyTable()));
    } catch (SQLException e) {
      throw new RetortException(
          ErrorCode.DATABASE,
          "cannot read the scratch schema: " + Workspace.oneLine(e.getMessage()),
          e);
    }
  }

  /** The Retort version, as recorded in the history table. */
  public static String version() {
    return Workspace.version();
  }

  private static List<MigrateResult.Applied> dryRunSteps(Plan plan) {
    List<MigrateResult.Applied> out = new ArrayList<>();
    for (Step step : plan.steps()) {
      out.add(new MigrateResult.Applied(step, Duration.ZERO));
    }
    return out;
  }

  /** A command's work on one connection. */
  @FunctionalInterface
  interface SessionWork<T> {
    T run(Session session) throws SQLException;
  }

  /** A command's work that needs the source as well: {@link LoadAhead} loads it meanwhile. */
  @FunctionalInterface
  interface SourceWork<T> {
    T run(Session session, LoadAhead source) throws SQLException;
  }

  private <T> T withSource(SourceWork<T> work) {
    return withSource(work, false, false);
  }

  /** {@link #withSource} for a command that only reads: see {@link #readSession}. */
  private <T> T readSource(SourceWork<T> work) {
    return withSource(work, true, false);
  }

  /**
   * @param noOpCheck the work begins with {@link LoadAhead#forNoOpCheck}, which may use the source
   *     cache
   */
  private <T> T withSource(SourceWork<T> work, boolean readOnly, boolean noOpCheck) {
    LoadAhead ahead = LoadAhead.start(workspace, noOpCheck);
    try {
      return withSession(s -> work.run(s, ahead), readOnly);
    } finally {
      ahead.cancel();
    }
  }

  private <T> T withSession(SessionWork<T> work) {
    return withSession(work, false);
  }

  /**
   * A session for a command that only reads. Opening a SQLite file creates it; for a file that does
   * not exist (often a mistyped path), the command reads an empty in-memory database instead, says
   * so, and leaves no file behind.
   */
  private <T> T readSession(SessionWork<T> work) {
    return withSession(work, true);
  }

  private <T> T withSession(SessionWork<T> work, boolean readOnly) {
    try (Connection connection = readOnly ? openForReading() : open()) {
      Dialect dialect = fixedDialect != null ? fixedDialect : Dialects.forConnection(connection);
      // Timeouts apply from the first statement: the history read of the fast path can wait on
      // a lock too (SQLite: a writer holding the file; its busy timeout bounds that wait).
      SessionSettings settings =
          new SessionSettings(config.schema(), config.ddlLockTimeout(), config.statementTimeout());
      // A connection of our own is closed next: nothing to put back, and two statements saved.
      Dialect.SessionRestore restore;
      if (url != null) {
        dialect.configureSession(connection, settings);
        restore = () -> {};
      } else {
        restore = dialect.startSession(connection, settings);
      }
      try {
        return work.run(new Session(connection, dialect));
      } finally {
        restoreSession(restore);
      }
    } catch (SQLException e) {
      throw new RetortException(ErrorCode.DATABASE, "database error: " + SqlErrors.message(e), e);
    }
  }

  /** A connection that cannot be reset is closed next anyway; its failure must not hide another. */
  private static void restoreSession(Dialect.SessionRestore restore) {
    try {
      restore.restore();
    } catch (SQLException e) {
      LOG.warn("could not reset the session settings: {}", SqlErrors.message(e));
    }
  }

  private Connection openForReading() {
    Path file =
        url != null && fixedDialect instanceof SqliteDialect
            ? SqliteDialect.missingDatabaseFile(url)
            : null;
    if (file == null) {
      return open();
    }
    if (!missingFileNoted) {
      missingFileNoted = true;
      listener.notice(
          "database file "
              + file
              + " does not exist: read as an empty database (upgrade creates it; check the url if"
              + " it should exist)");
    }
    try {
      return UrlConnections.of("jdbc:sqlite::memory:", new Properties()).open();
    } catch (SQLException e) {
      throw new RetortException(
          ErrorCode.DATABASE, "cannot open an empty SQLite database: " + e.getMessage(), e);
    }
  }

  /** Whether this instance has said that its SQLite file does not exist (once is enough). */
  private volatile boolean missingFileNoted;

  private Connection open() {
    try {
      return source.open();
    } catch (SQLException e) {
      throw new RetortException(
          ErrorCode.DATABASE,
          "cannot connect to the database: "
              + Workspace.oneLine(e.getMessage())
              + "; check url, user and password",
          e);
    }
  }

  /** One command's connection, dialect and history table. */
  private final class Session {
    final Connection connection;
    final Dialect dialect;
    HistoryTable history;

    Session(Connection connection, Dialect dialect) {
      this.connection = connection;
      this.dialect = dialect;
      this.history = new HistoryTable(dialect, config.schema(), config.historyTable());
    }

    SchemaModel introspect(
        Connection c, String schema, List<String> include, List<String> exclude) {
      return SchemaIntrospectors.forDialect(dialect)
          .introspect(c, new SchemaFilter(schema, include, exclude, config.historyTable()));
    }

    /** The rows without their details (see HistoryTable.read): enough to see a no-op. */
    List<HistoryRow> readHistoryLight() throws SQLException {
      connection.setAutoCommit(true);
      return history.read(connection, false).orElse(List.of());
    }

    List<HistoryRow> readHistory() throws SQLException {
      connection.setAutoCommit(true);
      Optional<List<HistoryRow>> rows = history.read(connection);
      return rows.orElse(List.of());
    }

    Plan planUpgrade(Workspace.Source src, List<HistoryRow> rows, Target target) {
      List<String> ahead = workspace.checkBeforeUpgrade(src, rows);
      if (!ahead.isEmpty()) {
        listener.notice(
            "the database is ahead of this build: "
                + String.join(", ", ahead)
                + " came from a newer build and are not among its migrations; nothing to do"
                + " (retort validate lists them)");
      }
      return new Planner(src.graph(), src.byId(), Workspace.applied(rows)).upgrade(target);
    }

    Plan planDowngrade(Workspace.Source src, List<HistoryRow> rows, Target target) {
      Workspace.refuseIncomplete(rows);
      return new Planner(src.graph(), src.byId(), Workspace.applied(rows)).downgrade(target);
    }

    Executor executor() {
      return new Executor(
          dialect, history, listener, Workspace.appliedBy(), version(), config.commitGroup());
    }

    /**
     * Takes the migration lock. Every command that writes takes it first, so this is also where the
     * history table is pinned to the schema it is in now: a migration may change the search path
     * (pg_dump output sets it to '') or the database (MySQL USE), and the history row must still
     * land beside the others.
     */
    MigrationLock.Held lock() throws SQLException {
      String schema =
          config.schema() != null
              ? config.schema()
              : dialect.historySchema(connection, config.historyTable());
      if (config.schema() == null && schema != null) {
        history = new HistoryTable(dialect, schema, config.historyTable(), false);
      }
      String url = connection.getMetaData().getURL();
      return dialect.migrationLock(source, url, schema).acquire(config.lockWait());
    }

    MigrateResult execute(Plan plan, List<HistoryRow> rows) throws SQLException {
      Executor executor = executor();
      List<Executor.PreparedStep> prepared = executor.prepare(plan);
      if (!plan.isEmpty()) {
        history.create(connection);
      }
      List<Duration> took = executor.run(connection, prepared, Workspace.nextOrder(rows));
      List<MigrateResult.Applied> done = new ArrayList<>();
      for (int i = 0; i < took.size(); i++) {
        done.add(new MigrateResult.Applied(plan.steps().get(i), took.get(i)));
      }
      LOG.info(
          "{} {} revision(s)",
          plan.direction() == Step.Direction.UP ? "applied" : "reverted",
          done.size());
      // The heads need only what the light read has; the full rows carry every down script.
      return new MigrateResult(done, Workspace.currentHeads(readHistoryLight()), false);
    }

    MigrateResult stamp(Plan plan, List<HistoryRow> rows) throws SQLException {
      Executor executor = executor();
      history.create(connection);
      long order = Workspace.nextOrder(rows);
      List<MigrateResult.Applied> done = new ArrayList<>();
      for (Step step : plan.steps()) {
        HistoryRow row = executor.rowFor(step, order++, 0, HistoryRow.State.APPLIED, 0);
        history.insert(connection, Workspace.asStamp(row));
        done.add(new MigrateResult.Applied(step, Duration.ZERO));
      }
      return new MigrateResult(done, Workspace.currentHeads(readHistoryLight()), false);
    }

    void resolve(Workspace.Source src, HistoryRow row, Resolution resolution) throws SQLException {
      switch (resolution) {
        case APPLIED ->
            history.update(
                connection, executor().settledAsApplied(src.byId().get(row.revision()), row));
        case ROLLED_BACK -> history.delete(connection, row.revision());
        case RESUME -> {
          executor().resume(connection, workspace.migrationForResume(src, row), row);
        }
      }
    }
  }
}
