package org.madoguchi.liveinfo.mail;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The visitor's registration pages, reached from the ticket page: {@code /t/{token}/mail}. A bad token,
 * a finished ticket and one of another day all get the same answer, so the form reveals nothing about
 * which tokens exist. Forms are CSRF-protected (Thymeleaf adds the token). A registration is complete only
 * once the code mailed to the address is typed here ({@code /t/{token}/mail/confirm}). Unsubscribing is a GET
 * that only asks and a POST that deletes, because mail clients and scanners open links by themselves.
 */
@Controller
class MailNotificationController {

    private static final String MESSAGE = "liveinfo/mail/message";
    private static final String FORM = "liveinfo/mail/form";
    private static final String CONFIRM = "liveinfo/mail/confirm";
    private static final String REGISTERED = "liveinfo/mail/registered";

    private final MailRegistrations registrations;

    MailNotificationController(MailRegistrations registrations) {
        this.registrations = registrations;
    }

    @GetMapping("/t/{token}/mail")
    String form(@PathVariable String token, HttpServletRequest request, HttpServletResponse response, Model model) {
        if (!registrations.enabled()) {
            return message(response, model, HttpStatus.SERVICE_UNAVAILABLE, "mail.unavailable", token);
        }
        Optional<MailRegistrations.OpenTicket> ticket = registrations.openTicket(token);
        if (ticket.isEmpty()) {
            // Probing for tokens costs the client's quota like a registration does.
            registrations.allowClient(client(request));
            return message(response, model, HttpStatus.NOT_FOUND, "mail.badToken", null);
        }
        return form(model, token, ticket.get().status().number(), "", EnumSet.of(NotifyLevel.AHEAD_3, NotifyLevel.CALLED),
                null);
    }

    @PostMapping("/t/{token}/mail")
    String register(@PathVariable String token, @RequestParam(name = "address", required = false) String address,
                    @RequestParam(name = "notify", required = false) List<String> notify,
                    HttpServletRequest request, HttpServletResponse response, Model model) {
        Set<NotifyLevel> levels = NotifyLevel.parse(notify);
        MailRegistrations.Result result = registrations.register(token, address, levels, client(request));
        switch (result.outcome()) {
            case REGISTERED, CODE_RESENT -> {
                return confirmForm(model, token, result.subscriptionId(), null);
            }
            case UPDATED -> {
                return registered(model, token, result, true);
            }
            case SEND_FAILED -> {
                return message(response, model, HttpStatus.SERVICE_UNAVAILABLE, "mail.error.sendFailed", token);
            }
            case UNAVAILABLE -> {
                return message(response, model, HttpStatus.SERVICE_UNAVAILABLE, "mail.unavailable", token);
            }
            case BAD_TOKEN -> {
                return message(response, model, HttpStatus.NOT_FOUND, "mail.badToken", null);
            }
            case RATE_LIMITED -> {
                return message(response, model, HttpStatus.TOO_MANY_REQUESTS, "mail.rateLimited", null);
            }
            default -> {
                // The form again with the visitor's input and the reason; the ticket was valid a moment ago.
                Optional<MailRegistrations.OpenTicket> ticket = registrations.openTicket(token);
                if (ticket.isEmpty()) {
                    return message(response, model, HttpStatus.NOT_FOUND, "mail.badToken", null);
                }
                HttpStatus status = switch (result.outcome()) {
                    case TOO_MANY -> HttpStatus.CONFLICT;
                    case ADDRESS_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
                    default -> HttpStatus.BAD_REQUEST;
                };
                response.setStatus(status.value());
                String error = switch (result.outcome()) {
                    case INVALID_ADDRESS -> "mail.error.address";
                    case NO_CHOICE -> "mail.error.noChoice";
                    case ADDRESS_LIMITED -> "mail.error.addressLimited";
                    default -> "mail.error.tooMany";
                };
                model.addAttribute("addressInvalid", result.outcome() == MailRegistrations.Outcome.INVALID_ADDRESS);
                return form(model, token, ticket.get().status().number(), address == null ? "" : address, levels, error);
            }
        }
    }

    @PostMapping("/t/{token}/mail/confirm")
    String confirm(@PathVariable String token, @RequestParam(name = "pending", required = false) String pending,
                   @RequestParam(name = "code", required = false) String code,
                   HttpServletRequest request, HttpServletResponse response, Model model) {
        MailRegistrations.Result result = registrations.confirm(token, pending, code, client(request));
        return switch (result.outcome()) {
            case CONFIRMED -> registered(model, token, result, false);
            case UNAVAILABLE -> message(response, model, HttpStatus.SERVICE_UNAVAILABLE, "mail.unavailable", token);
            case RATE_LIMITED -> message(response, model, HttpStatus.TOO_MANY_REQUESTS, "mail.rateLimited", null);
            case CODE_FORMAT, CODE_WRONG -> {
                response.setStatus(HttpStatus.BAD_REQUEST.value());
                yield confirmForm(model, token, result.subscriptionId(),
                        result.outcome() == MailRegistrations.Outcome.CODE_WRONG ? "mail.error.codeWrong" : "mail.error.codeFormat");
            }
            case CODE_EXPIRED -> {
                response.setStatus(HttpStatus.GONE.value());
                yield confirmForm(model, token, null, "mail.error.codeExpired");
            }
            case CODE_TRIES -> {
                response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
                yield confirmForm(model, token, null, "mail.error.codeTries");
            }
            default -> message(response, model, HttpStatus.NOT_FOUND, "mail.badToken", null);
        };
    }

    /** Pages answering the POST above link to their other languages by GET: they lead back to the form. */
    @GetMapping("/t/{token}/mail/confirm")
    String confirmByGet(@PathVariable String token) {
        return "redirect:/t/" + org.springframework.web.util.UriUtils.encodePathSegment(token,
                java.nio.charset.StandardCharsets.UTF_8) + "/mail";
    }

    /** The code box; without {@code pending} (the code is spent) only the message and the way back to the form. */
    private String confirmForm(Model model, String token, java.util.UUID pending, String error) {
        model.addAttribute("token", token);
        model.addAttribute("pending", pending);
        model.addAttribute("minutes", registrations.codeValidityMinutes());
        model.addAttribute("error", error);
        return CONFIRM;
    }

    private static String registered(Model model, String token, MailRegistrations.Result result, boolean updated) {
        model.addAttribute("token", token);
        model.addAttribute("levels", result.levels());
        model.addAttribute("updated", updated);
        model.addAttribute("unsubscribeToken", result.unsubscribeToken());
        return REGISTERED;
    }

    @GetMapping("/t/mail/unsubscribe/{unsubscribeToken}")
    String confirmUnsubscribe(@PathVariable String unsubscribeToken, HttpServletResponse response, Model model) {
        if (!registrations.unsubscribeTokenKnown(unsubscribeToken)) {
            // Already removed (or purged at day end): nothing will be sent, which is what the visitor wants.
            return message(response, model, HttpStatus.OK, "mail.unsubscribe.gone", null);
        }
        model.addAttribute("unsubscribeToken", unsubscribeToken);
        return "liveinfo/mail/unsubscribe";
    }

    @PostMapping("/t/mail/unsubscribe/{unsubscribeToken}")
    String unsubscribe(@PathVariable String unsubscribeToken, HttpServletResponse response, Model model) {
        boolean removed = registrations.unsubscribe(unsubscribeToken);
        return message(response, model, HttpStatus.OK, removed ? "mail.unsubscribe.done" : "mail.unsubscribe.gone", null);
    }

    private static String form(Model model, String token, int number, String address, Set<NotifyLevel> chosen,
                               String error) {
        model.addAttribute("token", token);
        model.addAttribute("number", number);
        model.addAttribute("address", address);
        model.addAttribute("levels", List.of(NotifyLevel.values()));
        model.addAttribute("chosen", chosen);
        model.addAttribute("error", error);
        return FORM;
    }

    private static String message(HttpServletResponse response, Model model, HttpStatus status, String key, String token) {
        response.setStatus(status.value());
        model.addAttribute("messageKey", key);
        model.addAttribute("token", token);
        return MESSAGE;
    }

    /** The connecting address (behind a proxy, with server.forward-headers-strategy set, the client's). */
    private static String client(HttpServletRequest request) {
        return request.getRemoteAddr();
    }
}
