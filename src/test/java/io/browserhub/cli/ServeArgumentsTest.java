package io.browserhub.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The hub's own arguments are read without picocli ({@link ServeCommand#readPlainly}); whatever that reading takes,
 * picocli must read the same way, and whatever it leaves must reach picocli untouched.
 */
class ServeArgumentsTest {

    private static final List<List<String>> TAKEN = List.of(
            List.of(),
            List.of("serve"),
            List.of("serve", "--port", "9333"),
            List.of("serve", "--port=0"),
            List.of("serve", "--data-dir", "/tmp/hub data"),
            List.of("serve", "--data-dir=relative/dir", "--port", "65535"),
            List.of("serve", "--port", "123456789", "--data-dir", "x=y"),
            List.of("serve", "--rehearse", "--data-dir", "/tmp/scratch"),
            List.of("serve", "--data-dir", "/tmp/scratch", "--port", "8080", "--rehearse"));

    private static final List<List<String>> LEFT_TO_PICOCLI = List.of(
            List.of("serve", "--help"),
            List.of("serve", "-h"),
            List.of("--help"),
            List.of("--version"),
            List.of("sessions"),
            List.of("serve", "--port"),
            List.of("serve", "--port", "abc"),
            List.of("serve", "--port", "08080"),
            List.of("serve", "--port", "+80"),
            List.of("serve", "--port", "-1"),
            List.of("serve", "--port", "9999999999"),
            List.of("serve", "--port="),
            List.of("serve", "--port", "1", "--port", "2"),
            List.of("serve", "--data-dir", "--port", "1"),
            List.of("serve", "--data-dir", "a", "--data-dir", "b"),
            List.of("serve", "--data-dir", "a\0b"),
            List.of("serve", "--rehearse"),
            List.of("serve", "--rehearse", "--rehearse", "--data-dir", "a"),
            List.of("serve", "--rehearse=true", "--data-dir", "a"),
            List.of("serve", "--datadir", "a"),
            List.of("serve", "--", "--port", "1"),
            List.of("serve", "extra"));

    @Test
    void whatIsReadPlainlyPicocliReadsTheSame() {
        for (List<String> args : TAKEN) {
            String[] array = args.toArray(String[]::new);
            ServeCommand plain = new ServeCommand();
            assertTrue(plain.readPlainly(array), "read plainly: " + args);

            BrowserhubCommand browserhub = new BrowserhubCommand();
            CommandLine.ParseResult parsed = BrowserhubCommand.commandLine(browserhub, array).parseArgs(array);
            assertFalse(parsed.isUsageHelpRequested() || parsed.isVersionHelpRequested(), args.toString());
            ServeCommand picocli = browserhub.serve;
            assertEquals(picocli.dataDir, plain.dataDir, "--data-dir of " + args);
            assertEquals(picocli.port, plain.port, "--port of " + args);
            assertEquals(picocli.rehearse, plain.rehearse, "--rehearse of " + args);
        }
        ServeCommand one = new ServeCommand();
        one.readPlainly("serve", "--port=8080", "--data-dir", "d");
        assertEquals(8080, one.port);
        assertEquals(Path.of("d"), one.dataDir);
    }

    @Test
    void everythingElseIsLeftToPicocliUntouched() {
        for (List<String> args : LEFT_TO_PICOCLI) {
            ServeCommand plain = new ServeCommand();
            assertFalse(plain.readPlainly(args.toArray(String[]::new)), "left to picocli: " + Arrays.toString(args.toArray()));
            assertNull(plain.dataDir, args.toString());
            assertNull(plain.port, args.toString());
            assertFalse(plain.rehearse, args.toString());
        }
    }
}
