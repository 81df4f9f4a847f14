package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
  private final StringWriter text = new StringWriter();

  @Test
  void onATerminalOneLineIsRewrittenAndEndedWhenDone() {
    ProgressLine line = new ProgressLine(new PrintWriter(text), true);

    line.report("copying \"track\"", 450_000, 1_000_000);
    line.report("copying \"track\"", 900_000, 1_000_000);
    line.report("copying \"track\"", 1_000_000, 1_000_000);

    assertThat(text.toString())
        .isEqualTo(
            "\rcopying \"track\": 450000/1000000 rows (45%)"
                + "\rcopying \"track\": 900000/1000000 rows (90%)"
                + "\rcopying \"track\": 1000000/1000000 rows (100%)"
                + System.lineSeparator());
  }

  @Test
  void inALogAtMostOneLinePerTenPercent() {
    ProgressLine line = new ProgressLine(new PrintWriter(text), false);

    for (long done = 50_000; done <= 1_000_000; done += 50_000) {
      line.report("copying \"track\"", done, 1_000_000);
    }

    assertThat(text.toString().lines())
        .containsExactly(
            "copying \"track\": 50000/1000000 rows (5%)",
            "copying \"track\": 100000/1000000 rows (10%)",
            "copying \"track\": 200000/1000000 rows (20%)",
            "copying \"track\": 300000/1000000 rows (30%)",
            "copying \"track\": 400000/1000000 rows (40%)",
            "copying \"track\": 500000/1000000 rows (50%)",
            "copying \"track\": 600000/1000000 rows (60%)",
            "copying \"track\": 700000/1000000 rows (70%)",
            "copying \"track\": 800000/1000000 rows (80%)",
            "copying \"track\": 900000/1000000 rows (90%)",
            "copying \"track\": 1000000/1000000 rows (100%)");
  }

  @Test
  void aCopyDoneInOneGoShowsNothing() {
    ProgressLine line = new ProgressLine(new PrintWriter(text), true);

    line.report("copying \"album\"", 347, 347);
    line.report("copying \"track\"", 3_503, 3_503);

    assertThat(text.toString()).isEmpty();
  }

  @Test
  void endingClosesALineLeftOpenBeforeOtherOutput() {
    ProgressLine line = new ProgressLine(new PrintWriter(text), true);

    line.report("copying \"track\"", 100_000, 250_000);
    line.end();
    line.end();

    assertThat(text.toString())
        .isEqualTo("\rcopying \"track\": 100000/250000 rows (40%)" + System.lineSeparator());
  }
}
