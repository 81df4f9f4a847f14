package dev.retort.execute;

import dev.retort.ErrorCode;
import dev.retort.RetortException;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.split.SqlStatement;
import dev.retort.history.HistoryRow;
import dev.retort.history.HistoryTable;
import dev.retort.plan.Step;
import java.util.List;

/**
 * Renders a plan as one SQL script for review or for a DBA to run, through the same preparation and
 * history rows as a live run: what is printed is what {@code upgrade} would execute.
 */
public final class OfflineScript {
  private OfflineScript() {}

  public static String render(
      Dialect dialect,
      HistoryTable history,
      Executor executor,
      List<Executor.PreparedStep> steps,
      long nextOrder,
      boolean createHistoryTable) {
    StringBuilder out = new StringBuilder();
    out.append("-- Retort offline script for ").append(dialect.name()).append('\n');
    if (steps.isEmpty()) {
      out.append("-- nothing to do\n");
      return out.toString();
    }
    if (createHistoryTable) {
      out.append(dialect.scriptStatement(history.createSql())).append("\n\n");
    }
    long order = nextOrder;
    for (Executor.PreparedStep prepared : steps) {
      Step step = prepared.step();
      if (step.migration() != null && step.migration().isJava()) {
        throw new RetortException(
            ErrorCode.USAGE,
            "revision "
                + step.revision()
                + " is a Java migration ("
                + step.origin()
                + ") and has no SQL to print; run it with retort upgrade");
      }
      boolean transactional = Executor.runsInTransaction(dialect, step);
      out.append("-- ")
          .append(step.direction() == Step.Direction.UP ? "upgrade " : "downgrade ")
          .append(step.revision())
          .append(": ")
          .append(step.description())
          .append(" (")
          .append(step.origin())
          .append(step.usesStoredDown() ? ", stored down script" : "")
          .append(")\n");
      if (transactional) {
        out.append("BEGIN;\n");
      }
      for (SqlStatement statement : prepared.statements()) {
        out.append(dialect.scriptStatement(statement.sql())).append('\n');
      }
      if (step.direction() == Step.Direction.UP) {
        HistoryRow row =
            executor.rowFor(
                step, order++, 0, HistoryRow.State.APPLIED, prepared.statements().size());
        out.append(dialect.scriptStatement(history.insertSql(row))).append('\n');
      } else {
        out.append(dialect.scriptStatement(history.deleteSql(step.revision()))).append('\n');
      }
      if (transactional) {
        out.append("COMMIT;\n");
      }
      out.append('\n');
    }
    return out.toString();
  }
}
