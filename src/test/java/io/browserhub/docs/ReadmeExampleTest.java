package io.browserhub.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.browserhub.security.StartBanner;
import io.browserhub.support.Hub;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "first session in five lines", run as a newcomer runs it: the line the hub printed at start, pasted
 * into a shell, then the README's shell block exactly as written, in bash with curl and jq and no other environment.
 * What it prints must be what the README says it prints. Nothing is copied into this test, so neither can drift.
 */
@QuarkusTest
class ReadmeExampleTest {

    private static final String SECTION = "## A first session in five lines";

    @Inject
    StartBanner banner;

    @Test
    void theFirstSessionInFiveLinesWorksAsWritten(@TempDir Path home) throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int section = readme.indexOf(SECTION);
        assertTrue(section >= 0, "README.md has no section \"" + SECTION + "\"");
        String script = block(readme, "```sh\n", section);
        String expected = block(readme, "```text\n", section);

        String printed = banner.printed().orElseThrow(() -> new AssertionError("the hub printed no start banner"));
        List<String> exports = printed.lines().filter(l -> l.startsWith("export ")).toList();
        assertEquals(1, exports.size(), "the banner has one line to paste: " + printed);
        String pasted = exports.get(0);
        assertTrue(pasted.contains(Hub.TOKEN) && pasted.contains(":" + Hub.base().getPort()), pasted);

        ProcessBuilder bash = new ProcessBuilder("bash", "-c", pasted + "\n" + script)
                .redirectErrorStream(false);
        Map<String, String> env = bash.environment();
        env.keySet().removeIf(name -> !name.equals("PATH"));
        env.put("HOME", home.toString());
        Process process = bash.start();
        process.getOutputStream().close();
        boolean finished = process.waitFor(3, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(finished, "the README's lines did not finish; they printed: " + out + err);
        assertEquals(0, process.exitValue(), "stderr: " + err);
        assertEquals(expected, out, "the README shows other output than its lines print (stderr: " + err + ")");
        Hub.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"session.delete\",\"params\":{\"id\":\"work\"}}");
    }

    /** The text of the first fenced block opening with {@code fence} after {@code from}. */
    private static String block(String text, String fence, int from) {
        int start = text.indexOf(fence, from);
        assertTrue(start >= 0, "no " + fence.strip() + " block after " + SECTION);
        int end = text.indexOf("```", start + fence.length());
        return text.substring(start + fence.length(), end);
    }
}
