package dev.retort.schema.op;

import dev.retort.ErrorCode;
import dev.retort.RetortException;

/**
 * Adds a label to a PostgreSQL enum type.
 *
 * @param type the enum type
 * @param label the new label
 * @param before the existing label it goes before, or null to append it at the end
 */
public record AddEnumValue(String type, String label, String before) implements SchemaOperation {
  /**
   * PostgreSQL cannot remove a label from an enum (ALTER TYPE has no DROP VALUE), so there is no
   * inverse.
   */
  @Override
  public SchemaOperation inverse() {
    throw new RetortException(
        ErrorCode.USAGE,
        "cannot undo adding '"
            + label
            + "' to enum "
            + type
            + ": PostgreSQL cannot remove an enum value; write the down migration by hand"
            + " (create a new type, convert the columns, drop the old type)");
  }

  @Override
  public boolean destructive() {
    return false;
  }
}
