package org.madoguchi.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Backs off password guessing before any password hash is computed (ASVS 6.3.x). Three counters of recent
 * failures: per account and client (strict), per client across accounts (spraying), and per account across
 * clients — the last one capped at a short delay, so that a stranger's guesses slow a clerk's sign-in but can
 * never lock the clerk out of the counter for long. The per-client count does not hold back an account that signed
 * in from that address within 30 days (a floor behind one NAT address). Counts live in memory per node and fade
 * after an hour.
 */
@Component
class LoginThrottle {

    private static final int MAX_ENTRIES = 100_000;
    private static final Duration FORGET_AFTER = Duration.ofHours(1);

    private static final Duration REMEMBER_SUCCESS = Duration.ofDays(30);

    private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();
    // Account and address pairs that signed in lately: a floor behind one NAT address shares that address with
    // whoever sprays guesses from it, and the clerks who work there must still get in.
    private final ConcurrentHashMap<String, Instant> recentSuccess = new ConcurrentHashMap<>();
    private final Clock clock;
    private volatile Instant lastPrune = Instant.EPOCH;
    private final int perAccountAndClient;
    private final int perClient;
    private final int perAccount;
    private final Duration maxLock;
    private final Duration maxAccountLock;

    @Autowired
    LoginThrottle(@Value("${madoguchi.security.login.free-failures-per-account-and-client:5}") int perAccountAndClient,
                  @Value("${madoguchi.security.login.free-failures-per-client:30}") int perClient,
                  @Value("${madoguchi.security.login.free-failures-per-account:50}") int perAccount,
                  @Value("${madoguchi.security.login.max-lock:PT15M}") Duration maxLock,
                  @Value("${madoguchi.security.login.max-account-lock:PT1M}") Duration maxAccountLock) {
        this(Clock.systemUTC(), perAccountAndClient, perClient, perAccount, maxLock, maxAccountLock);
    }

    LoginThrottle(Clock clock, int perAccountAndClient, int perClient, int perAccount, Duration maxLock,
                  Duration maxAccountLock) {
        this.clock = clock;
        this.perAccountAndClient = perAccountAndClient;
        this.perClient = perClient;
        this.perAccount = perAccount;
        this.maxLock = maxLock;
        this.maxAccountLock = maxAccountLock;
    }

    private static final class Failures {
        int count;
        Instant last;
        Instant lockedUntil = Instant.EPOCH;
    }

    /** How long this attempt must wait, if it must; checked before the password is looked at. */
    Optional<Duration> waitBefore(String login, String client) {
        Instant now = clock.instant();
        Instant until = Instant.EPOCH;
        String[] keys = keys(login, client);
        Instant success = recentSuccess.get(keys[0]);
        boolean known = success != null && success.plus(REMEMBER_SUCCESS).isAfter(now);
        for (int i = 0; i < keys.length; i++) {
            if (known && i == 1) {
                continue;
            }
            Failures f = failures.get(keys[i]);
            if (f != null) {
                synchronized (f) {
                    if (f.lockedUntil.isAfter(until)) {
                        until = f.lockedUntil;
                    }
                }
            }
        }
        return until.isAfter(now) ? Optional.of(Duration.between(now, until)) : Optional.empty();
    }

    /** Records a failed attempt; returns the lock it starts, if it starts one. */
    Optional<Duration> failed(String login, String client) {
        Instant now = clock.instant();
        prune(now);
        String[] keys = keys(login, client);
        int[] free = {perAccountAndClient, perClient, perAccount};
        Duration[] caps = {maxLock, maxLock, maxAccountLock};
        Duration longest = Duration.ZERO;
        for (int i = 0; i < keys.length; i++) {
            // When a flood of made-up names fills the table, only the per-client count (i == 1) still grows.
            Failures f = failures.size() >= MAX_ENTRIES && i != 1 ? failures.get(keys[i])
                    : failures.computeIfAbsent(keys[i], k -> new Failures());
            if (f == null) {
                continue;
            }
            synchronized (f) {
                f.count++;
                f.last = now;
                if (f.count >= free[i]) {
                    // 1 s, 2 s, 4 s … doubling with each further failure, up to the cap.
                    int doublings = Math.min(f.count - free[i], 20);
                    Duration lock = Duration.ofSeconds(1L << doublings);
                    lock = lock.compareTo(caps[i]) > 0 ? caps[i] : lock;
                    f.lockedUntil = now.plus(lock);
                    if (lock.compareTo(longest) > 0) {
                        longest = lock;
                    }
                }
            }
        }
        return longest.isZero() ? Optional.empty() : Optional.of(longest);
    }

    /** A correct password from this client ends its account's strict count; the others fade by themselves. */
    void succeeded(String login, String client) {
        String pair = keys(login, client)[0];
        failures.remove(pair);
        if (recentSuccess.size() < MAX_ENTRIES) {
            recentSuccess.put(pair, clock.instant());
        }
    }

    private static String[] keys(String login, String client) {
        String account = login == null ? "" : login.toLowerCase(Locale.ROOT);
        String from = client == null ? "?" : client;
        return new String[] {"ac|" + account + "|" + from, "c|" + from, "a|" + account};
    }

    private void prune(Instant now) {
        Instant previous = lastPrune;
        if (previous.plusSeconds(60).isAfter(now)) {
            return;
        }
        lastPrune = now;
        failures.entrySet().removeIf(e -> e.getValue().last.plus(FORGET_AFTER).isBefore(now)
                && e.getValue().lockedUntil.isBefore(now));
        recentSuccess.values().removeIf(at -> at.plus(REMEMBER_SUCCESS).isBefore(now));
    }
}
