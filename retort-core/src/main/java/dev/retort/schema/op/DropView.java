package dev.retort.schema.op;

import dev.retort.schema.View;

/** Drops a view; carries its definition for the inverse. */
public record DropView(View view) implements SchemaOperation {
  @Override
  public SchemaOperation inverse() {
    return new CreateView(view);
  }

  @Override
  public boolean destructive() {
    return false;
  }
}
