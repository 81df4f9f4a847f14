package dev.retort.schema.introspect;

import dev.retort.schema.SchemaModel;
import java.sql.Connection;

/**
 * Reads the live schema of a database into a {@link SchemaModel}. Implementations read the catalog
 * with one query per kind of object for the whole schema, never one per table, so that large
 * schemas are read in about a second.
 */
public interface SchemaIntrospector {
  /**
   * Reads the schema the filter names.
   *
   * @throws dev.retort.RetortException with {@link dev.retort.ErrorCode#DATABASE} when the catalog
   *     cannot be read
   */
  SchemaModel introspect(Connection connection, SchemaFilter filter);
}
