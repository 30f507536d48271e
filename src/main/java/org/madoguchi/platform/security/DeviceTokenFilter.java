package org.madoguchi.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.madoguchi.platform.Actor;
import org.springframework.http.ResponseCookie;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Kiosks and display boards send {@code Authorization: Bearer dev_…}, or, as paired browsers, the device cookie;
 * staff tools send {@code Bearer stf_…}. A wrong token is simply not
 * authenticated; the authorization rules then refuse whatever needed a device.
 *
 * <p>A metrics scraper's token (kind METRICS) counts only on {@value #METRICS_PATH}; anywhere else its request is
 * anonymous, so the token is worth nothing beyond reading metrics even where a rule only asks for "signed in".
 */
class DeviceTokenFilter extends OncePerRequestFilter {

    static final String DEVICE_COOKIE = "madoguchi_device";
    static final String METRICS_PATH = "/actuator/prometheus";

    private final Accounts accounts;
    private final VerifiedScrapers scrapers;

    DeviceTokenFilter(Accounts accounts, VerifiedScrapers scrapers) {
        this.accounts = accounts;
        this.scrapers = scrapers;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.startsWith("Bearer stf_")) {
            accounts.findStaffByToken(header.substring("Bearer ".length()).trim()).ifPresent(staff -> {
                staff.eraseCredentials();
                SecurityContextHolder.getContext().setAuthentication(
                        new UsernamePasswordAuthenticationToken(staff, null, staff.getAuthorities()));
            });
        }
        String token = tokenOf(request);
        boolean metricsPath = METRICS_PATH.equals(request.getRequestURI());
        Optional<DevicePrincipal> device;
        if (token == null) {
            device = Optional.empty();
        } else if (metricsPath && scrapers.outage()) {
            // The database is away: a scraper seen before still reads metrics, which then report the outage.
            device = scrapers.remembered(token);
        } else {
            device = accounts.findDevice(token);
            if (metricsPath) {
                scrapers.update(token, device.filter(d -> d.role() == Actor.Role.METRICS));
            }
        }
        device.filter(d -> metricsPath == (d.role() == Actor.Role.METRICS)).ifPresent(d -> {
            SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken(d, null,
                    List.of(new SimpleGrantedAuthority("ROLE_" + d.role().name()))));
            if (fromCookie(request) && isScreenPage(request)) {
                // Each load of the kiosk or board page extends the pairing; an unused browser falls out.
                response.addHeader("Set-Cookie", pairingCookie(token, request.isSecure()).toString());
            }
        });
        chain.doFilter(request, response);
    }

    /**
     * A bearer token lives in the request, not a session: the async dispatch that ends a live stream must find
     * its holder again, or authorisation would refuse the stream's own ending.
     */
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    /** Paired browsers stay paired while in use; one left unused this long must be paired again. */
    static final Duration PAIRING_LIFETIME = Duration.ofDays(30);

    static ResponseCookie pairingCookie(String token, boolean secure) {
        return ResponseCookie.from(DEVICE_COOKIE, token).httpOnly(true).secure(secure).sameSite("Strict").path("/")
                .maxAge(PAIRING_LIFETIME).build();
    }

    private static boolean fromCookie(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header == null || !header.startsWith("Bearer dev_");
    }

    private static boolean isScreenPage(HttpServletRequest request) {
        String path = request.getRequestURI();
        return "GET".equals(request.getMethod()) && (path.equals("/kiosk") || path.equals("/board"));
    }

    /** A bearer header (API clients) or the cookie a paired kiosk or board browser carries. */
    static String tokenOf(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null && header.startsWith("Bearer dev_")) {
            return header.substring("Bearer ".length()).trim();
        }
        if (request.getCookies() != null) {
            for (Cookie cookie : request.getCookies()) {
                if (DEVICE_COOKIE.equals(cookie.getName()) && cookie.getValue().startsWith("dev_")) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }
}
