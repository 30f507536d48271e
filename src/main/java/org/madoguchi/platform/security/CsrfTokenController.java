package org.madoguchi.platform.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Programs that sign in with a password (HTTP Basic) need a CSRF token for state-changing calls, exactly like a
 * browser session; this hands one out together with its cookie. Programs with a bearer token need none.
 */
@RestController
@Tag(name = "Administration")
class CsrfTokenController {

    @GetMapping("/api/v1/csrf")
    @Operation(summary = "A CSRF token (send it back as the named header together with the XSRF-TOKEN cookie)")
    ResponseEntity<Map<String, String>> token(CsrfToken token) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(Map.of("headerName", token.getHeaderName(), "parameterName", token.getParameterName(),
                        "token", token.getToken()));
    }
}
