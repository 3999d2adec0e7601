package io.browserhub.command;

import java.util.Map;

/** A part of hub.info contributed by another module (screencast counters, say), so hub.info need not know them. */
public interface HubInfoSection {

    /** The key under which the section appears in hub.info. */
    String name();

    Map<String, Object> describe();
}
