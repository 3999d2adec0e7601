package io.browserhub.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Page;
import io.browserhub.browser.PlaywrightMessage;
import io.browserhub.error.HubException;
import io.browserhub.session.SessionRegistry;
import io.browserhub.support.Hub;
import io.browserhub.support.RpcClient;
import io.browserhub.support.SharedSessions;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * page.evaluate through the hub's own DevTools connection gives what Playwright gives, value for value and error for
 * error: every case below runs both ways on the same page and must come back the same (as the client would read it).
 */
@QuarkusTest
class DirectEvaluationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX = 64;
    private static final String NESTED = "(n) => { const root = {}; let c = root; for (let i = 1; i < n; i++) { c.a = {}; c = c.a; } return root; }";

    /** Function, argument. */
    private static final List<Object[]> CASES = new ArrayList<>();

    static {
        for (String function : List.of("() => 42", "() => 'x'", "() => -7.25", "() => 2 ** 40", "() => 2 ** 31", "() => 2 ** 53 + 2",
                "() => 1e21", "() => 5e-324", "() => 12345678901234567890", "() => true", "() => null", "() => undefined",
                "() => [true, null, undefined, NaN, -Infinity, -0]", "() => [1, 2, 3]", "() => [1, , 3]", "() => ({a: undefined, b: null})",
                "() => ({a: {b: [1, 2n]}})", "() => ({b: 1, a: 2, 10: 'ten', 2: 'two'})", "() => ({['__proto__']: 1, x: [{}]})",
                "() => new Date(86400000)", "() => /x+/m", "() => new URL('http://a.test/b')", "() => new Map([[1, 'one']])",
                "() => new Set(['s'])", "() => new TypeError('t')", "() => document.body", "() => [document.querySelector('p')]",
                "() => Object.create(null)", "() => ({toJSON() { return 1; }, v: 2})", "() => new (class A { constructor() { this.x = 1; } })()",
                "() => ({f() {}, s: Symbol('s')})", "() => [function () {}]", "() => Symbol('s')", "() => 10n",
                "() => 'café 😀 \\u2028 \"quoted\" \\\\ </script>'", "() => '\\ud800'", "() => ({get a() { return 'got'; }})",
                "() => ({get a() { throw new Error('getter'); }})", "() => { const o = {}; o.self = o; return o; }",
                "() => { const shared = {s: 1}; return [shared, {again: shared}]; }", "() => new Uint8Array([1, 2])",
                "async () => { await new Promise(r => setTimeout(r, 5)); return [1, {x: 'y'}]; }", "document.title", "1 + 1",
                "() => { throw new TypeError('nope'); }", "() => { throw 'a string'; }", "() => { throw {code: 7}; }",
                "async () => { throw new Error('async'); }", "() => null.x", "() => Promise.reject(new RangeError('r'))",
                "this is not javascript (", "() => { throw new Error('multi\\nline'); }")) {
            CASES.add(new Object[] {function, null});
        }
        Map<String, Object> arg = new LinkedHashMap<>();
        arg.put("n", 2147483647);
        arg.put("d", 1.2345678901234568E29);
        arg.put("s", "</script>\u2028\"");
        arg.put("list", Arrays.asList(1, null, "x", Map.of("k", false)));
        CASES.add(new Object[] {"(a) => a", arg});
        CASES.add(new Object[] {"(a) => [typeof a.d, a.d, a.n + 1, typeof a.list[1]]", arg});
        CASES.add(new Object[] {"(a) => a", null});
        CASES.add(new Object[] {"(a) => [a === undefined, a === null, typeof a]", null});
        Map<String, Object> withNull = new LinkedHashMap<>();
        withNull.put("k", null);
        withNull.put("__proto__", Map.of("inherited", true));
        CASES.add(new Object[] {"(a) => [Object.keys(a).map(k => k + ':' + typeof a[k]), a.inherited]", withNull});
        CASES.add(new Object[] {"(a) => a", "text"});
        CASES.add(new Object[] {NESTED, MAX});
        CASES.add(new Object[] {NESTED, MAX + 1});
        CASES.add(new Object[] {"(n) => { const root = []; let c = root; for (let i = 1; i < n; i++) { const d = []; c.push(d); c = d; } return root; }", 5000});
        // a page that changed how its arrays and objects turn into JSON (Prototype.js gives arrays a toJSON)
        CASES.add(new Object[] {"() => { Array.prototype.toJSON = function () { return 'changed'; }; return [1, [2], {a: [3]}]; }", null});
        CASES.add(new Object[] {"() => { Object.prototype.toJSON = function () { return 'changed'; }; return [{a: 1}, [2]]; }", null});
        CASES.add(new Object[] {"() => { delete Array.prototype.toJSON; delete Object.prototype.toJSON; return [{a: 1}, [2]]; }", null});
        // last: the page goes away under a call that waits for it
        CASES.add(new Object[] {"() => { location.reload(); return new Promise(() => {}); }", null});
    }

    @Inject
    SessionRegistry sessions;

    @Test
    void everyResultAndErrorIsTheSameAsThroughPlaywright() throws Exception {
        try (RpcClient agent = Hub.connect()) {
            String s = SharedSessions.fresh(agent, "direct-evaluation", "form.html");
            List<String> differences = sessions.require(s).execute(live -> {
                Page page = live.page(null);
                List<String> found = new ArrayList<>();
                for (Object[] c : CASES) {
                    String function = (String) c[0];
                    String direct = outcome(() -> DepthCheckedEvaluation.evaluate(live, page, function, c[1], MAX));
                    String playwright = outcome(() -> DepthCheckedEvaluation.evaluate(page, function, c[1], MAX));
                    if (!direct.equals(playwright)) {
                        found.add(function + " with " + c[1] + ":\n  direct:     " + direct + "\n  playwright: " + playwright);
                    }
                }
                return found;
            }).get(60, TimeUnit.SECONDS);
            assertEquals(List.of(), differences, String.join("\n", differences));
        }
    }

    @Test
    void theHubTakesItsOwnWayToThePage() {
        try (RpcClient agent = Hub.connect()) {
            String s = SharedSessions.fresh(agent, "direct-evaluation-way", "static.html");
            String stack = agent.call("page.evaluate", Map.of("session", s, "function", "() => new Error('where').stack")).get("value").asText();
            assertTrue(stack.contains("browserhub-evaluate"), stack);
            assertFalse(stack.contains("UtilityScript"), "not through Playwright's driver: " + stack);
            // and through Playwright, the same function shows the driver's frames: the assertion above can fail
            String viaPlaywright = String.valueOf(sessions.require(s).execute(live -> DepthCheckedEvaluation.evaluate(live.page(null),
                    "() => new Error('where').stack", null, MAX)).join());
            assertTrue(viaPlaywright.contains("UtilityScript"), viaPlaywright);
            JsonNode after = agent.call("page.evaluate", Map.of("session", s, "function", "() => document.title"));
            assertEquals("static", after.get("value").asText());
        }
    }

    /** What a client would read: the value as JSON, or the error's kind, name and first line. */
    private static String outcome(java.util.concurrent.Callable<Object> evaluation) {
        try {
            // a returned Error's stack names the frames that called the function: the wrapper's differ by nature
            return "value " + JSON.writeValueAsString(JsValues.plain(evaluation.call()))
                    .replaceAll("\\\\n    at (eval \\()?browserhub-evaluate[^\"]*", "");
        } catch (HubException e) {
            return "hub error " + e.code() + ": " + e.getMessage();
        } catch (com.microsoft.playwright.PlaywrightException e) {
            PlaywrightMessage m = PlaywrightMessage.of(e);
            String error = "script error " + m.name() + ": " + m.firstLine();
            if (m.stack().contains("coreBundle.js") || m.firstLine().startsWith("Execution context was destroyed")) {
                // raised by the driver, not the page: its stack is the driver's own, and it words this one with or
                // without a full stop, depending on where it noticed
                return error.endsWith(".") ? error.substring(0, error.length() - 1) : error;
            }
            return error + " | page frames: " + pageFrames(m.stack().isEmpty() ? m.message() : m.stack());
        } catch (Exception e) {
            return "other " + e;
        }
    }

    /** The stack lines above the hub's wrapper, without line and column numbers of the wrapper itself. */
    private static String pageFrames(String stack) {
        StringBuilder out = new StringBuilder();
        for (String line : stack.split("\n")) {
            if (line.contains("browserhub-evaluate") || line.contains("UtilityScript") || line.contains("coreBundle.js") || line.contains("/driver/")) {
                break;
            }
            out.append(line.strip()).append(" / ");
        }
        return out.toString();
    }
}
