package dev.retort.schema;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A table. Columns keep their ordinal order; every other list is sorted so that equal tables are
 * equal records.
 *
 * @param name the table name, unqualified
 * @param columns the columns in ordinal order
 * @param primaryKey the primary key, or null
 * @param foreignKeys the foreign keys
 * @param uniques the UNIQUE constraints
 * @param checks the CHECK constraints
 * @param indexes the indexes that do not implement a constraint
 * @param triggers the triggers on the table
 * @param comment the table comment, or null
 * @param options storage options
 */
public record Table(
    String name,
    List<Column> columns,
    PrimaryKey primaryKey,
    List<ForeignKey> foreignKeys,
    List<UniqueConstraint> uniques,
    List<CheckConstraint> checks,
    List<Index> indexes,
    List<Trigger> triggers,
    String comment,
    TableOptions options) {

  public Table {
    Objects.requireNonNull(name, "name");
    columns = Lists.copy(columns);
    foreignKeys = Lists.sorted(foreignKeys, ForeignKey.ORDER);
    uniques = Lists.sorted(uniques, UniqueConstraint.ORDER);
    checks = Lists.sorted(checks, CheckConstraint.ORDER);
    indexes = Lists.sorted(indexes, Index.ORDER);
    triggers = Lists.sorted(triggers, Trigger.ORDER);
    options = options == null ? TableOptions.NONE : options;
  }

  /** A table with just these columns, the start of a fluent definition. */
  public static Table of(String name, List<Column> columns) {
    return new Table(name, columns, null, null, null, null, null, null, null, null);
  }

  public Optional<Column> column(String columnName) {
    return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
  }

  public Table withName(String newName) {
    return new Table(
        newName,
        columns,
        primaryKey,
        foreignKeys,
        uniques,
        checks,
        indexes,
        triggers,
        comment,
        options);
  }

  public Table withColumns(List<Column> newColumns) {
    return new Table(
        name,
        newColumns,
        primaryKey,
        foreignKeys,
        uniques,
        checks,
        indexes,
        triggers,
        comment,
        options);
  }

  public Table withPrimaryKey(PrimaryKey newPrimaryKey) {
    return new Table(
        name,
        columns,
        newPrimaryKey,
        foreignKeys,
        uniques,
        checks,
        indexes,
        triggers,
        comment,
        options);
  }

  public Table withForeignKeys(List<ForeignKey> newForeignKeys) {
    return new Table(
        name,
        columns,
        primaryKey,
        newForeignKeys,
        uniques,
        checks,
        indexes,
        triggers,
        comment,
        options);
  }

  public Table withUniques(List<UniqueConstraint> newUniques) {
    return new Table(
        name,
        columns,
        primaryKey,
        foreignKeys,
        newUniques,
        checks,
        indexes,
        triggers,
        comment,
        options);
  }

  public Table withChecks(List<CheckConstraint> newChecks) {
    return new Table(
        name,
        columns,
        primaryKey,
        foreignKeys,
        uniques,
        newChecks,
        indexes,
        triggers,
        comment,
        options);
  }

  public Table withIndexes(List<Index> newIndexes) {
    return new Table(
        name,
        columns,
        primaryKey,
        foreignKeys,
        uniques,
        checks,
        newIndexes,
        triggers,
        comment,
        options);
  }

  public Table withTriggers(List<Trigger> newTriggers) {
    return new Table(
        name,
        columns,
        primaryKey,
        foreignKeys,
        uniques,
        checks,
        indexes,
        newTriggers,
        comment,
        options);
  }

  public Table withComment(String newComment) {
    return new Table(
        name,
        columns,
        primaryKey,
        foreignKeys,
        uniques,
        checks,
        indexes,
        triggers,
        newComment,
        options);
  }

  public Table withOptions(TableOptions newOptions) {
    return new Table(
        name,
        columns,
        primaryKey,
        foreignKeys,
        uniques,
        checks,
        indexes,
        triggers,
        comment,
        newOptions);
  }
}
