package dev.retort.schema.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.schema.Column;
import dev.retort.schema.EnumType;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.SchemaModel;
import dev.retort.schema.Table;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaJsonTest {
  private static final Table BOOK =
      Table.of(
              "book",
              List.of(
                  Column.of("id", "integer").notNull(),
                  Column.of("title", "text").withDefault("'a \"quoted\"\\n'").withComment("Title")))
          .withPrimaryKey(new PrimaryKey("book_pkey", List.of("id")))
          .withIndexes(List.of(Index.on("book_title", "title").where("title <> ''")));
  private static final Table AUTHOR =
      Table.of("author", List.of(Column.of("id", "integer").notNull()))
          .withForeignKeys(
              List.of(
                  ForeignKey.of(List.of("id"), "book", List.of("id"))
                      .withActions("cascade", null)));

  @Test
  void writesStablePrettyJson() {
    SchemaModel model =
        new SchemaModel(
            List.of(BOOK, AUTHOR), null, null, List.of(new EnumType("e", List.of("b", "a"))));
    String expected =
        String.join(
            "\n",
            "{",
            "  \"tables\": [",
            "    {",
            "      \"name\": \"author\",",
            "      \"columns\": [",
            "        {",
            "          \"name\": \"id\",",
            "          \"type\": \"integer\",",
            "          \"nullable\": false",
            "        }",
            "      ],",
            "      \"foreignKeys\": [",
            "        {",
            "          \"columns\": [",
            "            \"id\"",
            "          ],",
            "          \"referencedTable\": \"book\",",
            "          \"referencedColumns\": [",
            "            \"id\"",
            "          ],",
            "          \"onDelete\": \"CASCADE\",",
            "          \"onUpdate\": \"NO ACTION\"",
            "        }",
            "      ]",
            "    },",
            "    {",
            "      \"name\": \"book\",",
            "      \"columns\": [",
            "        {",
            "          \"name\": \"id\",",
            "          \"type\": \"integer\",",
            "          \"nullable\": false",
            "        },",
            "        {",
            "          \"name\": \"title\",",
            "          \"type\": \"text\",",
            "          \"nullable\": true,",
            "          \"default\": \"'a \\\"quoted\\\"\\\\n'\",",
            "          \"comment\": \"Title\"",
            "        }",
            "      ],",
            "      \"primaryKey\": {",
            "        \"name\": \"book_pkey\",",
            "        \"columns\": [",
            "          \"id\"",
            "        ]",
            "      },",
            "      \"indexes\": [",
            "        {",
            "          \"name\": \"book_title\",",
            "          \"unique\": false,",
            "          \"columns\": [",
            "            {",
            "              \"column\": \"title\"",
            "            }",
            "          ],",
            "          \"where\": \"title <> ''\"",
            "        }",
            "      ]",
            "    }",
            "  ],",
            "  \"views\": [],",
            "  \"sequences\": [],",
            "  \"enums\": [",
            "    {",
            "      \"name\": \"e\",",
            "      \"labels\": [",
            "        \"b\",",
            "        \"a\"",
            "      ]",
            "    }",
            "  ]",
            "}",
            "");
    assertThat(SchemaJson.write(model)).isEqualTo(expected);
    SchemaModel reordered =
        new SchemaModel(
            List.of(AUTHOR, BOOK),
            List.of(),
            List.of(),
            List.of(new EnumType("e", List.of("b", "a"))));
    assertThat(SchemaJson.write(reordered)).isEqualTo(expected);
  }
}
