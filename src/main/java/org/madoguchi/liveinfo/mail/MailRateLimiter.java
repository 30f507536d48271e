package org.madoguchi.liveinfo.mail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Sliding-window counters kept in memory on each node. Enough against a script hammering one node; with
 * several nodes behind a balancer the effective limit is the per-node limit times the node count.
 */
final class MailRateLimiter {

    private static final int MAX_KEYS = 50_000;

    private final Map<String, Deque<Instant>> hits = new HashMap<>();

    /** Counts one attempt for {@code key}; false if {@code limit} attempts were already made within {@code window}. */
    synchronized boolean tryAcquire(String key, int limit, Duration window, Instant now) {
        Instant since = now.minus(window);
        if (hits.size() > MAX_KEYS) {
            evictOlderThan(since);
        }
        Deque<Instant> times = hits.computeIfAbsent(key, k -> new ArrayDeque<>());
        while (!times.isEmpty() && !times.peekFirst().isAfter(since)) {
            times.pollFirst();
        }
        if (times.size() >= limit) {
            return false;
        }
        times.addLast(now);
        return true;
    }

    synchronized void clear() {
        hits.clear();
    }

    private void evictOlderThan(Instant since) {
        for (Iterator<Deque<Instant>> it = hits.values().iterator(); it.hasNext(); ) {
            Deque<Instant> times = it.next();
            if (times.isEmpty() || !times.peekLast().isAfter(since)) {
                it.remove();
            }
        }
    }
}
