package io.browserhub.command;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;

/**
 * Whether keys sent now land in a field that hides what is typed: a password input, a field the page marks as a
 * password, one-time code or card number (autocomplete), or one masked with CSS. Asked before each input.key, so
 * the activity log can show what a person typed everywhere else and nothing of a secret. When the page cannot say
 * (a frame of another origin has the focus, the page is navigating), the answer is "secret".
 */
final class FocusedField {

    private static final String IS_SECRET = """
            () => {
              let el = document.activeElement;
              for (let depth = 0; el && depth < 32; depth++) {
                if (el.shadowRoot && el.shadowRoot.activeElement) { el = el.shadowRoot.activeElement; continue; }
                if (el.tagName === 'IFRAME' || el.tagName === 'FRAME') {
                  const inner = el.contentDocument;
                  if (!inner) return true;
                  el = inner.activeElement;
                  continue;
                }
                break;
              }
              if (!el || el.nodeType !== 1) return false;
              if (el.tagName === 'INPUT' && (el.getAttribute('type') || '').toLowerCase() === 'password') return true;
              if (/password|one-time-code|cc-number|cc-csc|cc-exp/i.test(el.getAttribute('autocomplete') || '')) return true;
              const style = el.ownerDocument.defaultView.getComputedStyle(el);
              const mask = style.webkitTextSecurity || style.getPropertyValue('-webkit-text-security');
              return !!mask && mask !== 'none';
            }""";

    private FocusedField() {
    }

    static boolean isSecret(Page page) {
        try {
            return !Boolean.FALSE.equals(page.evaluate(IS_SECRET));
        } catch (PlaywrightException unknown) {
            return true;
        }
    }
}
