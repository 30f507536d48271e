package org.madoguchi.platform.web;

import org.springframework.core.convert.converter.Converter;

/**
 * Numeric ids in paths and parameters are plain decimal digits. Spring's default number parsing also takes
 * "0x10" or "#10" as 16, so a hex-looking string someone made up would reach a real row.
 */
final class DecimalIds implements Converter<String, Long> {

    @Override
    public Long convert(String source) {
        String trimmed = source.trim();
        if (!trimmed.matches("-?[0-9]{1,19}")) {
            throw new IllegalArgumentException("not a decimal number");
        }
        return Long.parseLong(trimmed);
    }
}
