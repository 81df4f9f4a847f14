package dev.retort.schema.introspect;

import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.Table;
import dev.retort.schema.TableOptions;
import dev.retort.schema.Trigger;
import dev.retort.schema.UniqueConstraint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Collects the parts of one table while the bulk catalog queries stream in. */
final class TableBuilder {
  final String name;
  final List<Column> columns = new ArrayList<>();
  PrimaryKey primaryKey;
  final List<ForeignKey> foreignKeys = new ArrayList<>();
  final List<UniqueConstraint> uniques = new ArrayList<>();
  final List<CheckConstraint> checks = new ArrayList<>();
  final List<Index> indexes = new ArrayList<>();
  final List<Trigger> triggers = new ArrayList<>();
  String comment;

  /** SQLite: primary key columns by their position in the key. */
  final Map<Integer, String> pkColumns = new TreeMap<>();

  TableOptions options = TableOptions.NONE;

  TableBuilder(String name) {
    this.name = name;
  }

  Table build() {
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
        options);
  }
}
