package io.browserhub.command;

import static io.browserhub.command.ParamSpec.opt;
import static io.browserhub.command.ParamSpec.req;

import com.microsoft.playwright.Keyboard;
import com.microsoft.playwright.Mouse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.MouseButton;
import io.browserhub.error.HubException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** input.mouse and input.key: raw input at viewport coordinates, as a person's mouse and keyboard produce it. */
@ApplicationScoped
public class InputCommands implements CommandFamily {

    /** input.key's result; the journal shows the key or text only when it is false. */
    public record KeyResult(boolean secret) {
    }

    @Override
    public void register(MethodTable.Builder t) {
        t.page("input.mouse", Access.DRIVE, "A mouse event at viewport coordinates (CSS pixels).", "{}",
                (live, p) -> {
                    Page page = live.page(p.tab());
                    Mouse mouse = page.mouse();
                    String action = p.choice("action", null, List.of("move", "down", "up", "click", "wheel"));
                    double x = p.number("x", 0);
                    double y = p.number("y", 0);
                    MouseButton button = MouseButton.valueOf(p.choice("button", "left", List.of("left", "right", "middle")).toUpperCase(Locale.ROOT));
                    int clicks = p.integer("clickCount", 1);
                    // a person's click on a popup's "Done" may close it while the event is acknowledged
                    SelfClosingInput.deliver(live.context(), page, null, () -> {
                        switch (action) {
                            case "move" -> mouse.move(x, y);
                            case "down" -> {
                                mouse.move(x, y);
                                mouse.down(new Mouse.DownOptions().setButton(button).setClickCount(clicks));
                            }
                            case "up" -> {
                                mouse.move(x, y);
                                mouse.up(new Mouse.UpOptions().setButton(button).setClickCount(clicks));
                            }
                            case "click" -> mouse.click(x, y, new Mouse.ClickOptions().setButton(button).setClickCount(clicks));
                            case "wheel" -> {
                                mouse.move(x, y);
                                mouse.wheel(p.number("dx", 0), p.number("dy", 0));
                            }
                            default -> throw HubException.invalidParams("Unknown mouse action " + action);
                        }
                    });
                    live.touched();
                    return Map.of();
                },
                req("action", ParamType.STRING, "move, down, up, click or wheel."),
                req("x", ParamType.NUMBER, "Viewport x in CSS pixels."), req("y", ParamType.NUMBER, "Viewport y in CSS pixels."),
                opt("button", ParamType.STRING, "left (default), right or middle."),
                opt("clickCount", ParamType.INTEGER, "2 for the second click of a double click.").range(1, 10),
                opt("dx", ParamType.NUMBER, "Wheel: horizontal delta."), opt("dy", ParamType.NUMBER, "Wheel: vertical delta."));
        t.page("input.key", Access.DRIVE, "A keyboard event to the focused element. secret: the element hides what is typed"
                        + " (a password field), so the activity log keeps no trace of the key.", "{secret}",
                (live, p) -> {
                    Page page = live.page(p.tab());
                    Keyboard keyboard = page.keyboard();
                    boolean secret = FocusedField.isSecret(page);
                    String action = p.choice("action", null, List.of("press", "down", "up", "insertText"));
                    if (action.equals("insertText")) {
                        keyboard.insertText(p.string("text"));
                    } else {
                        String key = p.string("key");
                        SelfClosingInput.deliver(live.context(), page, null, () -> {
                            switch (action) {
                                case "press" -> keyboard.press(key);
                                case "down" -> keyboard.down(key);
                                default -> keyboard.up(key);
                            }
                        });
                    }
                    live.touched();
                    return new KeyResult(secret);
                },
                req("action", ParamType.STRING, "press, down, up or insertText."),
                opt("key", ParamType.STRING, "Key name for press/down/up (Enter, a, ArrowLeft, Control+A)."),
                opt("text", ParamType.STRING, "Text for insertText."));
    }
}
