package org.madoguchi.forms.pdf;

import static org.madoguchi.forms.pdf.Parts.LABEL_W;
import static org.madoguchi.forms.pdf.Parts.LABEL_X;
import static org.madoguchi.forms.pdf.Parts.LEFT;
import static org.madoguchi.forms.pdf.Parts.RIGHT;
import static org.madoguchi.forms.pdf.Parts.SECTION_W;
import static org.madoguchi.forms.pdf.Parts.VALUE_X;
import static org.madoguchi.forms.pdf.Parts.WIDTH;
import static org.madoguchi.forms.pdf.Parts.value;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.madoguchi.forms.FilledForm;
import org.madoguchi.forms.FormFields;
import org.madoguchi.forms.FormKind;
import org.madoguchi.forms.pdf.Canvas.Align;

/**
 * 住民異動届: kind of move, new and previous address, everyone who moves (the applicant first), the
 * applicant's signature box and telephone. More people than fit go on continuation pages.
 */
final class ResidentMoveLayout {

    static final int ROWS_FIRST_PAGE = 6;
    static final int ROWS_NEXT_PAGES = 17;
    private static final float ROW_H = 13f;

    // Columns of the table of people who move.
    private static final float NO_X = LEFT;
    private static final float NAME_X = LEFT + 8;
    private static final float BIRTH_X = LEFT + 75;
    private static final float SEX_X = LEFT + 120;
    private static final float REL_X = LEFT + 138;
    private static final float NOTE_X = LEFT + 162;

    private ResidentMoveLayout() {
    }

    static void draw(FormDocument document, FilledForm form, String today) {
        Map<String, String> f = form.fields();
        List<Map<String, String>> people = new ArrayList<>();
        people.add(f);
        people.addAll(form.members());

        List<Map<String, String>> first = people.subList(0, Math.min(ROWS_FIRST_PAGE, people.size()));
        document.page(FormKind.RESIDENT_MOVE, c -> firstPage(c, f, first, today, people.size() > ROWS_FIRST_PAGE));
        int index = first.size();
        while (index < people.size()) {
            int from = index;
            List<Map<String, String>> more = people.subList(from, Math.min(from + ROWS_NEXT_PAGES, people.size()));
            document.page(FormKind.RESIDENT_MOVE, c -> continuationPage(c, f, more, from));
            index += more.size();
        }
    }

    private static void firstPage(Canvas c, Map<String, String> f, List<Map<String, String>> people, String today,
                                  boolean continues) {
        Parts.heading(c, FormKind.RESIDENT_MOVE.titleJa(), "届出日", today);
        String type = value(f, FormFields.MOVE_TYPE);

        float y = 37;
        c.labelCell(LEFT, y, 31, 12, "異動の種別", 10);
        c.box(LEFT + 31, y, 82, 12);
        moveType(c, LEFT + 35, y, "転入", "区外から", "tennyu".equals(type));
        moveType(c, LEFT + 61, y, "転出", "区外へ", "tenshutsu".equals(type));
        moveType(c, LEFT + 87, y, "転居", "区内で", "tenkyo".equals(type));
        c.labelCell(LEFT + 113, y, 22, 12, "tenshutsu".equals(type) ? "転出予定日" : "異動日", 10);
        c.box(LEFT + 135, y, 45, 12);
        c.entry(LEFT + 135, y, 45, 12, Wareki.date(value(f, FormFields.MOVE_DATE)), 12, Align.CENTER, "異動日");
        c.frame(LEFT, y, WIDTH, 12);

        y = 52;
        address(c, y, "tenshutsu".equals(type) ? "転出先の住所" : "新しい住所", value(f, FormFields.POSTAL_CODE),
                value(f, FormFields.ADDRESS), value(f, FormFields.HOUSEHOLDER), "新しい住所");
        y = 78;
        address(c, y, "今までの住所", value(f, FormFields.PREVIOUS_POSTAL_CODE), value(f, FormFields.PREVIOUS_ADDRESS),
                value(f, FormFields.PREVIOUS_HOUSEHOLDER), "今までの住所");

        y = 106;
        y = table(c, y, "異動する人（届出人を含め、一緒に異動する方全員）", people, 0, ROWS_FIRST_PAGE);
        if (continues) {
            c.labelAt(RIGHT - c.labelWidth("続きは次のページにあります", 8.5f), y + 4, "続きは次のページにあります", 8.5f);
        }

        y = 203;
        float top = y;
        Parts.signature(c, LABEL_X, y, 18, "署名", "※届出人ご本人が署名してください");
        y += 18;
        c.labelCell(LABEL_X, y, LABEL_W, 9, "電話番号", 10);
        c.box(VALUE_X, y, 70, 9);
        c.entry(VALUE_X, y, 70, 9, value(f, FormFields.PHONE), 12, Align.LEFT, "電話番号");
        c.labelCell(VALUE_X + 70, y, 22, 9, "届出人", 10);
        c.box(VALUE_X + 92, y, RIGHT - VALUE_X - 92, 9);
        c.label(VALUE_X + 92, y, RIGHT - VALUE_X - 92, 9, "異動する人の欄の 1 の方", 9.5f, Align.LEFT);
        y += 9;
        c.verticalLabel(LEFT, top, SECTION_W, y - top, "届出人", 11);
        c.frame(LEFT, top, WIDTH, y - top);

        Parts.officeUse(c, 240, Parts.STAMPS, Parts.IDENTITY,
                List.of("国保", "年金", "児童手当", "医療証", "介護", "後期高齢", "印鑑", "マイナンバーカード"),
                List.of());
    }

    private static void continuationPage(Canvas c, Map<String, String> f, List<Map<String, String>> people,
                                         int offset) {
        c.title(18, FormKind.RESIDENT_MOVE.titleJa() + "（続き）", 16, 1.5f);
        c.labelCell(LEFT, 24, 22, 8, "届出人", 10);
        c.box(LEFT + 22, 24, 70, 8);
        c.entry(LEFT + 22, 24, 70, 8, value(f, FormFields.NAME), 12, Align.LEFT, "届出人 氏名");
        table(c, 36, "異動する人（続き）", people, offset, people.size());
    }

    private static void moveType(Canvas c, float x, float y, String label, String note, boolean chosen) {
        c.checkbox(x, y + 2.6f, Parts.CHECK, chosen);
        c.labelAt(x + 7, y + 5.8f, label, 11);
        c.labelAt(x + 7, y + 10.2f, note, 7);
        if (chosen) {
            c.ring(x + 7 + c.labelWidth(label, 11) / 2, y + 4.6f, 5.2f, 3.3f);
        }
    }

    private static void address(Canvas c, float y, String section, String postal, String address, String householder,
                                String place) {
        c.labelCell(LABEL_X, y, LABEL_W, 16, "住所", 10);
        c.box(VALUE_X, y, RIGHT - VALUE_X, 16);
        Parts.postalAndAddress(c, y, postal, address, place);
        c.labelCell(LABEL_X, y + 16, LABEL_W, 9, "世帯主", 10);
        c.box(VALUE_X, y + 16, RIGHT - VALUE_X, 9);
        c.entry(VALUE_X, y + 16, 90, 9, householder, 12, Align.LEFT, place + " 世帯主");
        c.verticalLabel(LEFT, y, SECTION_W, 25, section, 10.5f);
        c.frame(LEFT, y, WIDTH, 25);
    }

    /** @return the y below the table */
    private static float table(Canvas c, float y, String heading, List<Map<String, String>> people, int offset,
                               int rows) {
        float top = y;
        Parts.strip(c, y, 7, heading);
        y += 7;
        c.labelCell(NO_X, y, NAME_X - NO_X, 8, "", 9);
        c.labelCell(NAME_X, y, BIRTH_X - NAME_X, 8, "フリガナ／氏名", 9.5f);
        c.labelCell(BIRTH_X, y, SEX_X - BIRTH_X, 8, "生年月日", 9.5f);
        c.labelCell(SEX_X, y, REL_X - SEX_X, 8, "性別", 9.5f);
        c.labelCell(REL_X, y, NOTE_X - REL_X, 8, "世帯主との続柄", 9.5f);
        c.labelCell(NOTE_X, y, RIGHT - NOTE_X, 8, "備考", 9.5f);
        y += 8;
        for (int i = 0; i < rows; i++) {
            // Rows beyond the people typed stay empty, for anyone added at the counter by hand.
            Map<String, String> p = i < people.size() ? people.get(i) : Map.of();
            int number = offset + i + 1;
            String who = "異動する人 " + number;
            c.box(NO_X, y, NAME_X - NO_X, ROW_H);
            c.label(NO_X, y, NAME_X - NO_X, ROW_H, Integer.toString(number), 10, Align.CENTER);
            c.box(NAME_X, y, BIRTH_X - NAME_X, ROW_H);
            c.dashed(NAME_X, y + 5, BIRTH_X, y + 5);
            c.entry(NAME_X, y, BIRTH_X - NAME_X, 5, value(p, FormFields.KANA), 8.5f, Align.LEFT, who + " フリガナ");
            c.entry(NAME_X, y + 5, BIRTH_X - NAME_X, ROW_H - 5, value(p, FormFields.NAME), 14, Align.LEFT, who + " 氏名");
            c.box(BIRTH_X, y, SEX_X - BIRTH_X, ROW_H);
            c.entry(BIRTH_X, y, SEX_X - BIRTH_X, ROW_H, Wareki.date(value(p, FormFields.BIRTH_DATE)), 11.5f,
                    Align.CENTER, who + " 生年月日");
            c.box(SEX_X, y, REL_X - SEX_X, ROW_H);
            Parts.sex(c, (SEX_X + REL_X) / 2, y + ROW_H / 2, value(p, FormFields.SEX));
            c.box(REL_X, y, NOTE_X - REL_X, ROW_H);
            c.entry(REL_X, y, NOTE_X - REL_X, ROW_H, value(p, FormFields.RELATIONSHIP), 12, Align.CENTER,
                    who + " 続柄");
            c.box(NOTE_X, y, RIGHT - NOTE_X, ROW_H);
            y += ROW_H;
        }
        c.frame(LEFT, top, WIDTH, y - top);
        return y;
    }
}
