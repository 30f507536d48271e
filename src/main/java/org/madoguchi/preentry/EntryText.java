package org.madoguchi.preentry;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.madoguchi.platform.JapaneseDates;

/**
 * Normalising and checking what residents type. Messages are Japanese and can be shown beside the field as
 * they are. Names keep their characters exactly (髙, 𠮷, and the CJK compatibility ideographs NFKC would
 * replace); numbers, kana and addresses are brought to one form.
 */
final class EntryText {

    static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    private EntryText() {
    }

    /** Everything people type for a dash or a long sound mark, as found in numbers and addresses. */
    static boolean isDash(int c) {
        return switch (c) {
            case '-', 'ー', '－', '−', '‐', '‑', '‒', '–', '—', '―', 'ｰ', '～', '〜', '~', '⁃', '﹣', '➖' -> true;
            default -> false;
        };
    }

    /** Code points of CJK compatibility ideographs: NFKC would swap them for another glyph of a name. */
    private static boolean keepExactly(int c) {
        return c >= 0xF900 && c <= 0xFAFF || c >= 0x2F800 && c <= 0x2FA1F;
    }

    /** NFKC per character except compatibility ideographs; control characters removed; spaces collapsed. */
    static String nfkc(String s) {
        if (s == null) {
            return "";
        }
        // Runs between kept ideographs are normalised whole, so that ﾊﾞ composes to バ.
        StringBuilder out = new StringBuilder(s.length());
        StringBuilder run = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (keepExactly(c)) {
                out.append(Normalizer.normalize(run, Normalizer.Form.NFKC)).appendCodePoint(c);
                run.setLength(0);
            } else if (Character.isISOControl(c) || c == 0xFEFF || c == 0x200B) {
                run.append(' ');
            } else {
                run.appendCodePoint(c);
            }
        });
        out.append(Normalizer.normalize(run, Normalizer.Form.NFKC));
        return out.toString().replaceAll("[\\s\\u3000]+", " ").strip();
    }

    static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    private static String dashesToHyphen(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(c -> out.appendCodePoint(isDash(c) ? '-' : c));
        return out.toString();
    }

    /** 氏名: exact characters, a full-width space between family and given name. */
    static String name(String raw, boolean required, int max) {
        String s = nfkc(raw);
        if (s.isEmpty()) {
            if (required) {
                throw new Invalid("氏名を入力してください。");
            }
            return "";
        }
        if (length(s) > max) {
            throw new Invalid("氏名は" + max + "文字以内で入力してください（今 " + length(s) + " 文字）。");
        }
        if (s.codePoints().anyMatch(c -> Character.isDigit(c) || "<>{}[]\"\\;=@#$%^*|/".indexOf(c) >= 0)) {
            throw new Invalid("氏名に数字や記号は使えません。");
        }
        return s.replace(' ', '\u3000');
    }

    /** フリガナ in full-width katakana; hiragana and half-width katakana are converted. */
    static String kana(String raw, boolean required, int max) {
        String s = nfkc(raw);
        if (s.isEmpty()) {
            if (required) {
                throw new Invalid("フリガナを入力してください。");
            }
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'ぁ' && c <= 'ゖ' || c == 'ゝ' || c == 'ゞ') {
                out.append((char) (c + 0x60));
            } else if (c >= 'ァ' && c <= 'ヺ' || c == 'ー' || c == 'ヽ' || c == 'ヾ' || c == '・') {
                out.append(c);
            } else if (isDash(c)) {
                out.append('ー');
            } else if (c == ' ') {
                out.append('\u3000');
            } else {
                throw new Invalid("フリガナはカタカナ（ひらがなでも可）で入力してください。");
            }
        }
        if (length(out.toString()) > max) {
            throw new Invalid("フリガナは" + max + "文字以内で入力してください。");
        }
        return out.toString();
    }

    static LocalDate date(String raw, boolean required, LocalDate earliest, LocalDate latest, String tooEarly,
                          String tooLate) {
        String s = nfkc(raw);
        if (s.isEmpty()) {
            if (required) {
                throw new Invalid("日付を入力してください（例: 令和8年11月23日、2026/11/23）。");
            }
            return null;
        }
        LocalDate date;
        try {
            date = JapaneseDates.parse(s);
        } catch (IllegalArgumentException e) {
            throw new Invalid(e.getMessage());
        }
        if (date.isBefore(earliest)) {
            throw new Invalid(tooEarly);
        }
        if (date.isAfter(latest)) {
            throw new Invalid(tooLate);
        }
        return date;
    }

    static String postalCode(String raw, boolean required) {
        String s = dashesToHyphen(nfkc(raw)).replace(" ", "").replace("〒", "");
        if (s.isEmpty()) {
            if (required) {
                throw new Invalid("郵便番号を入力してください。");
            }
            return "";
        }
        Matcher m = Pattern.compile("(\\d{3})-?(\\d{4})").matcher(s);
        if (!m.matches()) {
            throw new Invalid("郵便番号は7桁の数字で入力してください（例: 173-0004）。");
        }
        return m.group(1) + "-" + m.group(2);
    }

    private static final Pattern BLOCK_NUMBERS = Pattern.compile(
            "(\\d+)(?:丁目|-)(\\d+)(?:番地?|-)(\\d+)(?:号)?");
    private static final Pattern TWO_NUMBERS = Pattern.compile("(\\d+)(?:番地?|-)(\\d+)(?:号)?");

    /**
     * 住所: NFKC and dashes, then 丁目・番地・号 written out: 板橋2-66-1 → 板橋二丁目66番1号, 大山町5-3 → 大山町5番3号.
     * Whatever follows (a building and room) is kept after a space.
     */
    static String address(String raw, boolean required, int max) {
        String s = dashesToHyphen(nfkc(raw));
        if (s.isEmpty()) {
            if (required) {
                throw new Invalid("住所を入力してください。");
            }
            return "";
        }
        // The first run of numbers after the town name is the block address; the rest is the building.
        int firstDigit = -1;
        for (int i = 0; i < s.length(); i++) {
            if (Character.isDigit(s.charAt(i))) {
                firstDigit = i;
                break;
            }
        }
        if (firstDigit > 0) {
            String town = s.substring(0, firstDigit);
            String rest = s.substring(firstDigit);
            Matcher three = BLOCK_NUMBERS.matcher(rest);
            Matcher two = TWO_NUMBERS.matcher(rest);
            if (three.lookingAt()) {
                s = town + kanjiNumber(Integer.parseInt(three.group(1))) + "丁目" + Integer.parseInt(three.group(2))
                        + "番" + Integer.parseInt(three.group(3)) + "号" + building(rest.substring(three.end()));
            } else if (two.lookingAt()) {
                s = town + Integer.parseInt(two.group(1)) + "番" + Integer.parseInt(two.group(2)) + "号"
                        + building(rest.substring(two.end()));
            }
            // 板橋２丁目… typed with a digit before 丁目: the 丁目 number in kanji, as on the residence record.
            Matcher chome = Pattern.compile("(\\D)(\\d+)丁目").matcher(s);
            StringBuilder out = new StringBuilder();
            while (chome.find()) {
                chome.appendReplacement(out, chome.group(1) + kanjiNumber(Integer.parseInt(chome.group(2))) + "丁目");
            }
            chome.appendTail(out);
            s = out.toString();
        }
        if (length(s) > max) {
            throw new Invalid("住所は" + max + "文字以内で入力してください。");
        }
        if (s.codePoints().anyMatch(c -> "<>{}\"\\;=@$%^*|".indexOf(c) >= 0)) {
            throw new Invalid("住所に使えない記号が含まれています。");
        }
        return s;
    }

    private static String building(String tail) {
        String t = tail.replaceFirst("^[-\\s]+", "").strip();
        return t.isEmpty() ? "" : " " + t;
    }

    static String kanjiNumber(int n) {
        String[] digits = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
        if (n <= 0 || n >= 100) {
            return String.valueOf(n);
        }
        int tens = n / 10;
        int ones = n % 10;
        return (tens == 0 ? "" : (tens == 1 ? "" : digits[tens]) + "十") + digits[ones];
    }

    /** 電話番号: 10 or 11 digits beginning with 0 (+81 accepted); hyphens kept where the resident put them. */
    static String phone(String raw, boolean required) {
        String s = dashesToHyphen(nfkc(raw)).replace(" ", "").replace("(", "-").replace(")", "-");
        if (s.isEmpty()) {
            if (required) {
                throw new Invalid("電話番号を入力してください。");
            }
            return "";
        }
        if (s.startsWith("+81")) {
            s = "0" + s.substring(3).replaceFirst("^-", "");
        }
        s = s.replaceAll("-+", "-").replaceAll("^-|-$", "");
        if (!s.matches("[0-9-]+")) {
            throw new Invalid("電話番号は数字で入力してください（例: 03-3964-1111）。");
        }
        String digits = s.replace("-", "");
        if (!digits.startsWith("0") || digits.length() < 10 || digits.length() > 11) {
            throw new Invalid("電話番号は0から始まる10桁か11桁で入力してください（例: 090-1234-5678）。");
        }
        return s;
    }

    static String text(String raw, boolean required, int max, String label) {
        String s = nfkc(raw);
        if (s.isEmpty()) {
            if (required) {
                throw new Invalid(label + "を入力してください。");
            }
            return "";
        }
        if (length(s) > max) {
            throw new Invalid(label + "は" + max + "文字以内で入力してください（今 " + length(s) + " 文字）。");
        }
        if (s.codePoints().anyMatch(c -> "<>{}\\".indexOf(c) >= 0)) {
            throw new Invalid(label + "に使えない記号が含まれています。");
        }
        return s;
    }

    static String number(String raw, boolean required, int min, int max, String label) {
        String s = nfkc(raw).replace(" ", "").replace("通", "");
        if (s.isEmpty()) {
            if (required) {
                throw new Invalid(label + "を入力してください。");
            }
            return "";
        }
        if (!s.matches("\\d{1,4}")) {
            throw new Invalid(label + "は数字で入力してください。");
        }
        int n = Integer.parseInt(s);
        if (n < min || n > max) {
            throw new Invalid(label + "は" + min + "から" + max + "までで入力してください。");
        }
        return String.valueOf(n);
    }
}
