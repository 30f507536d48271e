package org.madoguchi.reception;

import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.context.MessageSource;

/** An {@link OpeningState} in a screen's language: a headline, when it opens next, and the office's hours. */
public final class OpeningText {

    /** @param next "次の受付は 12月7日（月） 8:30 からです", or empty while open */
    public record Notice(String phase, boolean accepting, String headline, String next, String hours) {
    }

    private OpeningText() {
    }

    public static Notice of(OpeningState state, MessageSource messages, Locale locale) {
        String opens = time(state.opensAt());
        String closes = time(state.closesAt());
        String headline = switch (state.phase()) {
            case CLOSED_DAY -> state.holidayJa() == null
                    ? text(messages, locale, "opening.CLOSED_DAY")
                    : text(messages, locale, "opening.CLOSED_DAY.holiday",
                    "ja".equals(locale.getLanguage()) || "zh".equals(locale.getLanguage())
                            ? state.holidayJa() : state.holidayEn());
            default -> text(messages, locale, "opening." + state.phase().name());
        };
        String next = "";
        if (state.phase() == OpeningState.Phase.BEFORE_OPENING) {
            next = text(messages, locale, "opening.today", "", opens);
        } else if (!state.accepting() && state.nextOpenDate() != null) {
            String date = DateTimeFormatter.ofPattern(text(messages, locale, "opening.dateFormat"), locale)
                    .format(state.nextOpenDate());
            next = text(messages, locale, "opening.next", date, opens);
        }
        return new Notice(state.phase().name(), state.accepting(), headline, next,
                text(messages, locale, "opening.hours", "", opens, closes));
    }

    private static String time(java.time.LocalTime t) {
        return t.getHour() + ":" + String.format("%02d", t.getMinute());
    }

    private static String text(MessageSource messages, Locale locale, String key, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}
