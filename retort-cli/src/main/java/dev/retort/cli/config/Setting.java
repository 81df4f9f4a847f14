package dev.retort.cli.config;

import java.nio.file.Path;

/**
 * One raw value from one source, with what an error message needs to point at it.
 *
 * @param value a String, or for {@code migrations} a {@code List<String>}
 * @param where the message prefix: {@code /path/retort.toml:12}, {@code environment} or {@code
 *     command line}
 * @param name how the user wrote it: {@code profiles.prod.url}, {@code RETORT_URL}, {@code url}
 * @param baseDir what relative paths in the value are relative to: the config file's directory for
 *     values from the file, the working directory for environment and command line
 * @param fromFile only values from the file get {@code ${VAR}} interpolation; the shell already
 *     expanded the others
 */
record Setting(Object value, String where, String name, Path baseDir, boolean fromFile) {}
