package dev.retort.cli.config;

import dev.retort.ErrorCode;
import dev.retort.RetortException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Shared helpers: write a retort.toml, and catch the CONFIG error a load must throw. */
final class ConfigTestFiles {

  static Path write(Path dir, String toml) {
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve("retort.toml");
      Files.writeString(file, toml);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The message of the {@link ErrorCode#CONFIG} error {@code load} throws; fails otherwise. */
  static String configError(ThrowingCallable load) {
    Throwable thrown = Assertions.catchThrowable(load);
    Assertions.assertThat(thrown).isInstanceOf(RetortException.class);
    RetortException e = (RetortException) thrown;
    Assertions.assertThat(e.code()).isEqualTo(ErrorCode.CONFIG);
    Assertions.assertThat(e.getMessage()).doesNotContain("\n").contains(" — ");
    return e.getMessage();
  }

  private ConfigTestFiles() {}
}
