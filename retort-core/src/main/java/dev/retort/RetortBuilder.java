package dev.retort;

import dev.retort.dialect.Dialect;
import dev.retort.dialect.Dialects;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Builds a {@link Retort}: {@code Retort.configure().url(...).locations(...).build()}. Every
 * setting is checked when {@link #build()} runs; the result is immutable and thread-safe.
 */
public final class RetortBuilder {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,62}");

  private ConnectionSource source;
  private String url;
  private Dialect dialect;
  private final List<String> locations = new ArrayList<>();
  private final List<JavaMigration> javaMigrations = new ArrayList<>();
  private String historyTable = "retort_history";
  private String schema;
  private Duration lockWait = Duration.ofSeconds(60);
  private Duration ddlLockTimeout;
  private Duration statementTimeout;
  private Duration commitGroup;
  private Path sourceCache;
  private RetortListener listener = RetortListener.NONE;
  private ConnectionSource scratch;
  private java.util.function.Function<String, ConnectionSource> connector;

  RetortBuilder() {}

  /** Connections from the application's pool; the dialect is detected from the first one. */
  public RetortBuilder dataSource(DataSource dataSource) {
    this.source = dataSource::getConnection;
    this.url = null;
    this.connector = null;
    return this;
  }

  /** Connections from a JDBC URL; the JDBC driver must be on the classpath. */
  public RetortBuilder url(String jdbcUrl, String user, String password) {
    return url(jdbcUrl, user, password, Map.of());
  }

  /**
   * Connections from a JDBC URL with driver properties (TLS settings and the like); null properties
   * are none.
   */
  public RetortBuilder url(
      String jdbcUrl, String user, String password, Map<String, String> driverProperties) {
    Properties props = connectionProperties(user, password, driverProperties);
    String driverUrl = driverUrl(jdbcUrl);
    this.url = jdbcUrl;
    this.source = UrlConnections.of(driverUrl, props);
    this.connector = other -> UrlConnections.of(driverUrl(other), props);
    return this;
  }

  /** What {@code DriverManager.getConnection} gets: the driver properties and the credentials. */
  private static Properties connectionProperties(
      String user, String password, Map<String, String> driverProperties) {
    Properties props = new Properties();
    if (driverProperties != null) {
      props.putAll(new LinkedHashMap<>(driverProperties));
    }
    if (user != null && !user.isEmpty()) {
      props.setProperty("user", user);
    }
    if (password != null && !password.isEmpty()) {
      props.setProperty("password", password);
    }
    return props;
  }

  private static final String MYSQL_DRIVER = "com.mysql.cj.jdbc.Driver";

  /**
   * The URL to hand DriverManager. Without MySQL Connector/J the MariaDB driver is the only one
   * that can take a jdbc:mysql: URL (the CLI bundles only it), and MariaDB Connector/J 3.x takes
   * that scheme only when the URL itself contains {@code permitMysqlScheme} (it checks the URL
   * before reading any property): without it DriverManager answers "No suitable driver".
   */
  private static String driverUrl(String jdbcUrl) {
    if (jdbcUrl == null
        || !jdbcUrl.regionMatches(true, 0, "jdbc:mysql:", 0, 11)
        || jdbcUrl.contains("permitMysqlScheme")
        || loadable(MYSQL_DRIVER)) {
      return jdbcUrl;
    }
    return jdbcUrl + (jdbcUrl.indexOf('?') < 0 ? "?" : "&") + "permitMysqlScheme";
  }

  private static boolean loadable(String className) {
    for (ClassLoader loader :
        new ClassLoader[] {
          Thread.currentThread().getContextClassLoader(), RetortBuilder.class.getClassLoader()
        }) {
      try {
        Class.forName(className, false, loader);
        return true;
      } catch (ClassNotFoundException | LinkageError e) {
        // not on this class path; try the next loader
      }
    }
    return false;
  }

  /** Forces a dialect instead of detecting it. */
  public RetortBuilder dialect(Dialect dialect) {
    this.dialect = dialect;
    return this;
  }

  /** Folders ({@code /path}) or classpath folders ({@code classpath:db/retort}). */
  public RetortBuilder locations(String... locations) {
    this.locations.addAll(List.of(locations));
    return this;
  }

  public RetortBuilder locations(List<String> locations) {
    this.locations.addAll(locations);
    return this;
  }

  public RetortBuilder location(Path folder) {
    this.locations.add(folder.toAbsolutePath().toString());
    return this;
  }

  public RetortBuilder javaMigrations(JavaMigration... migrations) {
    this.javaMigrations.addAll(List.of(migrations));
    return this;
  }

  /** Adds the Java migrations listed in META-INF/services/dev.retort.JavaMigration. */
  public RetortBuilder serviceLoader(ClassLoader classLoader) {
    for (JavaMigration m : ServiceLoader.load(JavaMigration.class, classLoader)) {
      javaMigrations.add(m);
    }
    return this;
  }

  public RetortBuilder historyTable(String name) {
    this.historyTable = name;
    return this;
  }

  /** PostgreSQL: the schema for the history table and the migrations' search_path. */
  public RetortBuilder schema(String schema) {
    this.schema = schema == null || schema.isBlank() ? null : schema;
    return this;
  }

  /** How long to wait for another process's migration lock (default 60 s). */
  public RetortBuilder lockWait(Duration wait) {
    this.lockWait = wait;
    return this;
  }

  /** How long one DDL statement may wait for a table lock (PostgreSQL lock_timeout ...). */
  public RetortBuilder ddlLockTimeout(Duration timeout) {
    this.ddlLockTimeout = timeout;
    return this;
  }

  public RetortBuilder statementTimeout(Duration timeout) {
    this.statementTimeout = timeout;
    return this;
  }

  /**
   * How long consecutive migrations may share one transaction, each in a savepoint, before it
   * commits; {@link Duration#ZERO} for a transaction each. By default 100 ms on SQLite, where a
   * commit costs more than a typical migration, and zero elsewhere, where a shared transaction
   * would hold each migration's table locks until it commits (docs/databases.md). No effect on
   * MySQL/MariaDB, whose DDL commits by itself.
   */
  public RetortBuilder commitGroup(Duration window) {
    this.commitGroup = window;
    return this;
  }

  /**
   * A folder where Retort keeps, between processes, what a no-op upgrade needs of each migration
   * file in the folder locations (revision, parents, checksum), checked against each file's size,
   * modification time and inode: a command that starts a new JVM then finds that nothing is pending
   * without reading and parsing every file. It only ever decides "nothing to do"; anything else
   * reads the files. Off by default (null); the CLI uses the user's cache folder.
   */
  public RetortBuilder sourceCache(Path folder) {
    this.sourceCache = folder;
    return this;
  }

  /**
   * An empty database for drift checks and diffs to replay the migrations into, for managed servers
   * where Retort may not create a scratch schema or database of its own.
   */
  public RetortBuilder scratchUrl(String jdbcUrl, String user, String password) {
    return scratchUrl(jdbcUrl, user, password, Map.of());
  }

  /** The same, with driver properties (TLS settings and the like, as for {@link #url}). */
  public RetortBuilder scratchUrl(
      String jdbcUrl, String user, String password, Map<String, String> driverProperties) {
    Properties props = connectionProperties(user, password, driverProperties);
    String driverUrl = driverUrl(jdbcUrl);
    this.scratch = UrlConnections.of(driverUrl, props);
    return this;
  }

  public RetortBuilder listener(RetortListener listener) {
    this.listener = listener == null ? RetortListener.NONE : listener;
    return this;
  }

  public Retort build() {
    if (source == null) {
      throw new RetortException(
          ErrorCode.CONFIG, "no database: call url(...) or dataSource(...) before build()");
    }
    if (locations.isEmpty() && javaMigrations.isEmpty()) {
      throw new RetortException(
          ErrorCode.CONFIG, "no migrations: give locations(...) or javaMigrations(...)");
    }
    if (!NAME.matcher(historyTable).matches()) {
      throw new RetortException(
          ErrorCode.CONFIG,
          "history table name '"
              + historyTable
              + "' is not a plain identifier; use letters, digits and '_'");
    }
    if (lockWait == null || lockWait.isNegative()) {
      throw new RetortException(ErrorCode.CONFIG, "lock wait must be zero or more");
    }
    if (commitGroup != null && commitGroup.isNegative()) {
      throw new RetortException(ErrorCode.CONFIG, "commit group must be zero or more");
    }
    Dialect d = dialect;
    if (d == null && url != null) {
      d = Dialects.forUrl(url);
    }
    RetortConfig config =
        new RetortConfig(
            locations,
            javaMigrations,
            historyTable,
            schema,
            lockWait,
            ddlLockTimeout,
            statementTimeout,
            commitGroup,
            sourceCache);
    return new Retort(source, d, config, listener, scratch, url, connector);
  }
}
