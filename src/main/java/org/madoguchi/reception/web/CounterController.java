package org.madoguchi.reception.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.madoguchi.platform.CurrentActor;
import org.madoguchi.reception.ItineraryStep;
import org.madoguchi.reception.ReceptionService;
import org.madoguchi.reception.Ticket;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Counters and visits", description = "窓口: open a counter, call the next visitor, and move a visit through its states")
class CounterController {

    private final ReceptionService reception;
    private final CurrentActor actor;

    CounterController(ReceptionService reception, CurrentActor actor) {
        this.reception = reception;
        this.actor = actor;
    }

    @GetMapping("/api/v1/counters/{counterId}")
    @Operation(summary = "A counter and the visit at it",
            description = "Ticket id, staff id and procedures only for staff who may serve the visit, and managers; "
                    + "devices of the office and staff of other departments see whether it is open and the number called.")
    ReceptionService.CounterState counter(@PathVariable String counterId) {
        return reception.counterState(counterId, actor.get());
    }

    @PostMapping("/api/v1/counters/{counterId}/open")
    @Operation(summary = "Sign in at a counter (窓口を開く)")
    ReceptionService.CounterState open(@PathVariable String counterId) {
        return reception.openCounter(counterId, actor.get());
    }

    @PostMapping("/api/v1/counters/{counterId}/close")
    ReceptionService.CounterState close(@PathVariable String counterId) {
        return reception.closeCounter(counterId, actor.get());
    }

    @PostMapping("/api/v1/counters/{counterId}/call-next")
    @Operation(summary = "Call the next visitor (呼出)", description = "204 when nobody is waiting for this counter's departments.")
    ResponseEntity<Ticket.Visit> callNext(@PathVariable String counterId) {
        return reception.callNext(counterId, actor.get()).map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.noContent().build());
    }

    @PostMapping("/api/v1/visits/{visitId}/recall")
    @Operation(summary = "Call the same visitor again (再呼出)")
    Ticket.Visit recall(@PathVariable long visitId) {
        return reception.recall(visitId, actor.get());
    }

    @PostMapping("/api/v1/visits/{visitId}/absent")
    @Operation(summary = "The visitor did not come (不在)")
    Ticket.Visit absent(@PathVariable long visitId) {
        return reception.markAbsent(visitId, actor.get());
    }

    @PostMapping("/api/v1/visits/{visitId}/return")
    @Operation(summary = "An absent visitor came back within the grace period: back in the queue with the original priority")
    Ticket.Visit returnToQueue(@PathVariable long visitId) {
        return reception.returnToQueue(visitId, actor.get());
    }

    @PostMapping("/api/v1/visits/{visitId}/start")
    @Operation(summary = "Start serving (対応開始)")
    Ticket.Visit start(@PathVariable long visitId) {
        return reception.start(visitId, actor.get());
    }

    @PostMapping("/api/v1/visits/{visitId}/complete")
    @Operation(summary = "Complete (完了); the next department of the itinerary becomes callable")
    Ticket complete(@PathVariable long visitId) {
        return reception.complete(visitId, actor.get());
    }

    @PostMapping("/api/v1/visits/{visitId}/hand-over")
    @Operation(summary = "Complete and send the visitor on to another department next (窓口連携)")
    Ticket handOver(@PathVariable long visitId, @Valid @RequestBody ItineraryStep next) {
        return reception.handOver(visitId, next, actor.get());
    }

    @PostMapping("/api/v1/visits/{visitId}/remove")
    @Operation(summary = "Remove a department not yet served from the itinerary",
            description = "Staff of the visit's department, and managers.")
    Ticket remove(@PathVariable long visitId) {
        return reception.removeVisit(visitId, actor.get());
    }
}
