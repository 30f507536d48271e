package org.madoguchi.forms.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.madoguchi.forms.FilledForm;
import org.madoguchi.forms.FormFields;
import org.madoguchi.forms.FormKind;
import org.madoguchi.forms.FormPrintException;
import org.madoguchi.forms.PrintedForms;
import org.madoguchi.forms.UnprintableCharacter;

class PdfFormPrinterTest {

    // 2026-11-23 10:00 in Tokyo, 01:00 UTC: the 届出日 must be the Tokyo date.
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T01:00:00Z"), ZoneOffset.UTC);
    private static final String ADDRESS = "東京都板橋区板橋二丁目66番1号";

    private final PdfFormPrinter printer = new PdfFormPrinter(FormFontProperties.defaults(), CLOCK);

    static Map<String, String> applicant() {
        Map<String, String> f = new HashMap<>();
        f.put(FormFields.NAME, "板橋 太郎");
        f.put(FormFields.KANA, "イタバシ タロウ");
        f.put(FormFields.BIRTH_DATE, "1985-04-01");
        f.put(FormFields.SEX, "male");
        f.put(FormFields.POSTAL_CODE, "173-8501");
        f.put(FormFields.ADDRESS, ADDRESS);
        f.put(FormFields.PHONE, "03-3964-1111");
        f.put(FormFields.HOUSEHOLDER, "板橋 太郎");
        f.put(FormFields.RELATIONSHIP, "世帯主");
        return f;
    }

    static Map<String, String> member(String name, String kana, String birth, String sex, String relationship) {
        return Map.of(FormFields.NAME, name, FormFields.KANA, kana, FormFields.BIRTH_DATE, birth,
                FormFields.SEX, sex, FormFields.RELATIONSHIP, relationship);
    }

    static FilledForm sample(FormKind kind) {
        Map<String, String> f = applicant();
        List<Map<String, String>> members = List.of();
        switch (kind) {
            case RESIDENT_MOVE -> {
                f.put(FormFields.MOVE_TYPE, "tennyu");
                f.put(FormFields.MOVE_DATE, "2026-11-20");
                f.put(FormFields.PREVIOUS_POSTAL_CODE, "330-0063");
                f.put(FormFields.PREVIOUS_ADDRESS, "埼玉県さいたま市浦和区高砂三丁目15番1号");
                f.put(FormFields.PREVIOUS_HOUSEHOLDER, "板橋 太郎");
                members = List.of(
                        member("髙橋 花子", "タカハシ ハナコ", "1987-06-15", "female", "妻"),
                        member("板橋 一郎", "イタバシ イチロウ", "2019-05-01", "male", "子"));
            }
            case RESIDENCE_CERTIFICATE -> {
                f.put(FormFields.CERTIFICATE_TYPE, FormFields.TYPE_WHOLE_HOUSEHOLD);
                f.put(FormFields.COPIES, "2");
                f.put(FormFields.RECORD_RELATIONSHIP, "yes");
                f.put(FormFields.PURPOSE, "勤務先へ提出（通勤手当の申請）");
            }
            case SEAL_REGISTRATION -> { }
            case FAMILY_REGISTER_CERTIFICATE -> {
                f.put(FormFields.REGISTERED_DOMICILE, "東京都板橋区板橋二丁目66番地");
                f.put(FormFields.HEAD_OF_REGISTER, "髙橋 一郎");
                f.put(FormFields.CERTIFICATE_TYPE, "戸籍謄本×2、戸籍の附票の写し");
                f.put(FormFields.COPIES, "1");
                f.put(FormFields.PURPOSE, "旅券（パスポート）の申請");
            }
            case TAX_CERTIFICATE -> {
                f.put(FormFields.TAX_YEAR, "2026");
                f.put(FormFields.CERTIFICATE_TYPE, FormFields.TYPE_TAXATION);
                f.put(FormFields.COPIES, "1");
                f.put(FormFields.PURPOSE, "保育園の入園申込み");
            }
        }
        return new FilledForm(kind, f, members);
    }

    @ParameterizedTest
    @EnumSource(FormKind.class)
    void everyFormPrintsWhatWasEnteredOnA4WithTheFontEmbedded(FormKind kind) throws IOException {
        PrintedForms printed = printer.printWithReport(List.of(sample(kind)));

        try (PDDocument pdf = Loader.loadPDF(printed.pdf())) {
            assertThat(pdf.getNumberOfPages()).isEqualTo(1).isEqualTo(printed.pages());
            PDPage page = pdf.getPage(0);
            assertThat(page.getMediaBox().getWidth()).isCloseTo(PDRectangle.A4.getWidth(), org.assertj.core.data.Offset.offset(0.5f));
            assertThat(page.getMediaBox().getHeight()).isCloseTo(PDRectangle.A4.getHeight(), org.assertj.core.data.Offset.offset(0.5f));
            for (var name : page.getResources().getFontNames()) {
                PDFont font = page.getResources().getFont(name);
                assertThat(font.isEmbedded()).as("font %s embedded", font.getName()).isTrue();
                assertThat(font.getName()).contains("BIZUD");
            }
            String text = new PDFTextStripper().getText(pdf);
            String compact = text.replaceAll("\\s", "");
            assertThat(compact).contains(kind.titleJa());
            assertThat(text).contains("板橋 太郎", "イタバシ タロウ", ADDRESS, "昭和60年4月1日", "令和8年11月23日",
                    "173-8501");
            assertThat(text).contains("madoguchi 事前入力により印字 — 内容を窓口でご確認ください", "1 / 1");
            switch (kind) {
                case RESIDENT_MOVE -> assertThat(text).contains("髙橋 花子", "タカハシ ハナコ", "令和元年5月1日",
                        "令和8年11月20日", "埼玉県さいたま市浦和区高砂三丁目15番1号", "妻");
                case RESIDENCE_CERTIFICATE -> assertThat(text).contains("勤務先へ提出（通勤手当の申請）");
                case FAMILY_REGISTER_CERTIFICATE -> assertThat(text).contains("髙橋 一郎", "東京都板橋区板橋二丁目66番地",
                        "旅券（パスポート）の申請");
                case TAX_CERTIFICATE -> assertThat(text).contains("令和8年度", "令和7年1月", "保育園の入園申込み");
                case SEAL_REGISTRATION -> assertThat(compact).contains("登録する印鑑", "本人署名");
            }
            assertThat(printed.unprintable()).isEmpty();
            render(pdf, 0, "forms-" + kind.name().toLowerCase(Locale.ROOT).replace('_', '-') + ".png");
        }
    }

    @Test
    void manyMembersContinueOnASecondPage() throws IOException {
        Map<String, String> f = sample(FormKind.RESIDENT_MOVE).fields();
        List<Map<String, String>> members = new java.util.ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            members.add(member("板橋 子" + i, "イタバシ コ" + i, "2010-01-0" + i, i % 2 == 0 ? "female" : "male", "子"));
        }
        PrintedForms printed = printer.printWithReport(List.of(new FilledForm(FormKind.RESIDENT_MOVE, f, members)));

        try (PDDocument pdf = Loader.loadPDF(printed.pdf())) {
            assertThat(pdf.getNumberOfPages()).isEqualTo(2);
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setStartPage(1);
            stripper.setEndPage(1);
            String first = stripper.getText(pdf);
            stripper.setStartPage(2);
            stripper.setEndPage(2);
            String second = stripper.getText(pdf);
            // 8 people: the applicant and five children on page 1, the last two on page 2.
            assertThat(first).contains("板橋 太郎", "板橋 子5", "1 / 2").doesNotContain("板橋 子6");
            assertThat(second).contains("板橋 子6", "板橋 子7", "2 / 2", "平成22年1月7日")
                    .contains("madoguchi 事前入力により印字");
            assertThat(second.replaceAll("\\s", "")).contains("住民異動届（続き）");
            render(pdf, 1, "forms-resident-move-continued.png");
        }
    }

    @Test
    void charactersTheFontLacksArePrintedAsPlaceholderAndReported() throws IOException {
        Map<String, String> f = applicant();
        f.put(FormFields.NAME, "𠮷田 髙子");
        f.put(FormFields.CERTIFICATE_TYPE, FormFields.TYPE_PART_OF_HOUSEHOLD);
        FilledForm form = new FilledForm(FormKind.RESIDENCE_CERTIFICATE, f, List.of());

        PrintedForms printed = printer.printWithReport(List.of(form));

        assertThat(printed.complete()).isFalse();
        assertThat(printed.unprintable()).extracting(UnprintableCharacter::character).containsOnly("𠮷");
        assertThat(printed.unprintable()).extracting(UnprintableCharacter::codePoints).contains("U+20BB7");
        assertThat(printed.unprintable()).extracting(UnprintableCharacter::place).contains("請求者 氏名");
        try (PDDocument pdf = Loader.loadPDF(printed.pdf())) {
            String text = new PDFTextStripper().getText(pdf);
            // 髙 is in BIZ UD Mincho and printed as is; 𠮷 is not and becomes 〓.
            assertThat(text).contains("〓田 髙子").doesNotContain("𠮷");
        }
        assertThat(printer.unprintableCharacters(List.of(form)))
                .extracting(UnprintableCharacter::character, UnprintableCharacter::place)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("𠮷", "氏名"));
    }

    @Test
    void theResidenceCertificateTicksIndividualNumberAndResidentCodeOnlyWhenChosen() throws IOException {
        BufferedImage neither = residencePage("no", "no");
        Rectangle number = changed(neither, residencePage("yes", "no"));
        Rectangle code = changed(neither, residencePage("no", "yes"));
        // Each choice adds one tick, inside a tick box (3.6 mm ≈ 16 px at 110 dpi), in two different boxes.
        assertThat(number).as("tick of 個人番号").isNotNull();
        assertThat(code).as("tick of 住民票コード").isNotNull();
        assertThat(number.width).isBetween(5, 16);
        assertThat(number.height).isBetween(5, 16);
        assertThat(code.width).isBetween(5, 16);
        assertThat(code.x).as("住民票コード is the second column").isGreaterThan(number.x + 100);
        assertThat(Math.abs(code.y - number.y)).as("both on the same row").isLessThan(5);
        // Blank (not chosen yet) prints no tick either: the resident ticks it on paper.
        assertThat(changed(neither, residencePage("", ""))).isNull();

        Map<String, String> f = applicant();
        f.put(FormFields.RECORD_INDIVIDUAL_NUMBER, "yes");
        try (PDDocument pdf = Loader.loadPDF(printer.print(List.of(new FilledForm(FormKind.RESIDENCE_CERTIFICATE, f, List.of()))))) {
            String compact = new PDFTextStripper().getText(pdf).replaceAll("\\s", "");
            assertThat(compact).contains("記載する項目", "本籍・筆頭者", "続柄（世帯主との関係）", "個人番号（マイナンバー）",
                    "住民票コード", "ご本人か同じ世帯の方の請求に限ります");
        }
    }

    private BufferedImage residencePage(String individualNumber, String residentCode) throws IOException {
        Map<String, String> f = applicant();
        f.put(FormFields.CERTIFICATE_TYPE, FormFields.TYPE_WHOLE_HOUSEHOLD);
        f.put(FormFields.RECORD_INDIVIDUAL_NUMBER, individualNumber);
        f.put(FormFields.RECORD_RESIDENT_CODE, residentCode);
        try (PDDocument pdf = Loader.loadPDF(printer.print(List.of(new FilledForm(FormKind.RESIDENCE_CERTIFICATE, f, List.of()))))) {
            return new PDFRenderer(pdf).renderImageWithDPI(0, 110);
        }
    }

    /** The smallest rectangle holding every pixel that differs, or null when the pages are the same. */
    private static Rectangle changed(BufferedImage a, BufferedImage b) {
        Rectangle found = null;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    found = found == null ? new Rectangle(x, y, 1, 1) : found.union(new Rectangle(x, y, 1, 1));
                }
            }
        }
        return found;
    }

    @Test
    void longTextShrinksInsteadOfOverflowing() throws IOException {
        Map<String, String> f = applicant();
        f.put(FormFields.ADDRESS, "東京都板橋区高島平三丁目12番地28号 高島平グリーンハイツ東棟 十二階 一二〇三号室（管理人室の隣）");
        f.put(FormFields.PURPOSE, "勤務先へ提出するため（扶養手当・通勤手当・住宅手当の申請と、社会保険の被扶養者認定の手続に使います）");
        PrintedForms printed = printer.printWithReport(List.of(new FilledForm(FormKind.RESIDENCE_CERTIFICATE, f, List.of())));
        try (PDDocument pdf = Loader.loadPDF(printed.pdf())) {
            String compact = new PDFTextStripper().getText(pdf).replaceAll("\\s", "");
            assertThat(compact).contains("高島平グリーンハイツ東棟十二階一二〇三号室（管理人室の隣）", "社会保険の被扶養者認定の手続に使います");
            render(pdf, 0, "forms-long-text.png");
        }
    }

    @Test
    void aMissingFontGivesAClearJapaneseError() {
        Path missing = Path.of("/nonexistent/fonts/BIZUDMincho-Regular.ttf");
        PdfFormPrinter broken = new PdfFormPrinter(new FormFontProperties(missing, null), CLOCK);

        assertThatThrownBy(() -> broken.print(List.of(sample(FormKind.SEAL_REGISTRATION))))
                .isInstanceOf(FormPrintException.class)
                .hasMessageContaining("帳票用のフォントが見つかりません")
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("fonts-morisawa-bizud-mincho")
                .hasMessageContaining("madoguchi.forms.font");
    }

    @Test
    void aFileThatIsNoTrueTypeFontGivesAClearJapaneseError() throws IOException {
        Path notAFont = Files.createTempFile("not-a-font", ".ttf");
        Files.writeString(notAFont, "this is not a font");
        PdfFormPrinter broken = new PdfFormPrinter(new FormFontProperties(notAFont, null), CLOCK);

        assertThatThrownBy(() -> broken.print(List.of(sample(FormKind.SEAL_REGISTRATION))))
                .isInstanceOf(FormPrintException.class)
                .hasMessageContaining("帳票用のフォントを読み込めません")
                .hasMessageContaining(".ttc は使えません");
    }

    static void render(PDDocument pdf, int page, String file) throws IOException {
        BufferedImage image = new PDFRenderer(pdf).renderImageWithDPI(page, 110);
        Path dir = Path.of("target/screenshots");
        Files.createDirectories(dir);
        ImageIO.write(image, "png", dir.resolve(file).toFile());
    }
}
