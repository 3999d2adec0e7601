package io.browserhub.command;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.browserhub.error.ErrorCode;
import io.browserhub.error.HubException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.browserhub.session.LiveSession;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * page.evaluate with its result's depth measured in the page, before Playwright serializes it. Too deep a result
 * otherwise comes back as a SCRIPT_ERROR about "reference chains" or, deeper still, silently as null (the DevTools
 * protocol gives up). The function source travels as data, like the argument, and is evaluated as Playwright
 * evaluates it: an expression whose value, when it is a function, is called with the argument and awaited.
 */
final class DepthCheckedEvaluation {

    /** The marker of the page's refusal; never a message a page script would produce. */
    private static final String TOO_DEEP = "browserhub: result too deep";

    /** %1$s: the wrapper's parameters; %2$s: the arguments the client's function gets. */
    private static final String TEMPLATE = """
            async (%1$s) => {
              let value = (0, eval)(source);
              if (typeof value === 'function') value = value(%2$s);
              value = await value;
              const stack = [[value, 1]];
              const seen = new Set();
              while (stack.length) {
                const [v, depth] = stack.pop();
                if (v === null || typeof v !== 'object' || seen.has(v)) continue;
                if (depth > max) throw new Error('%3$s');
                seen.add(v);
                if (typeof Node === 'function' && v instanceof Node) continue;
                let keys;
                try { keys = Object.keys(v); } catch (e) { continue; }
                for (const k of keys) {
                  let child;
                  try { child = v[k]; } catch (e) { continue; }
                  if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
                }
              }
              return value;
            }
            //# sourceURL=browserhub-evaluate""";
    private static final String WRAPPER = TEMPLATE.formatted("[source, arg, max]", "arg", TOO_DEEP);
    /** With an element: the client's function gets it first, as in Playwright's locator.evaluate. */
    private static final String ELEMENT_WRAPPER = TEMPLATE.formatted("element, [source, arg, max]", "element, arg", TOO_DEEP);

    /**
     * The same evaluation through the hub's own DevTools connection (issue 17): the result comes back as JSON text when
     * it is plain data ('v' + JSON: null, booleans, strings, finite numbers, arrays and plain objects; undefined counts
     * as null, as Playwright hands it over), as 'd' when it nests deeper than the limit. Anything else (an exception, a
     * Date, a Map, a DOM node, -0, NaN, a cycle, ...) is kept in the page ('f') and read back through Playwright with
     * {@link #TAKE}, so that its conversion and its error are exactly Playwright's. Called with the source, the
     * argument and the limit.
     */
    private static final String DIRECT_FUNCTION = """
            (async (source, arg, max) => {
              const keep = (thrown, value) => {
                Object.defineProperty(globalThis, Symbol.for('browserhub.evaluate'), {value: {thrown, value}, configurable: true, writable: true});
                return 'f';
              };
              let value;
              try {
                value = (0, eval)(source);
                if (typeof value === 'function') value = value(arg);
                value = await value;
              } catch (e) {
                return keep(true, e);
              }
              const OTHER = {}, DEEP = {};
              const path = new Set();
              const copy = (v, depth) => {
                if (v === null || v === undefined) return null;
                switch (typeof v) {
                  case 'string': if (!v.isWellFormed()) throw OTHER; return v;
                  case 'boolean': return v;
                  case 'number': if (!Number.isFinite(v) || Object.is(v, -0)) throw OTHER; return v;
                  case 'object': break;
                  default: throw OTHER;
                }
                if (depth > max) throw DEEP;
                if (path.has(v)) throw OTHER;
                const proto = Object.getPrototypeOf(v);
                let out;
                path.add(v);
                if (Array.isArray(v) && proto === Array.prototype) {
                  // without a prototype: a page's Array.prototype.toJSON (Prototype.js has one) cannot change the JSON
                  out = Object.setPrototypeOf(new Array(v.length), null);
                  for (let i = 0; i < v.length; i++) {
                    if (!(i in v)) throw OTHER;
                    out[i] = copy(v[i], depth + 1);
                  }
                } else if ((proto === Object.prototype || proto === null) && typeof v.toJSON !== 'function') {
                  out = Object.create(null);
                  for (const k of Object.keys(v)) {
                    if (k === '__proto__') throw OTHER;
                    out[k] = copy(v[k], depth + 1);
                  }
                } else {
                  throw OTHER;
                }
                path.delete(v);
                return out;
              };
              try {
                return 'v' + JSON.stringify(copy(value, 1));
              } catch (e) {
                return e === DEEP ? 'd' : keep(false, value);
              }
            })""";
    private static final String DIRECT_END = ")\n//# sourceURL=browserhub-evaluate";
    /** Reads back what {@link #DIRECT_FUNCTION} kept, through Playwright: its value, or its exception thrown again. */
    private static final String TAKE = "() => { const k = Symbol.for('browserhub.evaluate'); const kept = globalThis[k]; delete globalThis[k];"
            + " if (!kept) throw new Error('the page navigated before the result could be read'); if (kept.thrown) throw kept.value;"
            + " return kept.value; }";
    private static final ObjectMapper JSON = new ObjectMapper();

    private DepthCheckedEvaluation() {
    }

    /**
     * The function's result; LIMIT_REACHED when it nests arrays and objects deeper than {@code maxDepth}. Through the
     * hub's own DevTools connection when the page has one, through Playwright otherwise: the same result either way.
     */
    static Object evaluate(LiveSession live, Page page, String function, Object arg, int maxDepth) {
        StringBuilder call = new StringBuilder(DIRECT_FUNCTION.length() + function.length() + 256)
                .append(DIRECT_FUNCTION).append('(').append(literal(function)).append(',');
        argument(arg, call);
        call.append(',').append(maxDepth).append(DIRECT_END);
        Optional<JsonNode> direct = live.evaluateDirectly(page, call.toString());
        if (direct.isEmpty()) {
            return evaluate(page, function, arg, maxDepth);
        }
        String answer = direct.get().path("result").path("value").asText("");
        if (answer.startsWith("v")) {
            try {
                // Integers and Doubles, as Playwright Java hands a page's numbers over: JsValues treats both ways alike
                return JsonArguments.plain(JSON.readTree(answer.substring(1)));
            } catch (IOException e) {
                throw new IllegalStateException("The page's result could not be read: " + e.getMessage(), e);
            }
        }
        if (answer.equals("d")) {
            throw tooDeep(maxDepth, null);
        }
        if (answer.equals("f")) {
            return evaluate(page, TAKE, null, maxDepth);
        }
        throw new IllegalStateException("The page answered the evaluation with " + direct.get());
    }

    /** Through Playwright alone. */
    static Object evaluate(Page page, String function, Object arg, int maxDepth) {
        return checked(maxDepth, () -> page.evaluate(WRAPPER, Arrays.asList(function, arg, maxDepth)));
    }

    /**
     * The argument as JavaScript source, as Playwright Java hands it to the page: JSON (which is JavaScript since
     * ES2019, read as JSON.parse would), except that null becomes undefined, at any depth, and a key "__proto__" is
     * left out (in a literal it would set the object's prototype; Playwright drops it).
     */
    private static void argument(Object value, StringBuilder out) {
        if (value == null) {
            out.append("undefined");
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            String comma = "";
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if ("__proto__".equals(e.getKey())) {
                    continue;
                }
                out.append(comma).append(literal(String.valueOf(e.getKey()))).append(':');
                argument(e.getValue(), out);
                comma = ",";
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            String comma = "";
            for (Object item : list) {
                out.append(comma);
                argument(item, out);
                comma = ",";
            }
            out.append(']');
        } else {
            out.append(literal(value));
        }
    }

    /** A string, number or boolean as JavaScript source. */
    private static String literal(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same with the element of a locator as the function's first argument (waits for it like Playwright). */
    static Object evaluate(Locator element, String function, Object arg, int maxDepth, double timeoutMs) {
        return checked(maxDepth, () -> element.evaluate(ELEMENT_WRAPPER, Arrays.asList(function, arg, maxDepth),
                new Locator.EvaluateOptions().setTimeout(timeoutMs)));
    }

    private static Object checked(int maxDepth, java.util.function.Supplier<Object> evaluation) {
        try {
            return evaluation.get();
        } catch (com.microsoft.playwright.PlaywrightException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            if (message.contains(TOO_DEEP) || message.contains("object reference chain is too long")) {
                throw tooDeep(maxDepth, e);
            }
            throw e;
        }
    }

    static HubException tooDeep(int maxDepth, Exception cause) {
        return new HubException(ErrorCode.LIMIT_REACHED, "The function's result nests arrays and objects deeper than " + maxDepth
                + " levels, more than the hub can bring back from the page; return a flatter value (or JSON.stringify it).",
                Map.of("limitDepth", maxDepth), cause);
    }
}
