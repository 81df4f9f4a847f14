package dev.retort;

import dev.retort.execute.SqlErrors;
import dev.retort.history.HistoryRow;
import dev.retort.plan.Planner;
import dev.retort.plan.Target;
import dev.retort.revision.Revision;
import dev.retort.revision.RevisionGraph;
import dev.retort.source.Checksums;
import dev.retort.source.Migration;
import dev.retort.source.MigrationLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The source side of every command: loading migrations, and comparing them with the history rows
 * (status, validation, the checks before an upgrade). No connection is used here.
 */
final class Workspace {
  /**
   * Read when first needed: a resource read from the jar cost a no-op CLI start about 9 ms of its
   * critical path (docs/benchmarks.md).
   */
  private static final class Version {
    static final String VALUE = readVersion();
  }

  /** Retort's version, as recorded in the history table. */
  static String version() {
    return Version.VALUE;
  }

  /** Only 'retort new' names files by time: java.time's formatters are not set up otherwise. */
  private static final class FileTime {
    static final DateTimeFormatter FORMAT =
        DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);
  }

  private final RetortConfig config;
  private final MigrationLoader loader;

  Workspace(RetortConfig config, ClassLoader classLoader) {
    this.config = config;
    this.loader = new MigrationLoader(classLoader);
  }

  /** The migrations of the source, by id, and their graph. */
  record Source(Map<String, Migration> byId, RevisionGraph graph) {}

  /** The last source loaded, reused while the loader returns the same migrations. */
  private volatile Loaded last;

  private record Loaded(List<Migration> migrations, Source source) {
    boolean same(List<Migration> other) {
      if (other.size() != migrations.size()) {
        return false;
      }
      for (int i = 0; i < other.size(); i++) {
        if (other.get(i) != migrations.get(i) && !other.get(i).equals(migrations.get(i))) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * The source as summaries from the configured source cache (no SQL: only for {@link #upToDate}),
   * or null when there is no cache or it does not cover every migration as it is now.
   */
  Source loadSummaries() {
    if (config.sourceCache() == null) {
      return null;
    }
    List<Migration> migrations =
        loader.loadSummaries(config.locations(), config.javaMigrations(), config.sourceCache());
    if (migrations == null) {
      return null;
    }
    try {
      return build(migrations);
    } catch (RetortException e) {
      return null; // a graph the files would not make (a cache written by hand): read the files
    }
  }

  Source load() {
    List<Migration> migrations =
        loader.load(config.locations(), config.javaMigrations(), config.sourceCache());
    Loaded previous = last;
    if (previous != null && previous.same(migrations)) {
      return previous.source();
    }
    Source source = build(migrations);
    last = new Loaded(migrations, source);
    return source;
  }

  private static Source build(List<Migration> migrations) {
    Map<String, Migration> byId = new LinkedHashMap<>();
    List<Revision> revisions = new ArrayList<>(migrations.size());
    for (Migration m : migrations) {
      byId.putIfAbsent(m.id(), m);
      revisions.add(new Revision(m.id(), m.parents(), m.origin()));
    }
    return new Source(byId, RevisionGraph.of(revisions));
  }

  /**
   * Refuses an upgrade over an incomplete migration or a history that disagrees with the source,
   * except for one case that must not stop a deploy: the database is ahead of this build (every
   * migration of the build is applied, and the extra revisions came from a newer build, as after an
   * application rollback or while an old replica restarts during a rolling deploy).
   *
   * @return the revisions the database is ahead by; empty when it is not ahead
   */
  List<String> checkBeforeUpgrade(Source src, List<HistoryRow> rows) {
    refuseIncomplete(rows);
    ValidationReport report = validate(src, rows);
    List<ValidationReport.Problem> ahead = new ArrayList<>();
    List<ValidationReport.Problem> other = new ArrayList<>();
    for (ValidationReport.Problem p : report.problems()) {
      boolean unknown =
          p.kind() == ValidationReport.Kind.MISSING_FILE
              || p.kind() == ValidationReport.Kind.UNKNOWN_REVISION;
      (unknown ? ahead : other).add(p);
    }
    Set<String> applied = new HashSet<>();
    applied(rows).forEach(r -> applied.add(r.revision()));
    boolean buildFullyApplied = applied.containsAll(src.byId().keySet());
    List<ValidationReport.Problem> refused = buildFullyApplied ? other : report.problems();
    if (!refused.isEmpty()) {
      String more =
          refused.size() > 1 ? " (and " + (refused.size() - 1) + " more: run retort validate)" : "";
      throw new RetortException(ErrorCode.VALIDATION, refused.get(0).message() + more);
    }
    return ahead.stream().map(ValidationReport.Problem::revision).toList();
  }

  /**
   * Whether an upgrade to {@code target} has nothing to do and nothing to say: every row applied
   * and known to the source with its checksum unchanged, and no step planned. Reads only the fields
   * of a light history read; anything else is decided by the full checks.
   */
  static boolean upToDate(Source src, List<HistoryRow> rows, Target target) {
    for (HistoryRow row : rows) {
      Migration m = src.byId().get(row.revision());
      if (!row.isApplied() || m == null) {
        return false;
      }
      boolean comparable =
          row.checksum() != null && Checksums.ALGORITHM.equals(row.checksumAlgorithm());
      if (comparable && !row.checksum().equals(m.checksum())) {
        return false;
      }
    }
    try {
      return new Planner(src.graph(), src.byId(), rows).upgrade(target).isEmpty();
    } catch (RetortException e) {
      return false; // the full checks report it
    }
  }

  static void refuseIncomplete(List<HistoryRow> rows) {
    for (HistoryRow row : rows) {
      if (!row.isApplied()) {
        throw new RetortException(ErrorCode.PARTIAL_MIGRATION, describeIncomplete(row));
      }
    }
  }

  static String describeIncomplete(HistoryRow row) {
    String what =
        row.state() == HistoryRow.State.RUNNING
            ? "was interrupted "
                + (row.isDowngrade() ? "during its downgrade " : "")
                + "after statement "
                + row.statementsDone()
                + " of "
                + row.statementsTotal()
                + " (its process died)"
            : "failed: " + row.error();
    if (row.isDowngrade()) {
      return "revision "
          + row.revision()
          + " ("
          + row.origin()
          + ") "
          + what
          + "; nothing runs past it. Finish the downgrade by hand, then 'retort resolve "
          + row.revision()
          + " --rolled-back', or restore what it undid and 'retort resolve "
          + row.revision()
          + " --applied'";
    }
    return "revision "
        + row.revision()
        + " ("
        + row.origin()
        + ") "
        + what
        + "; nothing runs past it. Fix the cause, then 'retort resolve "
        + row.revision()
        + " --resume' to run the rest, or '--applied' if you finished it by hand, or"
        + " '--rolled-back' if you undid it by hand";
  }

  static HistoryRow incompleteRow(List<HistoryRow> rows, String revision) {
    List<HistoryRow> exact = rows.stream().filter(r -> r.revision().equals(revision)).toList();
    List<HistoryRow> matches =
        !exact.isEmpty()
            ? exact
            : rows.stream().filter(r -> r.revision().startsWith(revision)).toList();
    if (matches.size() != 1) {
      throw new RetortException(
          ErrorCode.TARGET,
          matches.isEmpty()
              ? "revision " + revision + " is not in the history table"
              : "'" + revision + "' is ambiguous in the history table; give more characters");
    }
    HistoryRow row = matches.get(0);
    if (row.isApplied()) {
      throw new RetortException(
          ErrorCode.TARGET,
          "revision " + row.revision() + " is applied, not failed; there is nothing to resolve");
    }
    return row;
  }

  Migration migrationForResume(Source src, HistoryRow row) {
    Migration m = src.byId().get(row.revision());
    if (m == null) {
      throw new RetortException(
          ErrorCode.MIGRATION_SOURCE,
          "the file of revision "
              + row.revision()
              + " ("
              + row.origin()
              + ") is gone, so it cannot be resumed; use --applied or --rolled-back");
    }
    if (m.isJava()) {
      throw new RetortException(
          ErrorCode.USAGE,
          "revision "
              + row.revision()
              + " is a Java migration, which has no statements to resume from; finish or undo"
              + " its work by hand, then use --applied or --rolled-back");
    }
    if (row.isDowngrade()) {
      throw new RetortException(
          ErrorCode.USAGE,
          "revision "
              + row.revision()
              + " stopped during a downgrade, which cannot be resumed; finish or undo it by hand,"
              + " then use --rolled-back or --applied");
    }
    return m;
  }

  ValidationReport validate(Source src, List<HistoryRow> rows) {
    List<ValidationReport.Problem> problems = new ArrayList<>();
    for (HistoryRow row : rows) {
      if (!row.isApplied()) {
        problems.add(
            new ValidationReport.Problem(
                ValidationReport.Kind.INCOMPLETE, row.revision(), describeIncomplete(row)));
        continue;
      }
      Migration m = src.byId().get(row.revision());
      if (m == null) {
        if (row.origin() != null && !row.origin().isBlank()) {
          problems.add(
              new ValidationReport.Problem(
                  ValidationReport.Kind.MISSING_FILE,
                  row.revision(),
                  "revision "
                      + row.revision()
                      + " is applied but its migration "
                      + row.origin()
                      + " is missing; restore the file, or revert it with 'retort downgrade'"
                      + " (the down script is stored in the history table)"));
        } else {
          problems.add(
              new ValidationReport.Problem(
                  ValidationReport.Kind.UNKNOWN_REVISION,
                  row.revision(),
                  "the database has revision "
                      + row.revision()
                      + " that no migration knows; this build may be older than the database"));
        }
        continue;
      }
      boolean comparable =
          row.checksum() != null && Checksums.ALGORITHM.equals(row.checksumAlgorithm());
      if (comparable && !row.checksum().equals(m.checksum())) {
        problems.add(
            new ValidationReport.Problem(
                ValidationReport.Kind.CHECKSUM_MISMATCH,
                row.revision(),
                m.origin()
                    + " (revision "
                    + row.revision()
                    + ") was changed after it was applied on "
                    + row.appliedAt()
                    + "; revert the edit and put the change in a new migration"));
      }
    }
    return new ValidationReport(problems);
  }

  StatusReport status(Source src, List<HistoryRow> rows) {
    Map<String, HistoryRow> byRevision = new LinkedHashMap<>();
    for (HistoryRow row : rows) {
      byRevision.put(row.revision(), row);
    }
    List<RevisionStatus> out = new ArrayList<>();
    for (String id : src.graph().topologicalOrder()) {
      Migration m = src.byId().get(id);
      HistoryRow row = byRevision.remove(id);
      out.add(new RevisionStatus(id, m.description(), stateOf(row, true), m, row));
    }
    for (HistoryRow row : byRevision.values()) {
      out.add(
          new RevisionStatus(row.revision(), row.description(), stateOf(row, false), null, row));
    }
    return new StatusReport(out, currentHeads(rows), src.graph().heads());
  }

  RevisionStatus show(Source src, List<HistoryRow> rows, String revision) {
    Set<String> ids = new HashSet<>(src.byId().keySet());
    rows.forEach(r -> ids.add(r.revision()));
    List<String> matches =
        ids.stream().filter(id -> id.equals(revision) || id.startsWith(revision)).sorted().toList();
    if (ids.contains(revision)) {
      matches = List.of(revision);
    }
    if (matches.size() != 1) {
      throw new RetortException(
          ErrorCode.TARGET,
          matches.isEmpty()
              ? "no revision matches '" + revision + "'; retort history lists the revisions"
              : "'"
                  + revision
                  + "' is ambiguous: it matches "
                  + String.join(", ", matches)
                  + "; give more characters");
    }
    String id = matches.get(0);
    return status(src, rows).revisions().stream()
        .filter(r -> r.revision().equals(id))
        .findFirst()
        .orElseThrow();
  }

  /** History rows as if everything up to {@code from} were applied, for offline SQL. */
  List<HistoryRow> assumedApplied(Source src, String from) {
    if (from == null || from.equals("base")) {
      return List.of();
    }
    String id = src.graph().resolve(from);
    Set<String> wanted = new HashSet<>(src.graph().ancestors(id));
    wanted.add(id);
    List<HistoryRow> rows = new ArrayList<>();
    for (String r : src.graph().topologicalOrder()) {
      if (wanted.contains(r)) {
        Migration m = src.byId().get(r);
        rows.add(
            new HistoryRow(
                r,
                m.parents(),
                m.description(),
                "sql",
                m.checksum(),
                Checksums.ALGORITHM,
                "",
                "",
                0,
                version(),
                null,
                rows.size() + 1L,
                HistoryRow.State.APPLIED,
                0,
                0,
                null,
                m.origin()));
      }
    }
    return rows;
  }

  /** Writes a new migration file into the first folder location. */
  Path newRevision(String message, boolean merge) {
    Source src = load();
    List<String> heads = src.graph().heads();
    if (merge && heads.size() < 2) {
      throw new RetortException(
          ErrorCode.USAGE,
          heads.isEmpty()
              ? "there are no revisions to merge"
              : "only one head (" + heads.get(0) + "); there is nothing to merge");
    }
    Path folder = firstFolder();
    byte[] random = new byte[6];
    new SecureRandom().nextBytes(random);
    String id = HexFormat.of().formatHex(random);
    String msg = message == null || message.isBlank() ? (merge ? "merge heads" : "") : message;
    String slug = msg.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    slug = slug.replaceAll("^_+|_+$", "");
    if (slug.length() > 40) {
      slug = slug.substring(0, 40).replaceAll("_+$", "");
    }
    String name =
        FileTime.FORMAT.format(Instant.now()) + "_" + id + (slug.isEmpty() ? "" : "_" + slug);
    Path file = folder.resolve(name + ".sql");
    String text =
        "-- retort:revision "
            + id
            + "\n"
            + "-- retort:parents "
            + String.join(" ", heads)
            + "\n"
            + "-- retort:description "
            + msg.replaceAll("\\R", " ")
            + "\n"
            + "-- retort:up\n"
            + (merge
                ? "-- merges " + String.join(", ", heads) + "; add SQL only if needed\n"
                : "\n")
            + "\n-- retort:down\n"
            // A merge has nothing to undo; a comment makes its down part present (if empty,
            // downgrade past the merge would refuse for want of a down script).
            + (merge ? "-- nothing to undo unless SQL is added to the up part\n" : "\n");
    try {
      Files.createDirectories(folder);
      Files.writeString(file, text, java.nio.file.StandardOpenOption.CREATE_NEW);
    } catch (IOException e) {
      throw new RetortException(
          ErrorCode.CONFIG, "cannot write " + file + ": " + e.getMessage(), e);
    }
    return file;
  }

  private Path firstFolder() {
    for (String location : config.locations()) {
      if (!location.startsWith("classpath:")) {
        return Path.of(location.replaceFirst("^filesystem:", ""));
      }
    }
    throw new RetortException(
        ErrorCode.CONFIG,
        "new migrations need a folder location; classpath locations are read-only");
  }

  static List<HistoryRow> applied(List<HistoryRow> rows) {
    return rows.stream().filter(HistoryRow::isApplied).toList();
  }

  /** The applied revisions that no other applied revision names as a parent. */
  static List<String> currentHeads(List<HistoryRow> rows) {
    Set<String> parents = new HashSet<>();
    List<HistoryRow> applied = applied(rows);
    applied.forEach(r -> parents.addAll(r.parents()));
    return applied.stream().map(HistoryRow::revision).filter(id -> !parents.contains(id)).toList();
  }

  static long nextOrder(List<HistoryRow> rows) {
    return rows.stream().mapToLong(HistoryRow::applyOrder).max().orElse(0) + 1;
  }

  static HistoryRow asStamp(HistoryRow row) {
    return new HistoryRow(
        row.revision(),
        row.parents(),
        row.description(),
        "stamp",
        row.checksum(),
        row.checksumAlgorithm(),
        row.appliedAt(),
        row.appliedBy(),
        0,
        row.toolVersion(),
        row.downScript(),
        row.applyOrder(),
        row.state(),
        row.statementsTotal(),
        row.statementsDone(),
        null,
        row.origin());
  }

  private static RevisionStatus.State stateOf(HistoryRow row, boolean known) {
    if (row == null) {
      return RevisionStatus.State.PENDING;
    }
    return switch (row.state()) {
      case APPLIED -> known ? RevisionStatus.State.APPLIED : RevisionStatus.State.UNKNOWN;
      case FAILED -> RevisionStatus.State.FAILED;
      case RUNNING -> RevisionStatus.State.RUNNING;
    };
  }

  /** user@host of this process, for the history table. */
  static String appliedBy() {
    String host = System.getenv("HOSTNAME");
    if (host == null || host.isBlank()) {
      try {
        host = Files.readString(Path.of("/etc/hostname")).strip();
      } catch (IOException | RuntimeException e) {
        host = "";
      }
    }
    if (host.isBlank()) {
      try {
        host = java.net.InetAddress.getLocalHost().getHostName();
      } catch (IOException e) {
        host = "unknown";
      }
    }
    return System.getProperty("user.name", "unknown") + "@" + host;
  }

  static String oneLine(String message) {
    return SqlErrors.oneLine(message);
  }

  private static String readVersion() {
    try (InputStream in = Workspace.class.getResourceAsStream("version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "dev");
    } catch (IOException e) {
      return "dev";
    }
  }
}
