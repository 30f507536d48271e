package org.madoguchi.navigator.flow;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Certificate fees by channel (navigator/fees.yaml, from the audit's reference table B). Null: not offered. */
public record FeeTable(String source, Map<String, Fee> fees) {

    public static final List<String> CHANNELS = List.of("convenience", "counter", "mail", "online");

    public record Fee(String id, Text title, Integer convenience, Integer counter, Integer mail, Integer online) {

        public Integer byChannel(String channel) {
            return switch (channel) {
                case "convenience" -> convenience;
                case "counter" -> counter;
                case "mail" -> mail;
                case "online" -> online;
                default -> throw new IllegalArgumentException(channel);
            };
        }
    }

    public Optional<Fee> fee(String id) {
        return Optional.ofNullable(fees.get(id));
    }
}
