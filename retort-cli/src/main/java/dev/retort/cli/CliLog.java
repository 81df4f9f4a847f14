package dev.retort.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The CLI's slf4j provider: the library's log lines on stderr as one line each, {@code retort:
 * warning: ...}, in the same voice as the CLI's own messages. The CLI prints its own progress, so
 * only warnings and errors show unless {@code RETORT_LOG} asks for more ({@code error}, {@code
 * warn}, {@code info}, {@code debug}, {@code trace}).
 *
 * <p>In place of slf4j-simple, whose set-up (a properties file looked up through the class path, a
 * date format, regexes) took about 15 ms of every CLI start on the main thread
 * (docs/benchmarks.md). {@code RETORT_LOG} lowers the threshold for Retort's own loggers only: the
 * JDBC drivers' debug lines can carry connection properties, and no secret may reach the log, so
 * other libraries show warnings and errors at most. MariaDB Connector/J logs every error packet at
 * WARN, including the expected "table doesn't exist" of a first upgrade's history read, so its
 * loggers show errors only; Retort reports real errors itself.
 */
public final class CliLog implements SLF4JServiceProvider {
  private static final String QUIET_DRIVER = "org.mariadb.jdbc";
  private static final String OWN = "dev.retort.";

  private final BasicMarkerFactory markers = new BasicMarkerFactory();
  private final NOPMDCAdapter mdc = new NOPMDCAdapter();
  private ILoggerFactory factory;

  @Override
  public void initialize() {
    Level level = level(System.getenv("RETORT_LOG"));
    PrintStream err = System.err;
    factory = name -> new Line(name, threshold(name, level), err);
  }

  /** The threshold of logger {@code name} when RETORT_LOG asks for {@code level}. */
  static Level threshold(String name, Level level) {
    if (name.startsWith(QUIET_DRIVER)) {
      return Level.ERROR;
    }
    if (!name.startsWith(OWN) && level.toInt() < Level.WARN.toInt()) {
      return Level.WARN;
    }
    return level;
  }

  /** The level RETORT_LOG names; warnings and errors when it is unset or unknown. */
  static Level level(String setting) {
    if (setting == null) {
      return Level.WARN;
    }
    return switch (setting.strip().toLowerCase(Locale.ROOT)) {
      case "error" -> Level.ERROR;
      case "info" -> Level.INFO;
      case "debug" -> Level.DEBUG;
      case "trace" -> Level.TRACE;
      default -> Level.WARN;
    };
  }

  @Override
  public ILoggerFactory getLoggerFactory() {
    return factory;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  /** One logger: lines at {@code threshold} and above, each a single line on stderr. */
  static final class Line extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;
    private final transient Level threshold;
    private final transient PrintStream out;

    Line(String name, Level threshold, PrintStream out) {
      this.name = name;
      this.threshold = threshold;
      this.out = out;
    }

    private boolean on(Level level) {
      return level.toInt() >= threshold.toInt();
    }

    @Override
    public boolean isTraceEnabled() {
      return on(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
      return on(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
      return on(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
      return on(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
      return on(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
        Level level, Marker marker, String pattern, Object[] args, Throwable thrown) {
      out.println(format(level, name, pattern, args, thrown));
    }
  }

  /**
   * {@code retort: warning: message}; below WARN the logger's name too, since those lines are for
   * whoever reads the library's code; a throwable adds its one-line description, not a stack trace.
   */
  static String format(Level level, String logger, String pattern, Object[] args, Throwable t) {
    StringBuilder line = new StringBuilder("retort: ");
    line.append(level == Level.WARN ? "warning" : level.toString().toLowerCase(Locale.ROOT));
    line.append(": ");
    if (level.toInt() < Level.WARN.toInt()) {
      line.append('[').append(logger).append("] ");
    }
    line.append(MessageFormatter.basicArrayFormat(pattern, args));
    if (t != null) {
      line.append(" (").append(t).append(')');
    }
    return oneLine(line.toString());
  }

  /** Line breaks inside a message (a view's SQL, a server's detail lines) written as \n. */
  static String oneLine(String text) {
    if (text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
      return text;
    }
    return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n");
  }

  /** For tests: a logger with this threshold writing to {@code out}. */
  static Logger logger(String name, Level threshold, PrintStream out) {
    return new Line(name, threshold, out);
  }
}
