package io.browserhub.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.browserhub.session.event.SessionEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** One list of event kinds: every event record has a wire name, and the dashboard knows exactly these. */
class EventKindsTest {

    @Test
    void everySessionEventRecordHasExactlyOneWireName() {
        Class<?>[] records = SessionEvent.class.getPermittedSubclasses();
        assertEquals(records.length, EventKinds.KNOWN.size(), "one kind per record");
        assertEquals(EventKinds.KNOWN.size(), EventKinds.KNOWN.stream().distinct().count(), "no kind named twice");
    }

    @Test
    void theDashboardListsTheSameKinds() throws Exception {
        String ts = Files.readString(Path.of("webui/src/protocol.ts"));
        Matcher block = Pattern.compile("EVENT_KINDS = \\[(.*?)\\] as const", Pattern.DOTALL).matcher(ts);
        assertTrue(block.find(), "webui/src/protocol.ts declares EVENT_KINDS");
        List<String> kinds = new ArrayList<>();
        Matcher kind = Pattern.compile("'([a-z.]+)'").matcher(block.group(1));
        while (kind.find()) {
            kinds.add(kind.group(1));
        }
        assertEquals(EventKinds.KNOWN, kinds, "webui/src/protocol.ts EVENT_KINDS must list live/EventKinds.KNOWN, in order");
    }
}
