package io.browserhub.data.files;

import java.time.Instant;

/** One file of a session, as files.list describes it; {@code url} fetches it with the hub's token. */
public record FileInfo(String kind, String name, long size, Instant createdAt, String url) {
}
