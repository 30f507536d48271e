package org.madoguchi.liveinfo.stream;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Open public streams per client address, so that one client cannot take the whole stream capacity of a node.
 * IPv6 clients count per /64, because one host usually has a whole /64 to pick addresses from. Thread-safe.
 */
public final class StreamsPerClient {

    private final int limit;
    private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();

    public StreamsPerClient(int limit) {
        this.limit = limit;
    }

    /** Counts one more stream for the client; false (nothing counted) when it already has {@code limit}. */
    public boolean tryOpen(String client) {
        boolean[] counted = {false};
        open.compute(client, (k, n) -> {
            int now = n == null ? 0 : n;
            if (now >= limit) {
                return n;
            }
            counted[0] = true;
            return now + 1;
        });
        return counted[0];
    }

    /** The stream counted by a successful {@link #tryOpen} has ended. */
    public void closed(String client) {
        open.computeIfPresent(client, (k, n) -> n <= 1 ? null : n - 1);
    }

    /** Forgets every count, when all streams have been closed at once. */
    public void clear() {
        open.clear();
    }

    /** Streams currently open for the client. */
    public int openFor(String client) {
        return open.getOrDefault(client, 0);
    }

    public static String key(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] prefix = new byte[8];
            System.arraycopy(address.getAddress(), 0, prefix, 0, 8);
            return HexFormat.of().formatHex(prefix) + "/64";
        }
        return address.getHostAddress();
    }

    /** The key of an address as the servlet container reports it (a literal, never looked up in DNS). */
    public static String key(String remoteAddr) {
        if (remoteAddr == null || remoteAddr.isEmpty()) {
            return "";
        }
        InetAddress literal = literal(remoteAddr);
        return literal == null ? remoteAddr : key(literal);
    }

    /** The address for an IP literal, or null for anything else (so nothing is resolved). */
    static InetAddress literal(String text) {
        String t = text.strip();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        boolean v4 = t.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = t.contains(":") && t.matches("[0-9A-Fa-f:.]{2,45}");
        if (!v4 && !v6) {
            return null;
        }
        try {
            return InetAddress.getByName(t);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
