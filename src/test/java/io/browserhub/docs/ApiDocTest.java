package io.browserhub.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.browserhub.support.Hub;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/api.md is generated from the method table (through rpc.discover). This test regenerates it and fails
 * when the committed file was out of date, so the document can never drift from the code.
 */
@QuarkusTest
class ApiDocTest {

    private static final Path DOC = Path.of("docs/api.md");
    private static final Path PROTOCOL = Path.of("docs/protocol.md");
    private static final String ERRORS_START = "<!-- generated from io.browserhub.error.ErrorCode by ApiDocTest: edit the code, not this table -->";
    private static final String ERRORS_END = "<!-- end of generated errors -->";

    @Test
    void docsApiMdMatchesTheMethodTable() throws Exception {
        JsonNode doc = discover();
        assertUpToDate(DOC, render(doc), "docs/api.md");
    }

    /** docs/protocol.md is the contract people read: its error table comes from the code, and it names every method. */
    @Test
    void docsProtocolMdHasTheErrorTableOfTheCodeAndNamesEveryMethod() throws Exception {
        JsonNode doc = discover();
        String actual = Files.readString(PROTOCOL);
        int start = actual.indexOf(ERRORS_START);
        int end = actual.indexOf(ERRORS_END);
        assertTrue(start >= 0 && end > start, "docs/protocol.md lost its markers " + ERRORS_START + " / " + ERRORS_END);
        String expected = actual.substring(0, start + ERRORS_START.length()) + "\n" + errorTable(doc) + actual.substring(end);
        assertUpToDate(PROTOCOL, expected, "docs/protocol.md");

        List<String> missing = new ArrayList<>();
        for (JsonNode m : doc.get("methods")) {
            String name = m.get("name").asText();
            if (!Pattern.compile("`" + Pattern.quote(name) + "[` ]").matcher(actual).find()) {
                missing.add(name);
            }
        }
        assertEquals(List.of(), missing, "methods of the hub that docs/protocol.md does not describe");
    }

    private static JsonNode discover() {
        return Hub.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"rpc.discover\"}").get("result");
    }

    /** Writes the expected text when the committed file differs, then fails: the diff is there to review and commit. */
    private static void assertUpToDate(Path file, String expected, String name) throws Exception {
        String actual = Files.exists(file) ? Files.readString(file) : "";
        if (!expected.equals(actual)) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, expected);
        }
        assertEquals(expected, actual, name + " was out of date and has been regenerated: review and commit it");
    }

    static String errorTable(JsonNode doc) {
        StringBuilder md = new StringBuilder("| code | name | when |\n|---|---|---|\n");
        doc.get("components").get("errors").fields().forEachRemaining(e -> md.append("| ").append(e.getValue().get("code").asInt())
                .append(" | ").append(e.getKey()).append(" | ").append(cell(e.getValue().get("message").asText())).append(" |\n"));
        return md.toString();
    }

    static String render(JsonNode doc) {
        StringBuilder md = new StringBuilder();
        md.append("# browserhub API\n\n");
        md.append("Generated from the hub's method table by `ApiDocTest` (the same data `rpc.discover` returns as OpenRPC).\n");
        md.append("Transport, framing, addressing, refs and events: [protocol.md](protocol.md), and the README. Every method takes\n");
        md.append("named parameters (`params` is an object); a parameter with another name in brackets is accepted under either.\n\n");
        md.append("Access: `hub` and `read` methods are open to every client; `drive` methods change the page and are\n");
        md.append("subject to the session's control lease; `manage` methods create, stop and delete sessions.\n\n");
        md.append("| method | access | what it does |\n|---|---|---|\n");
        for (JsonNode m : doc.get("methods")) {
            md.append("| [`").append(m.get("name").asText()).append("`](#").append(anchor(m.get("name").asText())).append(") | ")
                    .append(m.get("x-access").asText()).append(" | ").append(cell(m.get("summary").asText())).append(" |\n");
        }
        for (JsonNode m : doc.get("methods")) {
            md.append("\n## ").append(m.get("name").asText()).append("\n\n").append(m.get("summary").asText()).append("\n\n");
            if (m.get("params").isEmpty()) {
                md.append("No parameters.\n");
            } else {
                md.append("| parameter | type | required | meaning |\n|---|---|---|---|\n");
                for (JsonNode p : m.get("params")) {
                    String alias = p.has("x-alias") ? " (`" + p.get("x-alias").asText() + "`)" : "";
                    md.append("| `").append(p.get("name").asText()).append("`").append(alias).append(" | ").append(type(p.get("schema"))).append(" | ")
                            .append(p.get("required").asBoolean() ? "yes" : "").append(" | ").append(cell(p.get("description").asText())).append(" |\n");
                }
            }
            md.append("\nResult: `").append(m.get("result").get("description").asText()).append("`\n");
            List<String> errors = new ArrayList<>();
            m.get("errors").forEach(e -> errors.add(e.get("$ref").asText().replaceFirst(".*/", "")));
            md.append("\nErrors: ").append(String.join(", ", errors)).append("\n");
        }
        md.append("\n## Result types\n\nRecords the results above name, as `rpc.discover` gives them (`components.schemas`).\n");
        doc.get("components").get("schemas").fields().forEachRemaining(c -> {
            md.append("\n### ").append(c.getKey()).append("\n\n");
            JsonNode schema = c.getValue();
            if (schema.has("enum")) {
                List<String> values = new ArrayList<>();
                schema.get("enum").forEach(v -> values.add("`" + v.asText() + "`"));
                md.append("One of ").append(String.join(", ", values)).append(".\n");
                return;
            }
            md.append("| field | type |\n|---|---|\n");
            schema.get("properties").fields().forEachRemaining(f -> md.append("| `").append(f.getKey()).append("` | ")
                    .append(type(f.getValue())).append(" |\n"));
        });
        md.append("\n## Errors\n\nEvery error kind (`components.errors`); `error.data.kind` names it.\n\n").append(errorTable(doc));
        return md.toString();
    }

    private static String type(JsonNode schema) {
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asText().replaceFirst(".*/", "");
            return "[" + name + "](#" + name.toLowerCase() + ")";
        }
        if (schema.has("oneOf")) {
            List<String> types = new ArrayList<>();
            schema.get("oneOf").forEach(s -> types.add(type(s)));
            return String.join(" or ", types);
        }
        if (!schema.has("type")) {
            return "any";
        }
        String type = schema.get("type").asText();
        if (type.equals("integer") && schema.has("minimum")) {
            // the declared range (ParamSpec.range); the default one is just "a 32-bit int"
            long min = schema.get("minimum").asLong();
            long max = schema.get("maximum").asLong();
            return min == Integer.MIN_VALUE && max == Integer.MAX_VALUE ? type
                    : type + " " + min + ".." + (max == Long.MAX_VALUE ? "" : String.valueOf(max));
        }
        if (schema.has("format")) {
            return type + " (" + schema.get("format").asText() + ")";
        }
        return type.equals("array") ? type(schema.get("items")) + "[]" : type;
    }

    private static String anchor(String name) {
        return name.replace(".", "").toLowerCase();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
