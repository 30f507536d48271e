package org.madoguchi.forms.pdf;

import static org.madoguchi.forms.pdf.Parts.LEFT;
import static org.madoguchi.forms.pdf.Parts.RIGHT;
import static org.madoguchi.forms.pdf.Parts.WIDTH;
import static org.madoguchi.forms.pdf.Parts.value;

import java.util.List;
import java.util.Map;
import org.madoguchi.forms.FilledForm;
import org.madoguchi.forms.FormFields;
import org.madoguchi.forms.FormKind;
import org.madoguchi.forms.pdf.Canvas.Align;
import org.madoguchi.forms.pdf.CertificateChoices.Kind;

/**
 * The four request forms: 住民票の写し, 印鑑登録, 戸籍証明書, 課税・非課税・納税証明書. Each starts with the person
 * at the counter (who, on these pre-filled forms, is also the person the certificate is about).
 */
final class CertificateLayouts {

    private static final float LABEL_COLUMN = 31f;

    static final List<Kind> RESIDENCE_KINDS = List.of(
            Kind.of("住民票の写し（世帯全員）", "全員"),
            Kind.of("住民票の写し（世帯の一部）", "一部", "本人", "個人"),
            Kind.of("住民票記載事項証明書", "記載事項"));

    static final List<Kind> FAMILY_KINDS = List.of(
            Kind.of("戸籍謄本（全部事項証明書）", "謄本", "全部事項").unless("除籍", "改製"),
            Kind.of("戸籍抄本（個人事項証明書）", "抄本", "個人事項").unless("除籍", "改製"),
            Kind.of("除籍謄本・抄本", "除籍"),
            Kind.of("改製原戸籍謄本・抄本", "改製"),
            Kind.of("戸籍の附票の写し", "附票"),
            Kind.of("身分証明書", "身分証明"));

    static final List<Kind> TAX_KINDS = List.of(
            Kind.of("非課税証明書", "非課税"),
            Kind.of("課税（所得）証明書", "課税", "所得"),
            Kind.of("納税証明書", "納税"));

    private CertificateLayouts() {
    }

    static void residence(FormDocument document, FilledForm form, String today) {
        Map<String, String> f = form.fields();
        document.page(FormKind.RESIDENCE_CERTIFICATE, c -> {
            Parts.heading(c, FormKind.RESIDENCE_CERTIFICATE.titleJa(), "申請日", today);
            float y = Parts.personBlock(c, 37, "請求者", f, false, true, "請求者");

            y += 4;
            float top = y;
            boolean same = !value(f, FormFields.NAME).isBlank();
            c.labelCell(Parts.LABEL_X, y, Parts.LABEL_W, 8, "区分", 10);
            c.box(Parts.VALUE_X, y, RIGHT - Parts.VALUE_X, 8);
            Parts.options(c, Parts.VALUE_X + 2, y, 8, List.of("請求者と同じ", "請求者と違う方（下の住所・氏名をご記入ください）"),
                    List.of(same, false));
            y += 8;
            // Left empty: only filled by hand when the certificate is for someone else (with a letter of attorney).
            c.labelCell(Parts.LABEL_X, y, Parts.LABEL_W, 11, "住所", 10);
            c.box(Parts.VALUE_X, y, RIGHT - Parts.VALUE_X, 11);
            y += 11;
            c.labelCell(Parts.LABEL_X, y, Parts.LABEL_W, 10, "氏名", 10);
            c.box(Parts.VALUE_X, y, 125 - Parts.VALUE_X, 10);
            c.labelCell(125, y, 20, 10, "生年月日", 10);
            c.box(145, y, RIGHT - 145, 10);
            y += 10;
            c.labelCell(Parts.LABEL_X, y, Parts.LABEL_W, 9, "世帯主", 10);
            c.box(Parts.VALUE_X, y, RIGHT - Parts.VALUE_X, 9);
            c.entry(Parts.VALUE_X, y, 90, 9, value(f, FormFields.HOUSEHOLDER), 12, Align.LEFT, "世帯主");
            y += 9;
            c.verticalLabel(LEFT, top, Parts.SECTION_W, y - top, "必要な方", 10.5f);
            c.frame(LEFT, top, WIDTH, y - top);

            y += 4;
            y = Parts.certificates(c, y, CertificateChoices.rows(RESIDENCE_KINDS,
                    value(f, FormFields.CERTIFICATE_TYPE), value(f, FormFields.COPIES)), "証明書");

            y += 4;
            recordedItems(c, y, f);
            y += RECORDED_ITEMS_H + 4;
            Parts.purpose(c, y, f);

            Parts.officeUse(c, 245, Parts.STAMPS, Parts.IDENTITY, List.of("委任状", "郵送"), Parts.FEE);
        });
    }

    static void seal(FormDocument document, FilledForm form, String today) {
        Map<String, String> f = form.fields();
        document.page(FormKind.SEAL_REGISTRATION, c -> {
            Parts.heading(c, FormKind.SEAL_REGISTRATION.titleJa(), "申請日", today);
            float y = Parts.personBlock(c, 37, "登録する方", f, true, false, "登録する方");

            y += 5;
            float sealX = LEFT;
            float sealW = 70;
            Parts.strip(c, y, 7, "");
            c.label(sealX, y, sealW, 7, "登録する印鑑", 10, Align.CENTER);
            c.line(sealX + sealW, y, sealX + sealW, y + 7);
            c.label(sealX + sealW, y, WIDTH - sealW, 7, "本人署名", 10, Align.CENTER);
            y += 7;
            float boxH = 62;
            c.box(sealX, y, sealW, boxH);
            // The 25 mm guide is the largest seal Itabashi registers; the resident presses it inside.
            c.dashedBox(sealX + (sealW - 25) / 2, y + 12, 25, 25);
            c.labelAt(sealX + 3, y + 5, "この枠の中に押してください", 8.5f);
            c.labelAt(sealX + 3, y + 46, "・一辺 8mm 以上 25mm 以内の印鑑", 7.5f);
            c.labelAt(sealX + 3, y + 50.5f, "・ゴム印など変形しやすいものは", 7.5f);
            c.labelAt(sealX + 3, y + 54.5f, "　登録できません", 7.5f);
            float signX = sealX + sealW;
            c.box(signX, y, WIDTH - sealW, 30);
            c.labelAt(RIGHT - 1.5f - c.labelWidth("※登録する方ご本人が署名してください", 7), y + 28.4f,
                    "※登録する方ご本人が署名してください", 7);
            c.box(signX, y + 30, WIDTH - sealW, boxH - 30);
            c.labelAt(signX + 3, y + 36, "上記の印鑑を登録したいので申請します。", 9.5f);
            c.labelAt(signX + 3, y + 42, "・登録できる印鑑はお一人につき一つです。", 8);
            c.labelAt(signX + 3, y + 47, "・ご本人が来られない場合は、代理人選任届が必要です。", 8);
            c.labelAt(signX + 3, y + 52, "・本人確認書類をお持ちでない場合は、保証書または照会書で", 8);
            c.labelAt(signX + 3, y + 56.5f, "　確認します。", 8);
            c.frame(LEFT, y - 7, WIDTH, boxH + 7);
            y += boxH + 5;

            // Filled by hand only when someone else brings the application (with 代理人選任届).
            float top = y;
            c.labelCell(Parts.LABEL_X, y, Parts.LABEL_W, 12, "住所", 10);
            c.box(Parts.VALUE_X, y, RIGHT - Parts.VALUE_X, 12);
            y += 12;
            c.labelCell(Parts.LABEL_X, y, Parts.LABEL_W, 12, "氏名", 10);
            c.box(Parts.VALUE_X, y, 125 - Parts.VALUE_X, 12);
            c.labelCell(125, y, 20, 12, "電話番号", 10);
            c.box(145, y, RIGHT - 145, 12);
            y += 12;
            c.verticalLabel(LEFT, top, Parts.SECTION_W, y - top, "代理人", 10);
            c.frame(LEFT, top, WIDTH, y - top);
            c.labelAt(LEFT, y + 4, "代理人の欄は、ご本人が来られない場合に代理人がご記入ください。", 8);

            Parts.officeUse(c, 245, List.of("受付", "審査", "登録", "照合", "交付"),
                    List.of("マイナンバーカード", "運転免許証", "旅券", "在留カード", "保証書", "照会書"),
                    List.of(), List.of("登録番号|", "手数料|円"));
        });
    }

    static void familyRegister(FormDocument document, FilledForm form, String today) {
        Map<String, String> f = form.fields();
        document.page(FormKind.FAMILY_REGISTER_CERTIFICATE, c -> {
            Parts.heading(c, FormKind.FAMILY_REGISTER_CERTIFICATE.titleJa(), "申請日", today);
            float y = Parts.personBlock(c, 37, "請求者", f, false, true, "請求者");

            y += 4;
            float top = y;
            Parts.row(c, y, 13, LABEL_COLUMN, "本籍", value(f, FormFields.REGISTERED_DOMICILE), 13, "本籍");
            y += 13;
            Parts.row(c, y, 10, LABEL_COLUMN, "筆頭者", value(f, FormFields.HEAD_OF_REGISTER), 13, "筆頭者");
            y += 10;
            Parts.row(c, y, 10, LABEL_COLUMN, "必要な方の氏名", value(f, FormFields.NAME), 13, "必要な方の氏名");
            y += 10;
            c.labelCell(LEFT, y, LABEL_COLUMN, 9, "請求者との関係", 10);
            c.box(LEFT + LABEL_COLUMN, y, WIDTH - LABEL_COLUMN, 9);
            Parts.options(c, LEFT + LABEL_COLUMN + 2, y, 9,
                    List.of("本人", "配偶者", "父母・祖父母", "子・孫", "その他（　　　　　）"),
                    List.of(!value(f, FormFields.NAME).isBlank(), false, false, false, false));
            y += 9;
            c.frame(LEFT, top, WIDTH, y - top);

            y += 4;
            y = Parts.certificates(c, y, CertificateChoices.rows(FAMILY_KINDS,
                    value(f, FormFields.CERTIFICATE_TYPE), value(f, FormFields.COPIES)), "証明書");
            y += 4;
            Parts.purpose(c, y, f);

            Parts.officeUse(c, 245, Parts.STAMPS, Parts.IDENTITY, List.of("委任状", "広域交付"), Parts.FEE);
        });
    }

    static void tax(FormDocument document, FilledForm form, String today) {
        Map<String, String> f = form.fields();
        document.page(FormKind.TAX_CERTIFICATE, c -> {
            Parts.heading(c, FormKind.TAX_CERTIFICATE.titleJa(), "申請日", today);
            float y = Parts.personBlock(c, 37, "請求者", f, false, true, "請求者");

            y += 4;
            float top = y;
            String taxYear = value(f, FormFields.TAX_YEAR);
            c.labelCell(LEFT, y, LABEL_COLUMN, 11, "年度", 10);
            c.box(LEFT + LABEL_COLUMN, y, WIDTH - LABEL_COLUMN, 11);
            c.entry(LEFT + LABEL_COLUMN, y, 40, 11, Wareki.fiscalYear(taxYear), 13, Align.LEFT, "年度");
            String income = Wareki.incomeYearOf(taxYear);
            if (!income.isEmpty()) {
                c.labelAt(LEFT + LABEL_COLUMN + 42, y + 7, "（" + income + "1月〜12月の所得に基づく証明です）", 8.5f);
            }
            y += 11;
            c.labelCell(LEFT, y, LABEL_COLUMN, 12, "1月1日の住所", 9.5f);
            c.box(LEFT + LABEL_COLUMN, y, WIDTH - LABEL_COLUMN, 12);
            c.labelAt(LEFT + LABEL_COLUMN + 2, y + 4, "その年度の1月1日に上の住所と違う所にお住まいだった方はご記入ください", 7.5f);
            y += 12;
            c.labelCell(LEFT, y, LABEL_COLUMN, 8, "必要な方", 10);
            c.box(LEFT + LABEL_COLUMN, y, WIDTH - LABEL_COLUMN, 8);
            Parts.options(c, LEFT + LABEL_COLUMN + 2, y, 8, List.of("請求者と同じ", "請求者と違う方（委任状が必要です）"),
                    List.of(!value(f, FormFields.NAME).isBlank(), false));
            y += 8;
            c.frame(LEFT, top, WIDTH, y - top);

            y += 4;
            y = Parts.certificates(c, y, CertificateChoices.rows(TAX_KINDS,
                    value(f, FormFields.CERTIFICATE_TYPE), value(f, FormFields.COPIES)), "証明書");
            y += 4;
            Parts.purpose(c, y, f);

            Parts.officeUse(c, 245, Parts.STAMPS, Parts.IDENTITY, List.of("委任状", "扶養"), Parts.FEE);
        });
    }

    private static final float RECORDED_ITEMS_H = 20f;

    /**
     * 記載する項目 of the 住民票: two columns of tick boxes, a tick where the resident chose 必要. Only the choice is
     * printed; the individual number itself is never on the request.
     */
    private static void recordedItems(Canvas c, float y, Map<String, String> f) {
        float x = LEFT + LABEL_COLUMN + 2;
        float second = x + 62;
        c.labelCell(LEFT, y, LABEL_COLUMN, RECORDED_ITEMS_H, "記載する項目", 10);
        c.box(LEFT + LABEL_COLUMN, y, WIDTH - LABEL_COLUMN, RECORDED_ITEMS_H);
        Parts.options(c, x, y, 7, List.of("本籍・筆頭者"), List.of(yes(value(f, FormFields.RECORD_DOMICILE))));
        Parts.options(c, second, y, 7, List.of("続柄（世帯主との関係）"),
                List.of(yes(value(f, FormFields.RECORD_RELATIONSHIP))));
        Parts.options(c, x, y + 6.5f, 7, List.of("個人番号（マイナンバー）"),
                List.of(yes(value(f, FormFields.RECORD_INDIVIDUAL_NUMBER))));
        Parts.options(c, second, y + 6.5f, 7, List.of("住民票コード"),
                List.of(yes(value(f, FormFields.RECORD_RESIDENT_CODE))));
        c.labelAt(x, y + 17.5f, "✓のない項目は省略して交付します。個人番号（マイナンバー）の記載は、ご本人か同じ世帯の方の請求に限ります。", 7.5f);
        c.frame(LEFT, y, WIDTH, RECORDED_ITEMS_H);
    }

    private static boolean yes(String value) {
        return value.equalsIgnoreCase("yes") || value.equalsIgnoreCase("true") || value.equals("1");
    }
}
