package org.madoguchi.platform.security;

import java.net.URI;
import java.util.List;
import org.madoguchi.platform.CurrentActor;
import org.madoguchi.platform.ProblemException;
import org.madoguchi.platform.database.DatabaseAvailability;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        // Delegating encoder: bcrypt today, and stored hashes carry their algorithm id so it can be raised later.
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /**
     * The one way passwords are checked, for the login form and HTTP Basic alike: throttled first. As the only
     * AuthenticationProvider bean it replaces Spring's default password check (registering it on the filter chain
     * as well would run it twice per attempt).
     */
    @Bean
    ThrottledAuthenticationProvider passwordAuthentication(Accounts accounts, PasswordEncoder encoder,
                                                           LoginThrottle throttle) {
        return new ThrottledAuthenticationProvider(accounts, encoder, throttle);
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, Accounts accounts, ProblemAuthenticationEntryPoint problems,
                                           ApplicationContext context,
                                           DatabaseAvailability availability,
                                           @Value("${madoguchi.security.connect-src:}") String extraConnectSrc,
                                           @Value("${madoguchi.liveinfo.stream-public-url:}") String streamPublicUrl,
                                           @Value("${madoguchi.public-base-url:}") String publicBaseUrl,
                                           @Value("${madoguchi.security.upload-paths:/statistics/import,/statistics/import.json,/api/v1/statistics/import}")
                                           List<String> uploadPaths)
            throws Exception {
        // Pages may open live streams on another origin (the lean stream server) only where configured.
        String connectSrc = "connect-src 'self'" + streamOrigin(streamPublicUrl)
                + (extraConnectSrc.isBlank() ? "" : " " + extraConnectSrc.trim()) + "; ";
        RequestMatcher api = PathPatternRequestMatcher.withDefaults().matcher("/api/**");
        // Actuator callers are programs (a metrics scraper, a health check): 401/403, never a login page.
        RequestMatcher actuator = PathPatternRequestMatcher.withDefaults().matcher("/actuator/**");
        // Only a bearer token (device or staff API token) proves a call was not forged by another site: a browser
        // never adds one by itself. Cookies and remembered Basic credentials are both sent automatically, so
        // sessions and Basic alike need a CSRF token.
        RequestMatcher csrfNeeded = request -> CsrfFilter.DEFAULT_CSRF_MATCHER.matches(request)
                && !bearer(request);
        Uploads uploads = new Uploads(uploadPaths);
        http
                // Before the CSRF check, so that it already knows who a bearer token belongs to.
                .addFilterBefore(new DeviceTokenFilter(accounts, new VerifiedScrapers(availability)), CsrfFilter.class)
                .addFilterBefore(new CrossSiteRequestFilter(publicBaseUrl), CsrfFilter.class)
                .addFilterAfter(new PasswordChangeGate(), AuthorizationFilter.class)
                .addFilterAfter(uploads.gate(), PasswordChangeGate.class)
                .csrf(csrf -> csrf.requireCsrfProtectionMatcher(csrfNeeded).csrfTokenRepository(csrfTokens())
                        .csrfTokenRequestHandler(uploads.csrfTokens()))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/api/v1/public/**").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/offices", "/api/v1/offices/*/floor",
                                "/api/v1/offices/*/summary", "/api/v1/offices/*/opening",
                                "/api/v1/offices/*/opening/notice").permitAll()
                        // The office event stream (/api/v1/offices/*/events) needs a sign-in: anyRequest below.
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        .requestMatchers("/actuator/health/**", "/actuator/health").permitAll()
                        .requestMatchers("/", "/login", "/error", "/css/**", "/js/**", "/favicon.ico").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/csrf").permitAll()
                        .requestMatchers("/devices/pair", "/t/**", "/live/**").permitAll()
                        // The navigator and the resident's side of pre-entry are public; staff see entries under /console.
                        .requestMatchers("/navi/**", "/preentry/**").permitAll()
                        .requestMatchers("/kiosk/**").hasAnyRole("KIOSK", "ADMIN", "MANAGER")
                        .requestMatchers("/board/**").hasAnyRole("DISPLAY", "ADMIN", "MANAGER", "STAFF")
                        .requestMatchers("/console/**").hasAnyRole("STAFF", "MANAGER", "ADMIN")
                        .requestMatchers("/floor/**").hasAnyRole("MANAGER", "ADMIN")
                        .requestMatchers("/api/v1/admin/**").hasRole("ADMIN")
                        .requestMatchers("/admin/**").hasRole("ADMIN")
                        // A monitoring server's scraper token (METRICS) reads this one endpoint and nothing else.
                        .requestMatchers(HttpMethod.GET, DeviceTokenFilter.METRICS_PATH).hasAnyRole("METRICS", "ADMIN", "MANAGER")
                        .requestMatchers("/actuator/**").hasAnyRole("ADMIN", "MANAGER")
                        // An address no controller serves gets the "not found" page, not the staff login.
                        .requestMatchers(new UnknownPages(() -> context.getBean("requestMappingHandlerMapping",
                                RequestMappingHandlerMapping.class)))
                        .permitAll()
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(problems))
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll()
                        .failureHandler((request, response, e) -> response.sendRedirect(
                                e instanceof LoginThrottledException ? "/login?locked" : "/login?error")))
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .exceptionHandling(ex -> ex
                        .defaultAuthenticationEntryPointFor(problems, api)
                        .defaultAuthenticationEntryPointFor(problems, actuator)
                        // A kiosk or board browser that is not paired yet is sent to pairing, not to the staff login.
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/devices/pair"),
                                PathPatternRequestMatcher.withDefaults().matcher("/kiosk/**"))
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/devices/pair"),
                                PathPatternRequestMatcher.withDefaults().matcher("/board/**"))
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                                request -> true)
                        .defaultAccessDeniedHandlerFor(problems, api)
                        .defaultAccessDeniedHandlerFor(problems, actuator)
                        .defaultAccessDeniedHandlerFor(new PageAccessDenied(), request -> true))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; " + connectSrc + "img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                                        + "frame-ancestors 'none'; form-action 'self'; base-uri 'self'"))
                        .referrerPolicy(ref -> ref.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)));
        return http.build();
    }

    /** The origin of an absolute stream URL, with a leading space; nothing for "same-origin" or none. */
    private static String streamOrigin(String url) {
        if (!url.strip().matches("(?i)https?://[^/\\s]+.*")) {
            return "";
        }
        URI uri = URI.create(url.strip());
        return " " + uri.getScheme() + "://" + uri.getRawAuthority();
    }

    private static boolean bearer(jakarta.servlet.http.HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && (header.startsWith("Bearer dev_") || header.startsWith("Bearer stf_"));
    }

    /**
     * CSRF tokens in a cookie rather than the session: a kiosk authenticated by its device cookie has no
     * session to keep a token in, and must not start failing after a quiet half hour.
     */
    private static CookieCsrfTokenRepository csrfTokens() {
        CookieCsrfTokenRepository repository = new CookieCsrfTokenRepository();
        repository.setCookieCustomizer(cookie -> cookie.sameSite("Strict"));
        return repository;
    }

    @Bean
    CurrentActor currentActor() {
        return () -> {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication != null && authentication.getPrincipal() instanceof StaffPrincipal staff) {
                return staff.toActor();
            }
            if (authentication != null && authentication.getPrincipal() instanceof DevicePrincipal device) {
                return device.toActor();
            }
            throw new ProblemException(HttpStatus.UNAUTHORIZED, "unauthenticated", "ログインが必要です。");
        };
    }

}
