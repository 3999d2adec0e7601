package io.browserhub.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.browserhub.support.Hub;
import io.browserhub.support.RpcClient;
import io.browserhub.support.RpcError;
import io.browserhub.support.TestPages;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/** A trace recorded around a navigation and a click downloads as a Playwright trace zip. */
@QuarkusTest
class TraceTest {

    @Test
    void aTraceAroundANavigationAndAClickDownloadsAsAZip() throws Exception {
        try (RpcClient agent = Hub.connect()) {
            agent.call("session.ensure", Map.of("id", "traced"));
            assertThrows(RpcError.class, () -> agent.call("trace.stop", Map.of("session", "traced")), "nothing to stop yet");
            agent.call("trace.start", Map.of("session", "traced"));
            RpcError twice = assertThrows(RpcError.class, () -> agent.call("trace.start", Map.of("session", "traced")));
            assertEquals("INVALID_PARAMS", twice.kind());
            agent.call("page.goto", Map.of("session", "traced", "url", TestPages.url("login?user=tracer")));
            agent.call("page.click", Map.of("session", "traced", "selector", "text=welcome"));
            JsonNode stopped = agent.call("trace.stop", Map.of("session", "traced"));
            String url = stopped.get("url").asText();
            assertTrue(url.startsWith("/api/sessions/traced/traces/") && url.endsWith(".zip"), url);

            byte[] zip = Hub.http().get(url).then().statusCode(200).contentType("application/zip").extract().asByteArray();
            List<String> entries = new ArrayList<>();
            StringBuilder network = new StringBuilder();
            try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
                for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                    entries.add(e.getName());
                    if (e.getName().endsWith(".network")) {
                        network.append(new String(in.readAllBytes()));
                    }
                }
            }
            assertTrue(entries.contains("trace.trace"), entries.toString());
            assertTrue(entries.contains("trace.network"), entries.toString());
            assertTrue(network.toString().contains("/login?user=tracer"), "the navigation is among the network entries");

            Hub.http().get("/api/sessions/traced/traces/..%2Fsession.json").then().statusCode(400);
            agent.call("session.delete", Map.of("id", "traced"));
        }
    }
}
