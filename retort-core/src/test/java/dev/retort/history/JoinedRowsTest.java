package dev.retort.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading back a joined history value: exact, or null so that the caller reads row by row. */
class JoinedRowsTest {
  private static final String R = "\u001e";
  private static final String F = "\u001f";

  @Test
  void readsRowsWithNullsEmptiesAndMarkersApart() {
    List<String[]> rows = JoinedRows.parse(2, "1" + F + "=a" + F + R + "2" + F + "=" + F + "==", 2);
    assertThat(rows).containsExactly(new String[] {"a", null}, new String[] {"", "="});
  }

  @Test
  void anEmptyTableIsNoRows() {
    assertThat(JoinedRows.parse(0, null, 2)).isEmpty();
  }

  @Test
  void whatDoesNotReadBackExactlyIsNull() {
    // more records than rows: a record separator inside a value
    assertThat(JoinedRows.parse(1, "1" + F + "=a" + R + "b", 1)).isNull();
    // fewer records than rows: a row the join left out
    assertThat(JoinedRows.parse(2, "1" + F + "=a", 1)).isNull();
    assertThat(JoinedRows.parse(1, null, 1)).isNull();
    // a field separator inside a value
    assertThat(JoinedRows.parse(1, "1" + F + "=a" + F + "b", 1)).isNull();
    // a value without its marker, a key that is no number, rows out of order
    assertThat(JoinedRows.parse(1, "1" + F + "a", 1)).isNull();
    assertThat(JoinedRows.parse(1, "x" + F + "=a", 1)).isNull();
    assertThat(JoinedRows.parse(2, "2" + F + "=a" + R + "1" + F + "=b", 1)).isNull();
  }
}
