package io.browserhub.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.browserhub.support.Hub;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/api.md is generated from the method table (through rpc.discover). This test regenerates it and fails
 * when the committed file was out of date, so the document can never drift from the code.
 */
@QuarkusTest
class ApiDocTest {

    private static final Path DOC = Path.of("docs/api.md");

    @Test
    void docsApiMdMatchesTheMethodTable() throws Exception {
        JsonNode doc = Hub.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"rpc.discover\"}").get("result");
        String expected = render(doc);
        String actual = Files.exists(DOC) ? Files.readString(DOC) : "";
        if (!expected.equals(actual)) {
            Files.createDirectories(DOC.getParent());
            Files.writeString(DOC, expected);
        }
        assertEquals(expected, actual, "docs/api.md was out of date and has been regenerated: review and commit it");
    }

    static String render(JsonNode doc) {
        StringBuilder md = new StringBuilder();
        md.append("# browserhub API\n\n");
        md.append("Generated from the hub's method table by `ApiDocTest` (the same data `rpc.discover` returns as OpenRPC).\n");
        md.append("Transport, framing, errors and events: see the protocol document (`PROTOCOL.md` in the shared design docs)\n");
        md.append("and the README. Every method takes named parameters (`params` is an object).\n\n");
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
                    md.append("| `").append(p.get("name").asText()).append("` | ").append(type(p.get("schema"))).append(" | ")
                            .append(p.get("required").asBoolean() ? "yes" : "").append(" | ").append(cell(p.get("description").asText())).append(" |\n");
                }
            }
            md.append("\nResult: `").append(m.get("result").get("description").asText()).append("`\n");
        }
        return md.toString();
    }

    private static String type(JsonNode schema) {
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
        return type.equals("array") ? schema.get("items").get("type").asText() + "[]" : type;
    }

    private static String anchor(String name) {
        return name.replace(".", "").toLowerCase();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
