package org.madoguchi.liveinfo.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.madoguchi.liveinfo.LiveStatus;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public, sign-in-free API behind the live pages: an office's status and its stream. (The ticket by token,
 * {@code /api/v1/public/tickets/{token}}, is still reception's.)
 */
@RestController
class PublicLiveApi {

    private final LiveStatus status;
    private final StatusStream stream;

    PublicLiveApi(LiveStatus status, StatusStream stream) {
        this.status = status;
        this.stream = stream;
    }

    /** Served from memory: the same pre-serialized JSON for every viewer. */
    @GetMapping(path = "/api/v1/public/offices/{office}/status", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> status(@PathVariable String office) {
        return ResponseEntity.ok().cacheControl(CacheControl.noCache())
                .contentType(MediaType.APPLICATION_JSON).body(status.snapshot(office).json());
    }

    /** Server-Sent Events: {@code status} with the whole status on connect and after each change, {@code ping} when idle. */
    @GetMapping("/api/v1/public/offices/{office}/status/stream")
    void stream(@PathVariable String office, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        stream.open(office, request, response);
    }
}
