package io.browserhub.browser;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Windows' App Paths, where installers register their programs (Chrome and Edge do): read with {@code reg.exe}, a
 * program of every Windows, started directly (no shell), under the current user first, then the machine.
 */
final class WindowsRegistry implements Machine.AppPaths {

    private static final List<String> HIVES = List.of("HKCU", "HKLM");
    private static final String KEY = "\\Software\\Microsoft\\Windows\\CurrentVersion\\App Paths\\";
    /** "    (Default)    REG_SZ    C:\...\chrome.exe"; the "(Default)" label is translated, the type is not. */
    private static final Pattern VALUE = Pattern.compile("^\\s*\\S.*?\\s{2,}(REG_SZ|REG_EXPAND_SZ)\\s{2,}(.+?)\\s*$", Pattern.MULTILINE);

    @Override
    public Optional<Path> lookup(String exe) {
        for (String hive : HIVES) {
            try {
                Process reg = new ProcessBuilder("reg", "query", hive + KEY + exe, "/ve").redirectErrorStream(true).start();
                String out = new String(reg.getInputStream().readAllBytes(), Charset.defaultCharset());
                if (reg.waitFor(5, TimeUnit.SECONDS) && reg.exitValue() == 0) {
                    Optional<String> value = defaultValue(out);
                    if (value.isPresent()) {
                        return Optional.of(Path.of(expand(value.get())));
                    }
                }
            } catch (IOException e) {
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The default value in reg.exe's answer, without surrounding quotes. */
    static Optional<String> defaultValue(String regOutput) {
        Matcher m = VALUE.matcher(regOutput);
        if (!m.find()) {
            return Optional.empty();
        }
        String value = m.group(2).strip();
        if (value.length() > 1 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        return Optional.of(value);
    }

    /** %VAR% references of a REG_EXPAND_SZ value. */
    private static String expand(String value) {
        Matcher m = Pattern.compile("%([^%]+)%").matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = System.getenv(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(replacement != null ? replacement : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }
}
