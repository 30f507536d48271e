package org.madoguchi.liveinfo.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.madoguchi.liveinfo.LiveStatus;
import org.madoguchi.liveinfo.LiveTickets;
import org.madoguchi.liveinfo.mail.MailOffer;
import org.madoguchi.liveinfo.stream.LeanStreamServer;
import org.madoguchi.reception.Floor;
import org.madoguchi.reception.OpeningText;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The public live pages, without sign-in: an office's status, the visitor's own ticket (from the QR code)
 * and how to use them. Bad input gets a page that says in Japanese what happened and what to do.
 */
@Controller
class LivePages {

    static final String UNKNOWN_TICKET_JA =
            "この受付票は見つかりません。受付票の 二次元コードをもう一度読み取ってください。ご不明な点は職員におたずねください。";
    static final String EXPIRED_TICKET_JA =
            "この受付票は受付時間の終了により使えなくなりました。ご用件が残っている場合は、次の開庁日に改めて受付をしてください。";
    static final String UNKNOWN_OFFICE_JA = "お探しの庁舎は見つかりません。URL をお確かめください。";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final LiveStatus status;
    private final LiveTickets tickets;
    private final MessageSource messages;
    private final LeanStreamServer leanStream;
    private final MailOffer mail;

    LivePages(LiveStatus status, LiveTickets tickets, MessageSource messages, LeanStreamServer leanStream,
              MailOffer mail) {
        this.mail = mail;
        this.status = status;
        this.tickets = tickets;
        this.messages = messages;
        this.leanStream = leanStream;
    }

    /** The lean stream server's URL for the office, tried first by the page; null keeps the servlet stream. */
    private void leanStream(Model model, HttpServletRequest request, String office) {
        model.addAttribute("streamLean", leanStream.publicUrl(request.getScheme(), request.getServerName(), office));
    }

    private void common(Model model, HttpServletRequest request, Locale locale) {
        model.addAttribute("liveLangs", LiveLanguages.links(request, locale));
        model.addAttribute("text", new LiveText(messages, locale));
        model.addAttribute("htmlLang", LiveLanguages.current(locale).startsWith("ja") ? "ja" : locale.getLanguage());
    }

    @GetMapping("/live/{office}")
    String office(@PathVariable String office, Model model, HttpServletRequest request, HttpServletResponse response,
                  Locale locale) {
        common(model, request, locale);
        if (!status.isOffice(office)) {
            return unavailable(model, response, HttpStatus.NOT_FOUND, "live.office.unknown", UNKNOWN_OFFICE_JA);
        }
        LiveStatus.Snapshot snapshot = status.snapshot(office);
        Floor floor = status.floor(office).orElseThrow();
        model.addAttribute("status", snapshot.status());
        // Closed, before opening, a holiday: said first, and no department reads as "no wait".
        model.addAttribute("opening", OpeningText.of(snapshot.status().opening(), messages, locale));
        model.addAttribute("asOf", TIME.withZone(ZoneId.of(floor.office().timeZone())).format(snapshot.status().asOf()));
        model.addAttribute("zone", floor.office().timeZone());
        leanStream(model, request, office);
        model.addAttribute("officeName", LiveLanguages.current(locale).startsWith("ja")
                ? snapshot.status().officeNameJa() : snapshot.status().officeNameEn());
        return "liveinfo/status";
    }

    @GetMapping("/live/help")
    String help(Model model, HttpServletRequest request, Locale locale) {
        common(model, request, locale);
        return "liveinfo/help";
    }

    @GetMapping("/t/{token}")
    String ticket(@PathVariable String token, Model model, HttpServletRequest request, HttpServletResponse response,
                  Locale locale) {
        LiveTickets.Lookup lookup = ticketModel(token, model, request, locale);
        if (!lookup.current()) {
            return refused(lookup, model, response);
        }
        leanStream(model, request, lookup.status().officeId());
        model.addAttribute("officeName", status.floor(lookup.status().officeId())
                .map(f -> LiveLanguages.current(locale).startsWith("ja") ? f.office().nameJa() : f.office().nameEn())
                .orElse(""));
        return "liveinfo/ticket";
    }

    /** Looks the ticket up and, while it is current, puts it and its view in the model. */
    private LiveTickets.Lookup ticketModel(String token, Model model, HttpServletRequest request, Locale locale) {
        common(model, request, locale);
        LiveTickets.Lookup lookup = tickets.find(token);
        if (lookup.current()) {
            model.addAttribute("token", token);
            model.addAttribute("ticket", lookup.status());
            model.addAttribute("view", TicketView.of(lookup.status(), new LiveText(messages, locale)));
            // A finished ticket has nothing left to be called for.
            model.addAttribute("mailOffered", mail.offered() && "OPEN".equals(lookup.status().status()));
        }
        return lookup;
    }

    /** Just the itinerary, re-rendered in the visitor's language when the page learns of a change. */
    @GetMapping("/t/{token}/steps")
    String steps(@PathVariable String token, Model model, HttpServletRequest request, HttpServletResponse response,
                 Locale locale) {
        LiveTickets.Lookup lookup = ticketModel(token, model, request, locale);
        if (!lookup.current()) {
            return refused(lookup, model, response);
        }
        response.setHeader("Cache-Control", "no-store");
        return "liveinfo/ticket :: steps";
    }

    private String refused(LiveTickets.Lookup lookup, Model model, HttpServletResponse response) {
        // Unknown and malformed tokens share one answer, so nothing tells a guessed token from a wrong one.
        return lookup.outcome() == LiveTickets.Outcome.EXPIRED
                ? unavailable(model, response, HttpStatus.GONE, "live.ticket.expired", EXPIRED_TICKET_JA)
                : unavailable(model, response, HttpStatus.NOT_FOUND, "live.ticket.unknown", UNKNOWN_TICKET_JA);
    }

    private String unavailable(Model model, HttpServletResponse response, HttpStatus status, String key,
                               String japanese) {
        response.setStatus(status.value());
        response.setHeader("Cache-Control", "no-store");
        model.addAttribute("problemKey", key);
        model.addAttribute("japanese", japanese);
        return "liveinfo/unavailable";
    }

}
