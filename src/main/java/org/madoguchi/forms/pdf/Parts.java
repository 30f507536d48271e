package org.madoguchi.forms.pdf;

import java.util.List;
import java.util.Map;
import org.madoguchi.forms.FormFields;
import org.madoguchi.forms.pdf.Canvas.Align;

/** Pieces every form shares: heading, the applicant's block, the certificate table, the office-use area. */
final class Parts {

    static final float LEFT = 15f;
    static final float RIGHT = 195f;
    static final float WIDTH = RIGHT - LEFT;
    /** Section label column (縦書き) and field label column of the applicant's block. */
    static final float SECTION_W = 9f;
    static final float LABEL_X = LEFT + SECTION_W;
    static final float LABEL_W = 22f;
    static final float VALUE_X = LABEL_X + LABEL_W;
    static final float CHECK = 3.6f;

    private Parts() {
    }

    static String value(Map<String, String> fields, String key) {
        String value = fields.get(key);
        return value == null ? "" : value.strip();
    }

    /** あて先, date box, spaced title and the request to check the printed entries. */
    static void heading(Canvas c, String title, String dateLabel, String date) {
        c.labelAt(LEFT, 13, "（あて先）板橋区長", 10.5f);
        c.labelCell(128, 7.5f, 20, 8, dateLabel, 9.5f);
        c.box(148, 7.5f, 47, 8);
        c.entry(148, 7.5f, 47, 8, date, 11, Align.CENTER, dateLabel);
        float spacing = title.length() <= 6 ? 4f : 0.8f;
        c.title(27, title, title.length() <= 6 ? 21 : 18, spacing);
        c.labelAt(LEFT, 34, "印字された内容に誤りがないかご確認のうえ、署名欄にご本人が署名してください。", 9);
    }

    /**
     * Address (with 〒), フリガナ and 氏名 with 生年月日, and further rows, under a vertical section label.
     *
     * @return the y just below the block
     */
    static float personBlock(Canvas c, float y, String section, Map<String, String> f, boolean sexRow,
                             boolean signatureRow, String who) {
        float top = y;
        c.labelCell(LABEL_X, y, LABEL_W, 16, "住所", 10);
        c.box(VALUE_X, y, RIGHT - VALUE_X, 16);
        postalAndAddress(c, y, value(f, FormFields.POSTAL_CODE), value(f, FormFields.ADDRESS), who + " 住所");
        y += 16;

        c.labelCell(LABEL_X, y, LABEL_W, 6, "フリガナ", 8);
        c.labelCell(LABEL_X, y + 6, LABEL_W, 11, "氏名", 10);
        float nameW = 125 - VALUE_X;
        c.box(VALUE_X, y, nameW, 17);
        c.dashed(VALUE_X, y + 6, VALUE_X + nameW, y + 6);
        c.entry(VALUE_X, y, nameW, 6, value(f, FormFields.KANA), 9, Align.LEFT, who + " フリガナ");
        c.entry(VALUE_X, y + 6, nameW, 11, value(f, FormFields.NAME), 15, Align.LEFT, who + " 氏名");
        c.labelCell(125, y, 20, 17, "生年月日", 10);
        c.box(145, y, RIGHT - 145, 17);
        c.entry(145, y, RIGHT - 145, 17, Wareki.date(value(f, FormFields.BIRTH_DATE)), 12, Align.CENTER,
                who + " 生年月日");
        y += 17;

        if (sexRow) {
            c.labelCell(LABEL_X, y, LABEL_W, 9, "性別", 10);
            c.box(VALUE_X, y, 40, 9);
            sex(c, VALUE_X + 20, y + 4.5f, value(f, FormFields.SEX));
            c.labelCell(VALUE_X + 40, y, 22, 9, "電話番号", 10);
            c.box(VALUE_X + 62, y, RIGHT - VALUE_X - 62, 9);
            c.entry(VALUE_X + 62, y, RIGHT - VALUE_X - 62, 9, value(f, FormFields.PHONE), 12, Align.LEFT,
                    who + " 電話番号");
        } else {
            c.labelCell(LABEL_X, y, LABEL_W, 9, "電話番号", 10);
            c.box(VALUE_X, y, RIGHT - VALUE_X, 9);
            c.entry(VALUE_X, y, 70, 9, value(f, FormFields.PHONE), 12, Align.LEFT, who + " 電話番号");
            c.labelAt(VALUE_X + 72, y + 6, "日中に連絡のとれる番号", 7.5f);
        }
        y += 9;

        if (signatureRow) {
            signature(c, LABEL_X, y, 17, "署名", "※窓口に来た方ご本人が署名してください");
            y += 17;
        }
        c.verticalLabel(LEFT, top, SECTION_W, y - top, section, 11);
        c.frame(LEFT, top, WIDTH, y - top);
        return y;
    }

    /** The 〒 line and the address below it inside the value box of an address row of height 16. */
    static void postalAndAddress(Canvas c, float y, String postal, String address, String place) {
        c.labelAt(VALUE_X + 1.6f, y + 4.6f, "〒", 9);
        c.entry(VALUE_X + 4, y + 0.6f, 32, 5.2f, postal, 9.5f, Align.LEFT, place + "（郵便番号）");
        c.entry(VALUE_X, y + 5, RIGHT - VALUE_X, 11, address, 13, Align.LEFT, place);
    }

    /** An empty box for a handwritten signature, with a small reminder in its corner. */
    static void signature(Canvas c, float x, float y, float h, String label, String note) {
        c.labelCell(x, y, LABEL_W, h, label, 10);
        c.box(x + LABEL_W, y, RIGHT - x - LABEL_W, h);
        c.labelAt(RIGHT - 1.5f - c.labelWidth(note, 7), y + h - 1.6f, note, 7);
    }

    /** 男・女 with the chosen one ringed; both unringed when not given, for the resident to ring. */
    static void sex(Canvas c, float cx, float cy, String sex) {
        c.textAt(cx - 6.2f, cy + 1.6f, "男", 11);
        c.textAt(cx - 1.9f, cy + 1.6f, "・", 11);
        c.textAt(cx + 2.3f, cy + 1.6f, "女", 11);
        if ("male".equals(sex)) {
            c.ring(cx - 4.25f, cy + 0.2f, 2.9f, 2.9f);
        } else if ("female".equals(sex)) {
            c.ring(cx + 4.25f, cy + 0.2f, 2.9f, 2.9f);
        }
    }

    /** A label cell and a value box on one row across the page. */
    static void row(Canvas c, float y, float h, float labelW, String label, String value, float size,
                    String place) {
        c.labelCell(LEFT, y, labelW, h, label, 10);
        c.box(LEFT + labelW, y, WIDTH - labelW, h);
        c.entry(LEFT + labelW, y, WIDTH - labelW, h, value, size, Align.LEFT, place);
    }

    /** A grey strip naming a section that spans the page. */
    static void strip(Canvas c, float y, float h, String text) {
        c.shade(LEFT, y, WIDTH, h);
        c.box(LEFT, y, WIDTH, h);
        c.label(LEFT, y, WIDTH, h, text, 10, Align.LEFT);
    }

    /** Options with tick boxes on one line, starting at x. */
    static void options(Canvas c, float x, float y, float h, List<String> options, List<Boolean> ticked) {
        float cursor = x;
        for (int i = 0; i < options.size(); i++) {
            c.checkbox(cursor, y + (h - CHECK) / 2, CHECK, ticked.get(i));
            c.labelAt(cursor + CHECK + 1.2f, y + h / 2 + 1.4f, options.get(i), 9.5f);
            cursor += CHECK + 1.2f + c.labelWidth(options.get(i), 9.5f) + 4f;
        }
    }

    /**
     * The table of certificates with tick boxes and number of copies.
     *
     * @return the y below the table
     */
    static float certificates(Canvas c, float y, List<CertificateChoices.Row> rows, String place) {
        float start = y;
        strip(c, y, 7, "必要な証明書と通数（必要なものに✓）");
        y += 7;
        c.labelCell(LEFT, y, 12, 6, "✓", 9);
        c.labelCell(LEFT + 12, y, 133, 6, "証明書の種類", 9);
        c.labelCell(LEFT + 145, y, 35, 6, "通数", 9);
        y += 6;
        for (CertificateChoices.Row row : rows) {
            c.box(LEFT, y, 12, 8);
            c.checkbox(LEFT + 6 - CHECK / 2, y + 4 - CHECK / 2, CHECK, row.ticked());
            c.box(LEFT + 12, y, 133, 8);
            c.label(LEFT + 12, y, 48, 8, row.label(), 10, Align.LEFT);
            if (!row.detail().isBlank()) {
                c.entry(LEFT + 60, y, 85, 8, row.detail(), 10.5f, Align.LEFT, place + " " + row.label());
            }
            c.box(LEFT + 145, y, 35, 8);
            c.entry(LEFT + 145, y, 27, 8, row.copies(), 12, Align.RIGHT, place + " 通数");
            c.labelAt(LEFT + 173, y + 5.6f, "通", 10);
            y += 8;
        }
        c.frame(LEFT, start, WIDTH, y - start);
        return y;
    }

    /** 使用目的・提出先. */
    static float purpose(Canvas c, float y, Map<String, String> f) {
        row(c, y, 14, 31, "使用目的・提出先", value(f, FormFields.PURPOSE), 12, "使用目的・提出先");
        c.frame(LEFT, y, WIDTH, 14);
        return y + 14;
    }

    /** 区使用欄: stamp boxes and the checks staff tick, left empty for them. */
    static void officeUse(Canvas c, float y, List<String> stamps, List<String> identity, List<String> related,
                          List<String> blanks) {
        c.dashedBox(LEFT, y, WIDTH, 35);
        c.labelAt(LEFT + 1.5f, y + 4.4f, "区使用欄（ここには記入しないでください）", 8.5f);
        float x = LEFT + 2;
        for (String stamp : stamps) {
            c.labelCell(x, y + 7, 14, 5.5f, stamp, 8);
            c.box(x, y + 12.5f, 14, 14);
            x += 14;
        }
        float rx = x + 4;
        c.labelAt(rx, y + 11, "本人確認", 8.5f);
        optionsSmall(c, rx + 15, y + 7.8f, identity);
        if (!related.isEmpty()) {
            c.labelAt(rx, y + 19, "関連手続", 8.5f);
            optionsSmall(c, rx + 15, y + 15.8f, related);
        }
        // Lines staff fill in: "手数料|円" prints the label, a line and the unit.
        float bx = rx;
        for (String blank : blanks) {
            String[] parts = blank.split("\\|", 2);
            c.labelAt(bx, y + 29, parts[0], 8.5f);
            float lineX = bx + c.labelWidth(parts[0], 8.5f) + 1.5f;
            c.line(lineX, y + 30, lineX + 22, y + 30);
            bx = lineX + 23;
            if (parts.length > 1) {
                c.labelAt(bx, y + 29, parts[1], 8.5f);
                bx += c.labelWidth(parts[1], 8.5f);
            }
            bx += 5;
        }
    }

    private static void optionsSmall(Canvas c, float x, float y, List<String> options) {
        float cursor = x;
        float lineY = y;
        for (String option : options) {
            float w = 3 + 1 + c.labelWidth(option, 8) + 2.5f;
            if (cursor + w > RIGHT - 1) {
                cursor = x;
                lineY += 4.2f;
            }
            c.checkbox(cursor, lineY, 3, false);
            c.labelAt(cursor + 4, lineY + 2.6f, option, 8);
            cursor += w;
        }
    }

    static final List<String> FEE = List.of("手数料|円");
    static final List<String> STAMPS = List.of("受付", "審査", "入力", "照合", "交付");
    static final List<String> IDENTITY = List.of("マイナンバーカード", "運転免許証", "旅券", "在留カード", "その他");
}
