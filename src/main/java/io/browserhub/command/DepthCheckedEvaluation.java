package io.browserhub.command;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.browserhub.error.ErrorCode;
import io.browserhub.error.HubException;
import java.util.Arrays;
import java.util.Map;

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

    private DepthCheckedEvaluation() {
    }

    /** The function's result; LIMIT_REACHED when it nests arrays and objects deeper than {@code maxDepth}. */
    static Object evaluate(Page page, String function, Object arg, int maxDepth) {
        return checked(maxDepth, () -> page.evaluate(WRAPPER, Arrays.asList(function, arg, maxDepth)));
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
