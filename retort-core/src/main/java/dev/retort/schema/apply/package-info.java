/**
 * Applies database-neutral schema operations to a live database: {@link
 * dev.retort.schema.apply.SchemaChanges} for any code holding a connection, and {@link
 * dev.retort.schema.apply.SchemaMigration} for Java migrations that say their changes with {@link
 * dev.retort.schema.op.Operations} and get their down migration for free.
 */
package dev.retort.schema.apply;
