package io.browserhub.live;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * One thing that happened in a session, numbered per session: the params of an {@code event} notification
 * and, word for word, one line of the activity log (seq first, so the log can be paged without parsing).
 */
@JsonPropertyOrder({"seq", "ts", "session", "kind", "tab", "data"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionEvent(long seq, String ts, String session, String kind, String tab, Map<String, Object> data) {
}
