package dev.retort.concurrency;

import dev.retort.ConnectionSource;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.Dialects;
import dev.retort.lock.MigrationLock;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.postgresql.PGConnection;

/**
 * A live process holding a database's migration lock, taken exactly as the engine takes it: the
 * dialect's {@code migrationLock} for the connection's URL and current schema. Arguments: the JDBC
 * URL and optionally the user; the password comes from {@code RETORT_PASSWORD}. Prints {@code
 * LOCKED <holder>} (what a waiter's timeout message must name: this pid on SQLite, the lock
 * connection's backend pid on PostgreSQL, its connection id on MariaDB) and keeps the lock until
 * its standard input ends or it is killed.
 */
public final class LockHolderMain {
  private LockHolderMain() {}

  public static void main(String[] args) throws Exception {
    Properties props = new Properties();
    if (args.length > 1) {
      props.setProperty("user", args[1]);
    }
    String password = System.getenv("RETORT_PASSWORD");
    if (password != null) {
      props.setProperty("password", password);
    }
    List<Connection> opened = new ArrayList<>();
    ConnectionSource source =
        () -> {
          Connection c = DriverManager.getConnection(args[0], props);
          opened.add(c);
          return c;
        };
    try (Connection connection = DriverManager.getConnection(args[0], props)) {
      Dialect dialect = Dialects.forConnection(connection);
      MigrationLock lock =
          dialect.migrationLock(
              source, connection.getMetaData().getURL(), dialect.currentSchema(connection));
      try (MigrationLock.Held held = lock.acquire(Duration.ofSeconds(30))) {
        System.out.println("LOCKED " + holder(dialect.name(), opened));
        System.out.flush();
        while (System.in.read() >= 0) {
          // Hold until the parent closes our stdin, kills us, or dies itself.
        }
      }
    }
  }

  private static String holder(String dialect, List<Connection> opened) throws Exception {
    switch (dialect) {
      case "sqlite":
        return "process " + ProcessHandle.current().pid() + "@";
      case "postgresql":
        return "pid " + opened.get(0).unwrap(PGConnection.class).getBackendPID();
      default:
        try (Statement st = opened.get(0).createStatement();
            ResultSet rs = st.executeQuery("SELECT CONNECTION_ID()")) {
          rs.next();
          return "connection id " + rs.getLong(1);
        }
    }
  }
}
