package io.browserhub.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.options.FilePayload;
import io.browserhub.config.HubConfig;
import io.browserhub.error.ErrorCode;
import io.browserhub.error.HubException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Uploads sent by content ({@code files: [{name, mimeType?, data}]}): a remote agent needs no shared disk, and
 * nothing is read from the hub's file system. Decoded in memory and bounded by browserhub.files.max-upload-size.
 */
@ApplicationScoped
public class Uploads {

    /** A file name as a page sees it: no directories, no control characters. */
    private static final Pattern NAME = Pattern.compile("[^/\\\\\\p{Cntrl}]{1,255}");
    private static final Pattern MIME = Pattern.compile("[A-Za-z0-9!#$&^_.+-]{1,127}/[A-Za-z0-9!#$&^_.+-]{1,127}");

    private final long maxBytes;

    public Uploads(HubConfig config) {
        this.maxBytes = config.files().maxUploadSize().asLongValue();
    }

    /** The files as Playwright payloads; INVALID_PARAMS for a malformed entry, LIMIT_REACHED past the size limit. */
    public FilePayload[] payloads(JsonNode files) {
        List<FilePayload> out = new ArrayList<>();
        long total = 0;
        int i = 0;
        for (JsonNode f : files) {
            String where = "files[" + i++ + "]";
            String name = f.path("name").isTextual() ? f.get("name").asText() : null;
            if (name == null || !NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
                throw HubException.invalidParams(where + ".name must be a file name (1 to 255 characters, no / or \\).");
            }
            String mime = f.path("mimeType").isTextual() ? f.get("mimeType").asText() : "application/octet-stream";
            if (!MIME.matcher(mime).matches()) {
                throw HubException.invalidParams(where + ".mimeType must look like \"text/plain\", not \"" + mime + "\".");
            }
            if (!f.path("data").isTextual()) {
                throw HubException.invalidParams(where + ".data must be the file's content as base64.");
            }
            String data = f.get("data").asText();
            // base64 says its decoded size: an upload over the limit is refused before it is decoded
            if (total + (long) data.length() / 4 * 3 - 2 > maxBytes) {
                throw tooLarge();
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(data);
            } catch (IllegalArgumentException e) {
                throw HubException.invalidParams(where + ".data is not valid base64: " + e.getMessage());
            }
            total += bytes.length;
            if (total > maxBytes) {
                throw tooLarge();
            }
            out.add(new FilePayload(name, mime, bytes));
        }
        return out.toArray(FilePayload[]::new);
    }

    private HubException tooLarge() {
        return new HubException(ErrorCode.LIMIT_REACHED, "The files add up to more than " + maxBytes + " bytes"
                + " (browserhub.files.max-upload-size); send fewer or smaller files.", Map.of("limitBytes", maxBytes));
    }
}
