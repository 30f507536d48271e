package org.madoguchi.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Kiosks and display boards send {@code Authorization: Bearer dev_…}. A wrong token is simply not
 * authenticated; the authorization rules then refuse whatever needed a device.
 */
class DeviceTokenFilter extends OncePerRequestFilter {

    private final Accounts accounts;

    DeviceTokenFilter(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.startsWith("Bearer dev_")) {
            accounts.findDevice(header.substring("Bearer ".length()).trim()).ifPresent(device -> {
                var authentication = new UsernamePasswordAuthenticationToken(device, null,
                        List.of(new SimpleGrantedAuthority("ROLE_" + device.role().name())));
                SecurityContextHolder.getContext().setAuthentication(authentication);
            });
        }
        chain.doFilter(request, response);
    }
}
