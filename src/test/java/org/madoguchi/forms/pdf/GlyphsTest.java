package org.madoguchi.forms.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GlyphsTest {

    private static final FontFace MINCHO = FontFace.open(FormFontProperties.DEFAULT_FONT,
            "fonts-morisawa-bizud-mincho", "madoguchi.forms.font");

    @Test
    void biZUdMinchoHasTakahashisHashigoDakaButNotTsuchiYoshi() {
        assertThat(MINCHO.canDraw("髙".codePointAt(0))).isTrue();
        assertThat(MINCHO.canDraw("𠮷".codePointAt(0))).isFalse();
        assertThat(MINCHO.canDraw("〓".codePointAt(0))).isTrue();
    }

    @Test
    void aSurrogatePairBecomesOnePlaceholderAndIsReportedWhole() {
        List<String> missing = new ArrayList<>();

        String printable = Glyphs.printable("𠮷野家 髙島屋", MINCHO, missing::add);

        assertThat(printable).isEqualTo("〓野家 髙島屋");
        assertThat(missing).containsExactly("𠮷");
    }

    @Test
    void aVariationSelectorPrintsTheBaseCharacterAndIsReported() {
        List<String> missing = new ArrayList<>();
        String katsuWithSelector = "葛" + new String(Character.toChars(0xE0100));

        String printable = Glyphs.printable(katsuWithSelector + "飾", MINCHO, missing::add);

        assertThat(printable).isEqualTo("葛飾");
        assertThat(missing).containsExactly(katsuWithSelector);
    }

    @Test
    void controlCharactersBecomeSpaces() {
        assertThat(Glyphs.printable("板橋\n太郎\t", MINCHO, c -> { })).isEqualTo("板橋 太郎 ");
    }
}
