package dev.retort.dialect.split;

/**
 * One statement of a script, as the database will receive it.
 *
 * @param sql the statement text, without its terminating delimiter and trimmed
 * @param line the 1-based line, within the script given to the splitter, where it starts
 */
public record SqlStatement(String sql, int line) {}
