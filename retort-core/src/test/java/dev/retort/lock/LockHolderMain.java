package dev.retort.lock;

import dev.retort.ConnectionSource;
import dev.retort.RetortException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.postgresql.PGConnection;

/**
 * A second process for the cross-process tests. Arguments: {@code hold|try}, {@code
 * file|postgres|mariadb}, then the lock file, or the JDBC URL, user, password and lock name.
 *
 * <p>{@code hold} takes the lock, prints "LOCKED mark" (the mark the parent expects in its timeout
 * message: this pid, the backend pid, the connection id) and keeps it until killed, or until its
 * standard input ends (the parent died). {@code try} tries once without waiting and prints "LOCKED"
 * or "TIMEOUT message".
 */
public final class LockHolderMain {
  private LockHolderMain() {}

  public static void main(String[] args) throws Exception {
    boolean hold = args[0].equals("hold");
    Connection[] lockConnection = new Connection[1];
    MigrationLock lock;
    switch (args[1]) {
      case "file" -> lock = new FileMigrationLock(Path.of(args[2]));
      case "postgres", "mariadb" -> {
        ConnectionSource source =
            () -> lockConnection[0] = DriverManager.getConnection(args[2], args[3], args[4]);
        lock =
            args[1].equals("postgres")
                ? new PostgresAdvisoryLock(source, args[5])
                : new MySqlNamedLock(source, args[5]);
      }
      default -> throw new IllegalArgumentException(args[1]);
    }
    MigrationLock.Held held;
    try {
      held = lock.acquire(hold ? Duration.ofSeconds(30) : Duration.ZERO);
    } catch (RetortException e) {
      System.out.println("TIMEOUT " + e.getMessage());
      return;
    }
    if (!hold) {
      held.close();
      System.out.println("LOCKED");
      return;
    }
    System.out.println("LOCKED " + mark(args[1], lockConnection[0]));
    System.out.flush();
    while (System.in.read() >= 0) {
      // Wait for the parent to kill us, or to die itself.
    }
    held.close();
  }

  private static String mark(String kind, Connection connection) throws SQLException {
    switch (kind) {
      case "file":
        return ProcessHandle.current().pid() + "@";
      case "postgres":
        return "PostgreSQL pid " + connection.unwrap(PGConnection.class).getBackendPID();
      default:
        try (Statement st = connection.createStatement();
            ResultSet rs = st.executeQuery("SELECT CONNECTION_ID()")) {
          rs.next();
          return "connection id " + rs.getLong(1);
        }
    }
  }
}
