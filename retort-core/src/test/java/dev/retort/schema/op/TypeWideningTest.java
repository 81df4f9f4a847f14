package dev.retort.schema.op;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TypeWideningTest {
  @Test
  void wideningKeepsEveryValue() {
    assertThat(TypeWidening.isWidening("integer", "bigint")).isTrue();
    assertThat(TypeWidening.isWidening("int(11)", "bigint(20)")).isTrue();
    assertThat(TypeWidening.isWidening("smallint", "int4")).isTrue();
    assertThat(TypeWidening.isWidening("character varying(100)", "character varying(200)"))
        .isTrue();
    assertThat(TypeWidening.isWidening("varchar(100)", "text")).isTrue();
    assertThat(TypeWidening.isWidening("numeric(6,2)", "numeric(8,2)")).isTrue();
    assertThat(TypeWidening.isWidening("numeric(6,2)", "numeric")).isTrue();
    assertThat(TypeWidening.isWidening("real", "double precision")).isTrue();
  }

  @Test
  void anythingElseIsNarrowing() {
    assertThat(TypeWidening.isWidening("bigint", "integer")).isFalse();
    assertThat(TypeWidening.isWidening("varchar(100)", "varchar(80)")).isFalse();
    assertThat(TypeWidening.isWidening("numeric(6,2)", "numeric(6,3)")).isFalse();
    assertThat(TypeWidening.isWidening("text", "integer")).isFalse();
    assertThat(TypeWidening.isWidening("int", "int unsigned")).isFalse();
    assertThat(TypeWidening.isWidening("timestamp", "date")).isFalse();
  }
}
