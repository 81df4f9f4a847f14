package dev.retort.schema.render;

import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.EnumType;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.IndexColumn;
import dev.retort.schema.SchemaModel;
import dev.retort.schema.Sequence;
import dev.retort.schema.Table;
import dev.retort.schema.TableOptions;
import dev.retort.schema.Trigger;
import dev.retort.schema.UniqueConstraint;
import dev.retort.schema.View;
import java.util.List;

/**
 * The model as stable, pretty JSON: members in a fixed order, lists in the model's sorted order,
 * absent (null) optional values and empty lists left out, so that the same schema always gives the
 * same bytes and a text diff of two files shows real differences only.
 */
public final class SchemaJson {
  private SchemaJson() {}

  public static String write(SchemaModel model) {
    JsonWriter json = new JsonWriter().beginObject();
    json.name("tables").beginArray();
    for (Table table : model.tables()) {
      table(json, table);
    }
    json.endArray();
    json.name("views").beginArray();
    for (View view : model.views()) {
      view(json, view);
    }
    json.endArray();
    json.name("sequences").beginArray();
    for (Sequence sequence : model.sequences()) {
      sequence(json, sequence);
    }
    json.endArray();
    json.name("enums").beginArray();
    for (EnumType type : model.enums()) {
      json.beginObject().name("name").value(type.name());
      strings(json, "labels", type.labels());
      json.endObject();
    }
    json.endArray();
    return json.endObject().toString() + "\n";
  }

  private static void table(JsonWriter json, Table table) {
    json.beginObject().name("name").value(table.name());
    json.name("columns").beginArray();
    for (Column column : table.columns()) {
      column(json, column);
    }
    json.endArray();
    if (table.primaryKey() != null) {
      json.name("primaryKey").beginObject().optional("name", table.primaryKey().name());
      strings(json, "columns", table.primaryKey().columns());
      json.endObject();
    }
    if (!table.foreignKeys().isEmpty()) {
      json.name("foreignKeys").beginArray();
      for (ForeignKey fk : table.foreignKeys()) {
        json.beginObject().optional("name", fk.name());
        strings(json, "columns", fk.columns());
        json.name("referencedTable").value(fk.referencedTable());
        strings(json, "referencedColumns", fk.referencedColumns());
        json.name("onDelete").value(fk.onDelete()).name("onUpdate").value(fk.onUpdate());
        json.endObject();
      }
      json.endArray();
    }
    if (!table.uniques().isEmpty()) {
      json.name("uniques").beginArray();
      for (UniqueConstraint unique : table.uniques()) {
        json.beginObject().optional("name", unique.name());
        strings(json, "columns", unique.columns());
        json.endObject();
      }
      json.endArray();
    }
    if (!table.checks().isEmpty()) {
      json.name("checks").beginArray();
      for (CheckConstraint check : table.checks()) {
        json.beginObject().optional("name", check.name());
        json.name("expression").value(check.expression()).endObject();
      }
      json.endArray();
    }
    indexes(json, table.indexes());
    triggers(json, table.triggers());
    json.optional("comment", table.comment());
    options(json, table.options());
    json.endObject();
  }

  private static void column(JsonWriter json, Column column) {
    json.beginObject()
        .name("name")
        .value(column.name())
        .name("type")
        .value(column.type())
        .name("nullable")
        .value(column.nullable())
        .optional("default", column.defaultExpression());
    if (column.identity() != Column.Identity.NONE) {
      json.name("identity").value(column.identity().name());
    }
    if (column.generatedExpression() != null) {
      json.name("generated").value(column.generatedExpression());
      json.name("stored").value(column.generatedStored());
    }
    json.optional("collation", column.collation()).optional("comment", column.comment());
    json.endObject();
  }

  private static void indexes(JsonWriter json, List<Index> indexes) {
    if (indexes.isEmpty()) {
      return;
    }
    json.name("indexes").beginArray();
    for (Index index : indexes) {
      json.beginObject().name("name").value(index.name()).name("unique").value(index.unique());
      json.name("columns").beginArray();
      for (IndexColumn key : index.columns()) {
        json.beginObject()
            .optional("column", key.column())
            .optional("expression", key.expression());
        if (key.descending()) {
          json.name("descending").value(true);
        }
        json.optional("opclass", key.opclass());
        if (key.prefixLength() != null) {
          json.name("prefixLength").value(key.prefixLength());
        }
        json.endObject();
      }
      json.endArray();
      json.optional("where", index.where()).optional("method", index.method()).endObject();
    }
    json.endArray();
  }

  private static void triggers(JsonWriter json, List<Trigger> triggers) {
    if (triggers.isEmpty()) {
      return;
    }
    json.name("triggers").beginArray();
    for (Trigger trigger : triggers) {
      json.beginObject()
          .name("name")
          .value(trigger.name())
          .name("table")
          .value(trigger.table())
          .name("definition")
          .value(trigger.definition())
          .endObject();
    }
    json.endArray();
  }

  private static void options(JsonWriter json, TableOptions options) {
    if (options.equals(TableOptions.NONE)) {
      return;
    }
    json.name("options").beginObject();
    if (options.strict()) {
      json.name("strict").value(true);
    }
    if (options.withoutRowid()) {
      json.name("withoutRowid").value(true);
    }
    json.optional("partitionBy", options.partitionBy())
        .optional("partitionOf", options.partitionOf())
        .optional("partitionBound", options.partitionBound())
        .optional("engine", options.engine())
        .optional("collation", options.collation())
        .endObject();
  }

  private static void view(JsonWriter json, View view) {
    json.beginObject().name("name").value(view.name()).name("definition").value(view.definition());
    if (view.materialized()) {
      json.name("materialized").value(true);
    }
    indexes(json, view.indexes());
    triggers(json, view.triggers());
    json.optional("comment", view.comment()).endObject();
  }

  private static void sequence(JsonWriter json, Sequence s) {
    json.beginObject()
        .name("name")
        .value(s.name())
        .name("dataType")
        .value(s.dataType())
        .name("start")
        .value(s.start())
        .name("increment")
        .value(s.increment())
        .name("minValue")
        .value(s.minValue())
        .name("maxValue")
        .value(s.maxValue())
        .name("cache")
        .value(s.cache())
        .name("cycle")
        .value(s.cycle())
        .optional("ownedByTable", s.ownedByTable())
        .optional("ownedByColumn", s.ownedByColumn())
        .endObject();
  }

  private static void strings(JsonWriter json, String name, List<String> values) {
    json.name(name).beginArray();
    for (String value : values) {
      json.value(value);
    }
    json.endArray();
  }
}
