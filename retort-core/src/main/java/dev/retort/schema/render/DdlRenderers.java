package dev.retort.schema.render;

import dev.retort.ErrorCode;
import dev.retort.RetortException;
import dev.retort.dialect.Dialect;

/** Picks the renderer for a dialect. */
public final class DdlRenderers {
  private DdlRenderers() {}

  public static DdlRenderer forDialect(Dialect dialect) {
    switch (dialect.name()) {
      case "sqlite":
        return new SqliteDdlRenderer(dialect);
      case "postgresql":
        return new PostgresDdlRenderer(dialect);
      case "mysql":
        return new MySqlDdlRenderer(dialect);
      default:
        throw new RetortException(
            ErrorCode.INTERNAL,
            "no DDL renderer for dialect '" + dialect.name() + "': this is a Retort bug");
    }
  }
}
