package org.madoguchi.reception.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.madoguchi.platform.CurrentActor;
import org.madoguchi.platform.ProblemException;
import org.madoguchi.reception.IssueTicket;
import org.madoguchi.reception.ItineraryStep;
import org.madoguchi.reception.ReceptionService;
import org.madoguchi.reception.Ticket;
import org.madoguchi.reception.VisitPlanResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Tickets", description = "受付票: issue one ticket for a whole itinerary, and change it while the visitor is here")
class TicketController {

    private static final Logger log = LoggerFactory.getLogger(TicketController.class);

    private final ReceptionService reception;
    private final CurrentActor actor;
    private final List<VisitPlanResolver> resolvers;

    TicketController(ReceptionService reception, CurrentActor actor, List<VisitPlanResolver> resolvers) {
        this.reception = reception;
        this.actor = actor;
        this.resolvers = resolvers;
    }

    record IssueRequest(@Size(max = 10) List<@Valid ItineraryStep> itinerary, String priorityClass) {
    }

    @PostMapping("/api/v1/offices/{officeId}/tickets")
    @Operation(summary = "Issue a ticket (発券)", description = "Kiosk devices and staff. Send an Idempotency-Key so a repeated request returns the same ticket.")
    ResponseEntity<Ticket> issue(@PathVariable String officeId, @Valid @RequestBody IssueRequest body,
                                 @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        ReceptionService.IssueResult result = reception.issue(new IssueTicket(officeId, body.itinerary(),
                body.priorityClass(), null, idempotencyKey), actor.get());
        if (result.replayed()) {
            return ResponseEntity.ok().header("Idempotent-Replayed", "true").body(result.ticket());
        }
        return ResponseEntity.created(URI.create("/api/v1/tickets/" + result.ticket().id())).body(result.ticket());
    }

    record PlanRequest(@jakarta.validation.constraints.NotBlank @Size(max = 1000) String code, String priorityClass) {
    }

    @PostMapping("/api/v1/offices/{officeId}/tickets/from-plan")
    @Operation(summary = "Issue a ticket from a plan code (QR from the navigator or pre-entry, or typed)",
            description = "422 unknown-plan-code when no module recognises the code.")
    ResponseEntity<Ticket> issueFromPlan(@PathVariable String officeId, @Valid @RequestBody PlanRequest body,
                                         @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        String code = body.code().trim();
        for (VisitPlanResolver resolver : resolvers) {
            Optional<List<ItineraryStep>> itinerary = resolver.resolve(code);
            if (itinerary.isPresent()) {
                ReceptionService.IssueResult result = reception.issue(new IssueTicket(officeId, itinerary.get(),
                        body.priorityClass(), null, idempotencyKey), actor.get());
                if (result.replayed()) {
                    return ResponseEntity.ok().header("Idempotent-Replayed", "true").body(result.ticket());
                }
                // Counted only now: a refused or failed request is no scan.
                countUse(resolver, code);
                return ResponseEntity.created(URI.create("/api/v1/tickets/" + result.ticket().id())).body(result.ticket());
            }
        }
        throw ProblemException.invalid("unknown-plan-code", "この二次元コード（受付コード）は読み取れませんでした。");
    }

    /** A count that fails must not turn an issued ticket into an error the kiosk would retry. */
    private static void countUse(VisitPlanResolver resolver, String code) {
        try {
            resolver.issued(code);
        } catch (RuntimeException e) {
            log.warn("Could not count a plan code use ({})", e.getClass().getSimpleName());
        }
    }

    @GetMapping("/api/v1/tickets/{ticketId}")
    @Operation(summary = "A ticket with its itinerary (staff)",
            description = "Managers, and staff of a department on the ticket (the whole itinerary, for 窓口連携).")
    Ticket ticket(@PathVariable UUID ticketId) {
        return reception.ticket(ticketId, actor.get());
    }

    @PostMapping("/api/v1/tickets/{ticketId}/visits")
    @Operation(summary = "Add a department to the itinerary",
            description = "Managers, and staff whose own department still has an open visit on the ticket.")
    Ticket addVisit(@PathVariable UUID ticketId, @Valid @RequestBody ItineraryStep step) {
        return reception.addVisit(ticketId, step, actor.get());
    }

    @PostMapping("/api/v1/tickets/{ticketId}/cancel")
    @Operation(summary = "Cancel the ticket and every open visit",
            description = "Managers; a clerk only while every open visit is of their own departments (403 other-department otherwise).")
    Ticket cancel(@PathVariable UUID ticketId) {
        return reception.cancel(ticketId, actor.get());
    }
}
