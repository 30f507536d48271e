package org.madoguchi.reception.screens;

import jakarta.servlet.http.HttpServletRequest;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.madoguchi.platform.QrCodes;
import org.madoguchi.reception.Floor;
import org.madoguchi.reception.FloorDirectory;
import org.madoguchi.reception.ReceptionService;
import org.madoguchi.reception.TicketStatus;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.server.ResponseStatusException;

/** The printed ticket, the same whether the kiosk or a first-counter clerk issued it. */
@Component
class PrintedTicket {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm");

    private final FloorDirectory floors;
    private final ReceptionService reception;
    private final String publicBaseUrl;

    PrintedTicket(FloorDirectory floors, ReceptionService reception,
                  @Value("${madoguchi.public-base-url:}") String publicBaseUrl) {
        this.floors = floors;
        this.reception = reception;
        this.publicBaseUrl = publicBaseUrl;
        if (publicBaseUrl == null || publicBaseUrl.isBlank()) {
            LoggerFactory.getLogger(PrintedTicket.class).warn("madoguchi.public-base-url is not set: the QR code on "
                    + "printed tickets points at this server's own address, which residents' phones may not reach");
        }
    }

    /** Fills the model of {@code kiosk-ticket.html}; {@code back} is where the screen returns after printing. */
    String fill(Model model, String token, String paper, boolean autoprint, String back, HttpServletRequest request) {
        TicketStatus status = reception.statusByToken(token)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Floor floor = floors.floor(status.officeId());
        String url = baseUrl(request) + "/t/" + token;
        model.addAttribute("status", status);
        model.addAttribute("office", floor.office());
        model.addAttribute("issued", TIME.format(status.issuedAt().atZone(ZoneId.of(floor.office().timeZone()))));
        model.addAttribute("wait", status.steps().stream().filter(s -> s.waitMinutes() != null)
                .map(TicketStatus.Step::waitMinutes).findFirst().orElse(null));
        model.addAttribute("qr", QrCodes.svg(url, "a4".equals(paper) ? 40 : 28, "受付状況のページ"));
        model.addAttribute("a4", "a4".equals(paper));
        model.addAttribute("autoprint", autoprint);
        model.addAttribute("back", back);
        model.addAttribute("departments", floor.departments().stream()
                .collect(Collectors.toMap(Floor.Department::id, Function.identity())));
        // What the visitor chose, by department, in the page's language; the status page never shows these.
        boolean japanese = "ja".equals(LocaleContextHolder.getLocale().getLanguage());
        model.addAttribute("procedures", reception.proceduresByToken(token).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().stream()
                        .flatMap(id -> floor.procedure(id).stream())
                        .map(p -> japanese ? p.nameJa() : p.nameEn()).toList())));
        return "kiosk-ticket";
    }

    /**
     * The configured public address; without one, the address this connection actually arrived at. Never the
     * Host header: whoever sends the request would choose where residents' phones are sent.
     */
    private String baseUrl(HttpServletRequest request) {
        if (publicBaseUrl != null && !publicBaseUrl.isBlank()) {
            return publicBaseUrl.replaceAll("/+$", "");
        }
        String address = request.getLocalAddr();
        String host = address.contains(":") ? "[" + address + "]" : address;
        return "http://" + host + ":" + request.getLocalPort();
    }
}
