/** Comparing two schema models into the ordered operations that turn one into the other. */
package dev.retort.schema.diff;
