package dev.retort.schema.op;

import dev.retort.schema.View;

/** Creates a view (with the indexes of a materialized view and any triggers on it). */
public record CreateView(View view) implements SchemaOperation {
  @Override
  public SchemaOperation inverse() {
    return new DropView(view);
  }

  @Override
  public boolean destructive() {
    return false;
  }
}
