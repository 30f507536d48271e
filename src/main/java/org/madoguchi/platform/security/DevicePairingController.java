package org.madoguchi.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Turns a browser into a kiosk or display board: someone with the device token (shown once when the
 * administrator registered the device) enters it here, and the browser keeps it in an HttpOnly cookie.
 */
@Controller
class DevicePairingController {

    private final Accounts accounts;

    DevicePairingController(Accounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/devices/pair")
    String form() {
        return "devices/pair";
    }

    @PostMapping("/devices/pair")
    String pair(@RequestParam String token, HttpServletRequest request, HttpServletResponse response, Model model) {
        String trimmed = token.trim();
        // A scraper's token never turns a browser into anything: it is refused like an unknown one.
        var device = accounts.findDevice(trimmed).filter(d -> d.role() != org.madoguchi.platform.Actor.Role.METRICS);
        if (device.isEmpty()) {
            model.addAttribute("error", true);
            response.setStatus(422);
            return "devices/pair";
        }
        response.addHeader("Set-Cookie", DeviceTokenFilter.pairingCookie(trimmed, request.isSecure()).toString());
        return "redirect:" + (device.get().role() == org.madoguchi.platform.Actor.Role.KIOSK ? "/kiosk" : "/board");
    }
}
