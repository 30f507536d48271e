package org.madoguchi.reception.screens;

import org.madoguchi.reception.ReceptionService;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/** The visitor's own page, opened from the QR code on the ticket: where they stand at each department. */
@Controller
class TicketPageController {

    private final ReceptionService reception;

    TicketPageController(ReceptionService reception) {
        this.reception = reception;
    }

    @GetMapping("/t/{token}")
    String ticket(@PathVariable String token, Model model) {
        model.addAttribute("status", reception.statusByToken(token)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        model.addAttribute("token", token);
        return "ticket";
    }
}
