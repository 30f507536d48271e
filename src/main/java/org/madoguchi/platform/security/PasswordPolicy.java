package org.madoguchi.platform.security;

import java.util.Locale;
import java.util.Optional;

/**
 * What a new staff password must be (ASVS 6.2): long rather than complicated — 12 to 128 characters, any
 * characters including spaces and kana, no composition rules — and not the login inside it.
 */
final class PasswordPolicy {

    static final int MIN = 12;
    static final int MAX = 128;

    private PasswordPolicy() {
    }

    /** The Japanese reason the password is refused, or empty when it is acceptable. */
    static Optional<String> refusal(String login, String password) {
        if (password == null) {
            return Optional.of("新しいパスワードを入力してください。");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN || length > MAX) {
            return Optional.of("パスワードは " + MIN + "〜" + MAX + " 文字にしてください。");
        }
        if (password.isBlank()) {
            return Optional.of("空白だけのパスワードは使えません。");
        }
        if (login != null && password.toLowerCase(Locale.ROOT).contains(login.toLowerCase(Locale.ROOT))) {
            return Optional.of("職員IDを含むパスワードは使えません。");
        }
        if (password.codePoints().distinct().count() < 4) {
            return Optional.of("同じ文字の繰り返しが多すぎます。推測されにくいパスワードにしてください。");
        }
        return Optional.empty();
    }
}
