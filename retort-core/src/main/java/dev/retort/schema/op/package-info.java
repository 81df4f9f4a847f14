/**
 * Schema changes as values ({@link dev.retort.schema.op.SchemaOperation}), each with its inverse,
 * and {@link dev.retort.schema.op.Operations}, the fluent way Java migrations build them.
 */
package dev.retort.schema.op;
