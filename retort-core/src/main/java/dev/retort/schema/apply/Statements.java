package dev.retort.schema.apply;

import dev.retort.ErrorCode;
import dev.retort.RetortException;
import dev.retort.execute.SqlErrors;
import dev.retort.schema.op.SchemaOperation;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Runs the rendered statements of one operation, naming the operation when one fails. */
final class Statements {
  private Statements() {}

  static void run(Connection connection, SchemaOperation op, List<String> statements) {
    for (String sql : statements) {
      try (Statement st = connection.createStatement()) {
        st.execute(sql);
      } catch (SQLException e) {
        throw new RetortException(
            ErrorCode.MIGRATION_FAILED,
            Describe.what(op) + " failed: " + SqlErrors.oneLine(sql) + ": " + SqlErrors.message(e),
            e);
      }
    }
  }
}
