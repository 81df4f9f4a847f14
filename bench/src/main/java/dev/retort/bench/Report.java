package dev.retort.bench;

import java.util.List;

/** The result table, in Markdown: readable in a terminal and pasteable into docs. */
final class Report {
  private Report() {}

  static String render(List<String> header, List<Row> rows, boolean quick) {
    StringBuilder sb = new StringBuilder();
    for (String line : header) {
      sb.append("- ").append(line).append('\n');
    }
    if (quick) {
      sb.append("- QUICK RUN (--quick): fewer repetitions, numbers are rough\n");
    }
    sb.append('\n');
    sb.append(
        "| Scenario | Retort | Flyway | Liquibase | Retort / Flyway | Retort / Liquibase"
            + " | Target (Retort) | Met |\n");
    sb.append("|---|---:|---:|---:|---:|---:|---|---|\n");
    for (Row r : rows) {
      sb.append("| ")
          .append(r.scenario)
          .append(" | ")
          .append(r.cell(Tool.RETORT))
          .append(" | ")
          .append(r.cell(Tool.FLYWAY))
          .append(" | ")
          .append(r.cell(Tool.LIQUIBASE))
          .append(" | ")
          .append(Stats.ratio(r.get(Tool.RETORT), r.get(Tool.FLYWAY)))
          .append(" | ")
          .append(Stats.ratio(r.get(Tool.RETORT), r.get(Tool.LIQUIBASE)))
          .append(" | ")
          .append(r.target)
          .append(" | ")
          .append(r.metCell())
          .append(" |\n");
    }
    return sb.toString();
  }
}
