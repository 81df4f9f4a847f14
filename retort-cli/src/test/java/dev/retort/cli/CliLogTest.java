package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.event.Level;

class CliLogTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void warningsAndErrorsAreOneLineInTheCliVoice() {
    Logger log = CliLog.logger("dev.retort.Retort", Level.WARN, out);
    log.warn("could not reset the session settings: {}", "timeout");
    log.error("lost", new IllegalStateException("connection reset"));
    log.info("not shown");
    log.debug("not shown");

    assertThat(printed().lines().toList())
        .containsExactly(
            "retort: warning: could not reset the session settings: timeout",
            "retort: error: lost (java.lang.IllegalStateException: connection reset)");
    assertThat(printed()).doesNotContain("\tat ");
  }

  @Test
  void debugLinesNameTheirLogger() {
    Logger log = CliLog.logger("dev.retort.lock.PostgresAdvisoryLock", Level.DEBUG, out);
    log.debug("took migration lock {} (advisory key {})", "main", 42);
    log.trace("not shown");

    assertThat(printed())
        .isEqualTo(
            "retort: debug: [dev.retort.lock.PostgresAdvisoryLock] took migration lock main"
                + " (advisory key 42)"
                + System.lineSeparator());
  }

  @Test
  void aMessageWithLineBreaksStaysOneLine() {
    Logger log = CliLog.logger("dev.retort.schema.sqlite.SqliteTableRebuild", Level.WARN, out);
    log.error(
        "could not recreate view v:\nCREATE VIEW v AS\r\nSELECT 1",
        new IllegalStateException("a\rb"));

    assertThat(printed().lines().toList())
        .containsExactly(
            "retort: error: could not recreate view v:\\nCREATE VIEW v AS\\nSELECT 1"
                + " (java.lang.IllegalStateException: a\\nb)");
  }

  @Test
  void retortLogLowersTheThresholdOfRetortsOwnLoggersOnly() {
    assertThat(CliLog.threshold("dev.retort.lock.PostgresAdvisoryLock", Level.DEBUG))
        .isEqualTo(Level.DEBUG);
    assertThat(CliLog.threshold("org.postgresql.Driver", Level.DEBUG))
        .as("a driver's debug lines can carry connection properties")
        .isEqualTo(Level.WARN);
    assertThat(CliLog.threshold("org.mariadb.jdbc.client.impl", Level.WARN))
        .as("MariaDB's expected error packets")
        .isEqualTo(Level.ERROR);
    assertThat(CliLog.threshold("org.sqlite.core.NativeDB", Level.ERROR)).isEqualTo(Level.ERROR);
  }

  @Test
  void retortLogChoosesTheLevel() {
    assertThat(CliLog.level(null)).isEqualTo(Level.WARN);
    assertThat(CliLog.level(" DEBUG ")).isEqualTo(Level.DEBUG);
    assertThat(CliLog.level("info")).isEqualTo(Level.INFO);
    assertThat(CliLog.level("error")).isEqualTo(Level.ERROR);
    assertThat(CliLog.level("trace")).isEqualTo(Level.TRACE);
    assertThat(CliLog.level("loud")).as("unknown: the default").isEqualTo(Level.WARN);
  }
}
