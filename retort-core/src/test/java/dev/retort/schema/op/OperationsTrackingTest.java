package dev.retort.schema.op;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.schema.Column;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The builder remembers what it did to a column, so each operation starts from the latest state.
 */
class OperationsTrackingTest {
  static final Column MS = Column.of("milliseconds", "integer").withDefault("0");

  @Test
  void laterChangesStartFromWhatEarlierOnesLeft() {
    List<SchemaOperation> ops =
        new Operations()
            .alterColumnType("track", MS, "bigint")
            .setNotNull("track", MS)
            .dropDefault("track", MS)
            .build();

    assertThat(ops)
        .containsExactly(
            new AlterColumnType("track", MS, MS.withType("bigint")),
            new AlterColumnNullability(
                "track", MS.withType("bigint"), MS.withType("bigint").notNull()),
            new AlterColumnDefault(
                "track",
                MS.withType("bigint").notNull(),
                MS.withType("bigint").notNull().withDefault(null)));
  }

  @Test
  void theInverseRestoresEachStepInTurn() {
    Operations ops =
        new Operations().alterColumnType("track", MS, "bigint").setNotNull("track", MS);

    assertThat(ops.inverse())
        .containsExactly(
            new AlterColumnNullability(
                "track", MS.withType("bigint").notNull(), MS.withType("bigint")),
            new AlterColumnType("track", MS.withType("bigint"), MS));
  }

  @Test
  void renamesAndNewColumnsAreFollowed() {
    Column bytes = Column.of("bytes", "integer").notNull().withDefault("0");
    List<SchemaOperation> ops =
        new Operations()
            .addColumn("track", bytes)
            .renameColumn("track", "bytes", "size")
            .renameTable("track", "song")
            .setNullable("song", Column.of("size", "ignored"))
            .dropColumn("song", Column.of("size", "ignored"))
            .build();

    Column size = bytes.withName("size");
    assertThat(ops.get(3))
        .isEqualTo(new AlterColumnNullability("song", size, size.withNullable(true)));
    assertThat(ops.get(4)).isEqualTo(new DropColumn("song", size.withNullable(true)));
  }

  @Test
  void aColumnNotSeenBeforeIsTakenAsGiven() {
    assertThat(new Operations().setDefault("track", MS, "1").build())
        .containsExactly(new AlterColumnDefault("track", MS, MS.withDefault("1")));
    assertThat(
            new Operations().alterColumnType("track", MS, "bigint", "milliseconds::bigint").build())
        .containsExactly(
            new AlterColumnType("track", MS, MS.withType("bigint"), "milliseconds::bigint"));
  }
}
