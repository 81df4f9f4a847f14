package dev.retort.schema.introspect;

import dev.retort.ErrorCode;
import dev.retort.RetortException;
import dev.retort.dialect.Dialect;

/** Picks the introspector for a dialect. */
public final class SchemaIntrospectors {
  private SchemaIntrospectors() {}

  public static SchemaIntrospector forDialect(Dialect dialect) {
    switch (dialect.name()) {
      case "sqlite":
        return new SqliteIntrospector();
      case "postgresql":
        return new PostgresIntrospector();
      case "mysql":
        return new MySqlIntrospector();
      default:
        throw new RetortException(
            ErrorCode.INTERNAL,
            "no schema introspector for dialect '" + dialect.name() + "': this is a Retort bug");
    }
  }
}
