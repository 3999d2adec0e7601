package io.browserhub.live;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One numbered event of a session: the params of an {@code event} notification and, word for word, one line of the
 * activity log (seq first, so the log can be paged without parsing). {@code data} is the event record itself.
 */
@JsonPropertyOrder({"seq", "ts", "session", "kind", "tab", "data"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventEnvelope(long seq, String ts, String session, String kind, String tab, Object data) {
}
