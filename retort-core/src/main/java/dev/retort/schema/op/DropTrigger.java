package dev.retort.schema.op;

import dev.retort.schema.Trigger;

/** Drops a trigger; carries its definition for the inverse. */
public record DropTrigger(Trigger trigger) implements SchemaOperation {
  @Override
  public SchemaOperation inverse() {
    return new CreateTrigger(trigger);
  }

  @Override
  public boolean destructive() {
    return false;
  }
}
