package dev.retort.source;

import dev.retort.JavaMigration;
import java.util.List;

/**
 * One migration as the source knows it: a SQL file or a Java class.
 *
 * @param id the revision id
 * @param parents parent revision ids, empty for a root
 * @param description one line
 * @param transactional false when the migration must run outside a transaction
 * @param origin where it came from: a file path, a classpath resource or a class name
 * @param checksum the normalised checksum, see {@link Checksums}
 * @param up the up script (SQL migrations)
 * @param down the down script or null (SQL migrations)
 * @param java the Java migration, or null for SQL
 */
public record Migration(
    String id,
    List<String> parents,
    String description,
    boolean transactional,
    String origin,
    String checksum,
    Script up,
    Script down,
    JavaMigration java) {

  public Migration {
    parents = List.copyOf(parents);
  }

  public boolean isJava() {
    return java != null;
  }

  /**
   * Whether the migration can be reverted from its source: it has a down part, or its up part runs
   * nothing (a merge revision), so there is nothing to undo.
   */
  public boolean hasDown() {
    return isJava() ? java.hasDown() : (down != null && !down.isBlank()) || up.isBlank();
  }
}
