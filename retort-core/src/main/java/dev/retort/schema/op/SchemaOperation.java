package dev.retort.schema.op;

/**
 * One change to a schema, as an immutable value. Every operation knows its inverse (operations that
 * remove something carry its full definition so that the inverse can put it back) and whether it
 * can lose data. Rendering to SQL is the job of a {@code DdlRenderer} per database.
 */
public sealed interface SchemaOperation
    permits CreateTable,
        DropTable,
        RenameTable,
        AddColumn,
        DropColumn,
        RenameColumn,
        AlterColumnType,
        AlterColumnNullability,
        AlterColumnDefault,
        AlterColumnComment,
        SetTableComment,
        AddPrimaryKey,
        DropPrimaryKey,
        CreateIndex,
        DropIndex,
        AddForeignKey,
        DropForeignKey,
        AddUnique,
        DropUnique,
        AddCheck,
        DropCheck,
        CreateView,
        DropView,
        CreateEnum,
        DropEnum,
        AddEnumValue,
        CreateSequence,
        DropSequence,
        AlterSequence,
        CreateTrigger,
        DropTrigger {

  /**
   * The operation that undoes this one.
   *
   * @throws dev.retort.RetortException with {@link dev.retort.ErrorCode#USAGE} for the few
   *     operations the database cannot undo (removing an enum value on PostgreSQL)
   */
  SchemaOperation inverse();

  /** Whether applying this operation can lose data (rows, column values, sequence state). */
  boolean destructive();
}
