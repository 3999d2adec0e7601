package io.browserhub.cli;

import io.browserhub.support.HubProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The packaged command line run as a child process, the way a person or a script runs it: the native executable
 * when the build made one ({@code browserhub-*-runner <args>}), else {@code java -jar quarkus-run.jar <args>}; with
 * its own environment (no BROWSERHUB_* of the caller's).
 */
final class Cli {

    /** What a finished command left behind. */
    record Run(int exitCode, String out, byte[] outBytes, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout:\n" + out + "\n--- stderr:\n" + err;
        }
    }

    private final Map<String, String> env = new HashMap<>();
    private final List<String> jvmArgs = new ArrayList<>();
    private String stdin;

    static Path jar() {
        return Path.of(System.getProperty("hub.jar", "target/quarkus-app/quarkus-run.jar")).toAbsolutePath();
    }

    /** A client with these environment variables (BROWSERHUB_URL, BROWSERHUB_TOKEN, BROWSERHUB_DATA_DIR). */
    static Cli withEnv(Map<String, String> env) {
        Cli cli = new Cli();
        cli.env.putAll(env);
        return cli;
    }

    Cli env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** A system property before the arguments, e.g. -Duser.home=... to move the default data directory. */
    Cli jvm(String option) {
        jvmArgs.add(option);
        return this;
    }

    Cli stdin(String text) {
        this.stdin = text;
        return this;
    }

    Run run(String... args) throws Exception {
        return runCommand(javaCommand(args));
    }

    /** A command that keeps running (logs --follow): its stdout line by line, until closed. */
    Following follow(String... args) throws Exception {
        return new Following(launch(javaCommand(args)));
    }

    private List<String> javaCommand(String... args) {
        List<String> command = packaged(jvmArgs);
        command.addAll(List.of(args));
        return command;
    }

    /** The packaged program with these -D options, ready for its arguments: the native executable, or the jar on this JVM. */
    static List<String> packaged(List<String> systemProperties) {
        Path artifact = HubProcess.packaged().toAbsolutePath();
        List<String> command = new ArrayList<>();
        boolean jar = artifact.getFileName().toString().endsWith(".jar");
        command.add(jar ? HubProcess.JAVA : artifact.toString());
        command.addAll(systemProperties); // a native executable takes -D options before its arguments, as java does
        if (jar) {
            command.add("-jar");
            command.add(artifact.toString());
        }
        return command;
    }

    /** Runs the given command line (e.g. the launcher script) with this client's environment. */
    Run runCommand(List<String> command) throws Exception {
        Process process = launch(command);
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish within 120 s");
        }
        byte[] bytes = out.get(10, TimeUnit.SECONDS);
        return new Run(process.exitValue(), new String(bytes, StandardCharsets.UTF_8), bytes,
                new String(err.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8));
    }

    private Process launch(List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("BROWSERHUB_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        if (stdin != null) {
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        return process;
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            return ("(unreadable: " + e + ")").getBytes(StandardCharsets.UTF_8);
        }
    }

    /** A running command's output lines as they come. */
    static final class Following implements AutoCloseable {

        private final Process process;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final StringBuilder seen = new StringBuilder();

        Following(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (IOException ended) {
                    // the process was ended
                }
            }, "follow-reader");
            reader.setDaemon(true);
            reader.start();
        }

        /** The first line (from here on) that contains the text; fails when none comes within the wait. */
        String awaitLine(String text, Duration wait) throws InterruptedException {
            long deadline = System.nanoTime() + wait.toNanos();
            while (System.nanoTime() < deadline) {
                String line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (line != null) {
                    seen.append(line).append('\n');
                    if (line.contains(text)) {
                        return line;
                    }
                } else if (!process.isAlive()) {
                    break;
                }
            }
            throw new AssertionError("no line with \"" + text + "\" within " + wait + (process.isAlive() ? "" : " (exited " + process.exitValue() + ")")
                    + "; lines so far:\n" + seen + "stderr:\n" + stderr());
        }

        boolean alive() {
            return process.isAlive();
        }

        /** The lines read so far by {@link #awaitLine}. */
        String seen() {
            return seen.toString();
        }

        private String stderr() {
            if (process.isAlive()) {
                return "(still running)";
            }
            return new String(readAll(process.getErrorStream()), StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
