package org.madoguchi.preentry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.madoguchi.forms.FormFields;
import org.madoguchi.platform.JapaneseDates;

/** What residents type, normalised or refused with a message: dates across eras, kana, addresses, lengths, 髙 and 𠮷. */
class EntryValidationTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    @Test
    void warekiAndSeirekiInEveryUsualSpelling() {
        assertThat(JapaneseDates.parse("令和8年11月23日")).isEqualTo(TODAY);
        assertThat(JapaneseDates.parse("R8.11.23")).isEqualTo(TODAY);
        assertThat(JapaneseDates.parse("ｒ８．１１．２３")).isEqualTo(TODAY);
        assertThat(JapaneseDates.parse("２０２６／１１／２３")).isEqualTo(TODAY);
        assertThat(JapaneseDates.parse("2026-11-23")).isEqualTo(TODAY);
        assertThat(JapaneseDates.parse("2026年11月23日")).isEqualTo(TODAY);
        assertThat(JapaneseDates.parse("20261123")).isEqualTo(TODAY);
        assertThat(JapaneseDates.parse("令和元年5月1日")).isEqualTo(LocalDate.of(2019, 5, 1));
        assertThat(JapaneseDates.parse("平成31年4月30日")).isEqualTo(LocalDate.of(2019, 4, 30));
        assertThat(JapaneseDates.parse("平成元年1月8日")).isEqualTo(LocalDate.of(1989, 1, 8));
        assertThat(JapaneseDates.parse("昭和64年1月7日")).isEqualTo(LocalDate.of(1989, 1, 7));
        assertThat(JapaneseDates.parse("S40-2-3")).isEqualTo(LocalDate.of(1965, 2, 3));
        assertThat(JapaneseDates.parse("大正15年12月24日")).isEqualTo(LocalDate.of(1926, 12, 24));
        assertThat(JapaneseDates.parse("昭和元年12月25日")).isEqualTo(LocalDate.of(1926, 12, 25));
    }

    @Test
    void datesThatNeverExistedAreRefused() {
        assertThatThrownBy(() -> JapaneseDates.parse("令和元年4月1日")).hasMessageContaining("令和の期間にありません")
                .hasMessageContaining("平成31年4月1日");
        assertThatThrownBy(() -> JapaneseDates.parse("平成31年5月1日")).hasMessageContaining("平成の期間にありません");
        assertThatThrownBy(() -> JapaneseDates.parse("平成元年1月7日")).hasMessageContaining("平成の期間にありません");
        assertThatThrownBy(() -> JapaneseDates.parse("昭和64年1月8日")).hasMessageContaining("昭和の期間にありません");
        assertThatThrownBy(() -> JapaneseDates.parse("昭和元年12月24日")).hasMessageContaining("昭和の期間にありません");
        assertThatThrownBy(() -> JapaneseDates.parse("2025/2/29")).hasMessageContaining("存在しない日付");
        assertThatThrownBy(() -> JapaneseDates.parse("R7.4.31")).hasMessageContaining("存在しない日付");
        assertThatThrownBy(() -> JapaneseDates.parse("令和0年1月1日")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JapaneseDates.parse("きのう")).hasMessageContaining("のように入力");
        assertThat(JapaneseDates.parse("2024/2/29")).isEqualTo(LocalDate.of(2024, 2, 29));
    }

    @Test
    void warekiIsFormattedWithGannen() {
        assertThat(JapaneseDates.wareki(LocalDate.of(2019, 5, 1))).isEqualTo("令和元年5月1日");
        assertThat(JapaneseDates.wareki(LocalDate.of(2019, 4, 30))).isEqualTo("平成31年4月30日");
        assertThat(JapaneseDates.wareki(TODAY)).isEqualTo("令和8年11月23日");
        assertThat(JapaneseDates.wareki(LocalDate.of(1989, 1, 7))).isEqualTo("昭和64年1月7日");
    }

    @Test
    void birthDatesMustBeInThePastAndStoredAsIso() {
        EntryFields.Field birth = new EntryFields.Field(FormFields.BIRTH_DATE, EntryFields.Type.BIRTH_DATE, true, 0,
                List.of(), "x");
        assertThat(EntryFields.normalise(birth, "H2.4.1", TODAY)).isEqualTo("1990-04-01");
        assertThatThrownBy(() -> EntryFields.normalise(birth, "令和9年1月1日", TODAY)).hasMessageContaining("未来");
        assertThatThrownBy(() -> EntryFields.normalise(birth, "", TODAY)).hasMessageContaining("入力してください");
    }

    @Test
    void kanaIsKatakanaWhateverWasTyped() {
        assertThat(EntryText.kana("いたばし　たろう", true, 60)).isEqualTo("イタバシ\u3000タロウ");
        assertThat(EntryText.kana("ｲﾀﾊﾞｼ ﾀﾛｳ", true, 60)).isEqualTo("イタバシ\u3000タロウ");
        assertThat(EntryText.kana("すずき－けんじ", true, 60)).isEqualTo("スズキーケンジ");
        assertThat(EntryText.kana("ヴぁいおりん", true, 60)).isEqualTo("ヴァイオリン");
        assertThatThrownBy(() -> EntryText.kana("板橋", true, 60)).hasMessageContaining("カタカナ");
        assertThatThrownBy(() -> EntryText.kana("Taro", true, 60)).hasMessageContaining("カタカナ");
        assertThatThrownBy(() -> EntryText.kana("ア".repeat(61), true, 60)).hasMessageContaining("60文字以内");
    }

    @Test
    void namesKeepTheirCharactersExactlyAndCountSurrogatePairsAsOne() {
        assertThat(EntryText.name("髙橋　𠮷男", true, 30)).isEqualTo("髙橋\u3000𠮷男");
        assertThat(EntryText.name("  髙橋 𠮷男  ", true, 30)).isEqualTo("髙橋\u3000𠮷男");
        // A CJK compatibility ideograph (神 U+FA19) is a different glyph of the name: NFKC must not swap it.
        assertThat(EntryText.name("\uFA19田 一郎", true, 30)).startsWith("\uFA19");
        String thirty = "𠮷".repeat(30);
        assertThat(EntryText.name(thirty, true, 30)).isEqualTo(thirty);
        assertThatThrownBy(() -> EntryText.name("𠮷".repeat(31), true, 30)).hasMessageContaining("30文字以内")
                .hasMessageContaining("31 文字");
        assertThatThrownBy(() -> EntryText.name("板橋1郎", true, 30)).hasMessageContaining("数字や記号");
        assertThatThrownBy(() -> EntryText.name("", true, 30)).hasMessageContaining("氏名を入力");
        assertThat(EntryText.name("", false, 30)).isEmpty();
    }

    @Test
    void addressesGetChomeBanchiGo() {
        assertThat(EntryText.address("板橋2-66-1", true, 100)).isEqualTo("板橋二丁目66番1号");
        assertThat(EntryText.address("東京都板橋区板橋２ー６６ー１", true, 100)).isEqualTo("東京都板橋区板橋二丁目66番1号");
        assertThat(EntryText.address("東京都板橋区板橋2－66－1 板橋ハイツ101", true, 100))
                .isEqualTo("東京都板橋区板橋二丁目66番1号 板橋ハイツ101");
        assertThat(EntryText.address("高島平3丁目12番地5", true, 100)).isEqualTo("高島平三丁目12番5号");
        assertThat(EntryText.address("成増１１−２−３", true, 100)).isEqualTo("成増十一丁目2番3号");
        assertThat(EntryText.address("大山町5‐3", true, 100)).isEqualTo("大山町5番3号");
        assertThat(EntryText.address("徳丸二丁目4-7", true, 100)).isEqualTo("徳丸二丁目4番7号");
        assertThat(EntryText.address("埼玉県和光市", true, 100)).isEqualTo("埼玉県和光市");
        assertThatThrownBy(() -> EntryText.address("", true, 100)).hasMessageContaining("住所を入力");
        assertThatThrownBy(() -> EntryText.address("あ".repeat(101), true, 100)).hasMessageContaining("100文字以内");
    }

    @Test
    void postalCodesPhonesAndCopies() {
        assertThat(EntryText.postalCode("１７３０００４", true)).isEqualTo("173-0004");
        assertThat(EntryText.postalCode("〒173ー0004", true)).isEqualTo("173-0004");
        assertThatThrownBy(() -> EntryText.postalCode("173-04", true)).hasMessageContaining("7桁");
        assertThat(EntryText.phone("０３－３９６４－１１１１", true)).isEqualTo("03-3964-1111");
        assertThat(EntryText.phone("09012345678", true)).isEqualTo("09012345678");
        assertThat(EntryText.phone("+81 90-1234-5678", true)).isEqualTo("090-1234-5678");
        assertThat(EntryText.phone("(03)3964-1111", true)).isEqualTo("03-3964-1111");
        assertThatThrownBy(() -> EntryText.phone("1234", true)).hasMessageContaining("10桁か11桁");
        assertThatThrownBy(() -> EntryText.phone("03-abcd-1111", true)).hasMessageContaining("数字");
        assertThat(EntryText.number("２通", true, 1, 20, "必要通数")).isEqualTo("2");
        assertThatThrownBy(() -> EntryText.number("21", true, 1, 20, "必要通数")).hasMessageContaining("1から20");
        assertThat(EntryFields.taxYear("令和8年度", true, TODAY)).isEqualTo("2026");
        assertThat(EntryFields.taxYear("R7", true, TODAY)).isEqualTo("2025");
        assertThatThrownBy(() -> EntryFields.taxYear("2001", true, TODAY)).hasMessageContaining("年度");
    }

    @Test
    void aPageKeepsWhatWasTypedWhenItIsInvalid() {
        Draft draft = Draft.start(null, List.of("tennyu"));
        EntryFields.Step applicant = EntryFields.steps(draft).get(0);
        Map<String, String> typed = Map.of(FormFields.NAME, "髙橋 𠮷男", FormFields.KANA, "たかはし よしお",
                FormFields.BIRTH_DATE, "令和元年4月1日", FormFields.SEX, "male");
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> errors = EntryFields.check(applicant.fields(), typed::get, values, "", TODAY);
        assertThat(errors).containsOnlyKeys(FormFields.BIRTH_DATE);
        assertThat(values).containsEntry(FormFields.BIRTH_DATE, "令和元年4月1日")
                .containsEntry(FormFields.NAME, "髙橋\u3000𠮷男").containsEntry(FormFields.KANA, "タカハシ\u3000ヨシオ");
    }

    @Test
    void pagesFollowTheForms() {
        assertThat(EntryFields.steps(Draft.start(null, List.of("tennyu"))).stream().map(EntryFields.Step::id))
                .containsExactly("applicant", "address", "move", "household", "contact");
        assertThat(EntryFields.steps(Draft.start(null, List.of("juminhyo", "kazei-shomei"))).stream()
                .map(EntryFields.Step::id)).containsExactly("applicant", "address", "household", "contact", "certificates");
    }

    @Test
    void shortCodesAreForgivingWhenTyped() {
        assertThat(Preentries.canonicalShortCode("ｐ２３４５－ｍｎｐｑ")).isEqualTo("P2345MNPQ");
        assertThat(Preentries.canonicalShortCode("P 2345 MNPQ")).isEqualTo("P2345MNPQ");
        assertThat(Preentries.canonicalShortCode("P2345MNP0")).as("0 is not in the alphabet").isNull();
        assertThat(Preentries.randomShortCode()).matches("P[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}");
    }

    @Test
    void itabashiPostalCodesSuggestTheTown() {
        ItabashiPostalCodes codes = new ItabashiPostalCodes();
        assertThat(codes.suggest("173-0004")).contains("東京都板橋区板橋");
        assertThat(codes.suggest("175-0082")).contains("東京都板橋区高島平");
        assertThat(codes.suggest("100-0001")).isEmpty();
        assertThat(codes.size()).isGreaterThan(50);
    }
}
