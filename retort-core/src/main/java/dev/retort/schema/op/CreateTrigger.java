package dev.retort.schema.op;

import dev.retort.schema.Trigger;

/** Creates a trigger from its definition text. */
public record CreateTrigger(Trigger trigger) implements SchemaOperation {
  @Override
  public SchemaOperation inverse() {
    return new DropTrigger(trigger);
  }

  @Override
  public boolean destructive() {
    return false;
  }
}
