package dev.retort.schema;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A foreign key constraint.
 *
 * @param name the constraint name, or null where the database keeps none
 * @param columns the referencing columns, in key order
 * @param referencedTable the referenced table
 * @param referencedColumns the referenced columns, in key order
 * @param onDelete the referential action: NO ACTION, RESTRICT, CASCADE, SET NULL or SET DEFAULT
 * @param onUpdate the referential action on update
 */
public record ForeignKey(
    String name,
    List<String> columns,
    String referencedTable,
    List<String> referencedColumns,
    String onDelete,
    String onUpdate) {

  static final Comparator<ForeignKey> ORDER =
      Comparator.comparing(ForeignKey::name, Lists.NULLABLE_NAME)
          .thenComparing(ForeignKey::columns, Lists::compare)
          .thenComparing(ForeignKey::referencedTable)
          .thenComparing(ForeignKey::referencedColumns, Lists::compare);

  public ForeignKey {
    columns = Lists.copy(columns);
    referencedColumns = Lists.copy(referencedColumns);
    onDelete = action(onDelete);
    onUpdate = action(onUpdate);
  }

  /** An unnamed key with NO ACTION on delete and update. */
  public static ForeignKey of(
      List<String> columns, String referencedTable, List<String> referencedColumns) {
    return new ForeignKey(null, columns, referencedTable, referencedColumns, null, null);
  }

  /** The same key under another name. */
  public ForeignKey withName(String newName) {
    return new ForeignKey(newName, columns, referencedTable, referencedColumns, onDelete, onUpdate);
  }

  /** The same key with other actions. */
  public ForeignKey withActions(String newOnDelete, String newOnUpdate) {
    return new ForeignKey(
        name, columns, referencedTable, referencedColumns, newOnDelete, newOnUpdate);
  }

  /** Whether two keys say the same thing, whatever their names. */
  public boolean sameContent(ForeignKey other) {
    return columns.equals(other.columns)
        && referencedTable.equals(other.referencedTable)
        && referencedColumns.equals(other.referencedColumns)
        && onDelete.equals(other.onDelete)
        && onUpdate.equals(other.onUpdate);
  }

  private static String action(String action) {
    if (action == null || action.isBlank()) {
      return "NO ACTION";
    }
    return action.trim().replace('_', ' ').toUpperCase(Locale.ROOT);
  }
}
