package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Passwords never appear in what the CLI prints, even when a driver quotes the URL. */
class CliSecretsTest {
  @TempDir Path tmp;

  @Test
  void aPasswordInTheUrlIsNotPrintedWhenTheDriverQuotesTheUrl() {
    CliProject p = CliProject.sqlite(tmp);
    CliProject.Result r =
        p.run("--url", "jdbc:postgresql://h:notaport/x?user=root&password=s3cret", "status");

    assertThat(r.exit()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).contains("Unable to parse URL jdbc:postgresql://h:notaport/x?user=root;");
    assertThat(r.out() + r.err()).doesNotContain("s3cret");
  }
}
