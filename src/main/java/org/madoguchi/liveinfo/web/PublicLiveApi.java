package org.madoguchi.liveinfo.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.madoguchi.liveinfo.LiveStatus;
import org.madoguchi.liveinfo.LiveTickets;
import org.madoguchi.platform.ProblemException;
import org.madoguchi.reception.TicketStatus;
import org.springframework.http.HttpStatus;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The public, sign-in-free API behind the live pages: an office's status, its stream, and a ticket by token. */
@RestController
class PublicLiveApi {

    private final LiveStatus status;
    private final StatusStream stream;
    private final LiveTickets tickets;

    PublicLiveApi(LiveStatus status, StatusStream stream, LiveTickets tickets) {
        this.status = status;
        this.stream = stream;
        this.tickets = tickets;
    }

    /**
     * The visitor's own status by the token on their ticket, with the same rules as their page: it expires at
     * closing time, and an unknown or malformed token gets the same answer as any other unknown one.
     */
    @GetMapping("/api/v1/public/tickets/{token}")
    TicketStatus ticket(@PathVariable String token) {
        LiveTickets.Lookup lookup = tickets.find(token);
        return switch (lookup.outcome()) {
            case CURRENT -> lookup.status();
            case EXPIRED -> throw new ProblemException(HttpStatus.GONE, "ticket-expired",
                    "この受付票の受付は終了しました。");
            case UNKNOWN -> throw ProblemException.notFound("unknown-ticket",
                    "受付票が見つかりません。二次元コードをもう一度読み取ってください。");
        };
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
