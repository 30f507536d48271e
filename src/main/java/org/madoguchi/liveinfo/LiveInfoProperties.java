package org.madoguchi.liveinfo;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the public live pages.
 *
 * @param congestion when a department counts as a little busy or crowded
 * @param coalesce the shortest interval between two rebuilds of an office's status: a burst of commits
 *                 becomes one rebuild and one push
 * @param refresh how often a cached status is rebuilt even without events, so waits and "as of" stay fresh
 * @param heartbeat how often an idle stream gets a ping, so clients and proxies see it is alive
 * @param stalledAfter a subscriber whose connection has not accepted data for this long is dropped
 * @param maxSubscribers the most stream subscribers this node accepts; more get 503 and fall back to polling
 * @param maxSubscribersPerClient the most streams one client address (IPv6: one /64) may hold open on this node,
 *                                on the servlet stream and on the lean stream server each; more get 429 and fall
 *                                back to polling, so that one client cannot take the whole {@code maxSubscribers}
 */
@ConfigurationProperties("madoguchi.liveinfo")
public record LiveInfoProperties(Congestion congestion, Duration coalesce, Duration refresh, Duration heartbeat,
                                 Duration stalledAfter, Integer maxSubscribers,
                                 Integer maxSubscribersPerClient) {

    public LiveInfoProperties {
        congestion = congestion == null ? new Congestion(null, null, null, null) : congestion;
        coalesce = coalesce == null ? Duration.ofMillis(500) : coalesce;
        refresh = refresh == null ? Duration.ofSeconds(60) : refresh;
        heartbeat = heartbeat == null ? Duration.ofSeconds(15) : heartbeat;
        stalledAfter = stalledAfter == null ? Duration.ofSeconds(30) : stalledAfter;
        maxSubscribers = maxSubscribers == null ? 20_000 : maxSubscribers;
        maxSubscribersPerClient = maxSubscribersPerClient == null ? 20 : maxSubscribersPerClient;
    }

    /**
     * A department is "a little busy" from {@code busyWaiting} people waiting or {@code busyMinutes} of
     * estimated wait, and "crowded" from {@code crowdedWaiting} or {@code crowdedMinutes}; whichever is higher.
     */
    public record Congestion(Integer busyWaiting, Integer crowdedWaiting, Integer busyMinutes, Integer crowdedMinutes) {
        public Congestion {
            busyWaiting = busyWaiting == null ? 5 : busyWaiting;
            crowdedWaiting = crowdedWaiting == null ? 15 : crowdedWaiting;
            busyMinutes = busyMinutes == null ? 15 : busyMinutes;
            crowdedMinutes = crowdedMinutes == null ? 40 : crowdedMinutes;
        }

        public CongestionLevel level(int waiting, int waitMinutes) {
            if (waiting >= crowdedWaiting || waitMinutes >= crowdedMinutes) {
                return CongestionLevel.CROWDED;
            }
            if (waiting >= busyWaiting || waitMinutes >= busyMinutes) {
                return CongestionLevel.BUSY;
            }
            return CongestionLevel.QUIET;
        }
    }
}
