package org.madoguchi.preentry;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.madoguchi.forms.FormFields;
import org.madoguchi.forms.FormKind;

/**
 * The pages of pre-entry (one topic each) and their fields, worked out from the forms a draft needs; and
 * checking one page's input. Residents and counter staff go through the same checks.
 */
final class EntryFields {

    enum Type { NAME, KANA, BIRTH_DATE, MOVE_DATE, SEX, YESNO, POSTAL, ADDRESS, PHONE, TEXT, COPIES, CHOICE, YEAR }

    /** One input; {@code key} is the draft's value key, {@code labelKey} its message key. */
    record Field(String key, Type type, boolean required, int max, List<String> options, String labelKey) {
        public String id() {
            return key.replace('.', '-');
        }

        /**
         * The hint under the label: one per type, except free text and yes/no questions, which mean something
         * different for each field (続柄 and 使用目的 need different examples).
         */
        public String hintKey() {
            return type == Type.TEXT || type == Type.YESNO ? "preentry.hint." + baseKey() : "preentry.hint." + type.name();
        }

        /** The key without its form's prefix: {@code RESIDENCE_CERTIFICATE.purpose} → {@code purpose}. */
        public String baseKey() {
            return key.substring(key.indexOf('.') + 1);
        }

        /** What the input box shows: stored ISO dates as 和暦, which read naturally and parse back. */
        public String shown(String value) {
            if ((type == Type.BIRTH_DATE || type == Type.MOVE_DATE) && value != null
                    && value.matches("\\d{4}-\\d{2}-\\d{2}")) {
                String wareki = org.madoguchi.platform.JapaneseDates.wareki(LocalDate.parse(value));
                return wareki.isEmpty() ? value : wareki;
            }
            return value;
        }

        /** Radio buttons (sex, yes/no) rather than a text box or a list. */
        public boolean radio() {
            return type == Type.SEX || type == Type.YESNO;
        }

        /** Message key of a radio option's label. */
        public String optionKey(String option) {
            return (type == Type.SEX ? "preentry.sex." : "preentry.yesno.") + option;
        }

        /** Browser autofill only for the applicant's own current details. */
        public String autocomplete() {
            return switch (key) {
                case FormFields.NAME -> "name";
                case FormFields.POSTAL_CODE -> "postal-code";
                case FormFields.ADDRESS -> "street-address";
                case FormFields.PHONE -> "tel";
                case FormFields.BIRTH_DATE -> "bday";
                default -> "off";
            };
        }

        public String inputmode() {
            return switch (type) {
                case POSTAL, COPIES -> "numeric";
                case PHONE -> "tel";
                default -> "text";
            };
        }

        public String inputType() {
            return type == Type.PHONE ? "tel" : "text";
        }

    }

    /** Fields under one heading; {@code titleKey} null for the page's own heading. */
    record Group(String titleKey, List<Field> fields) {
    }

    record Step(String id, List<Group> groups, boolean members) {
        public List<Field> fields() {
            return groups.stream().flatMap(g -> g.fields().stream()).toList();
        }
    }

    static final List<String> RESIDENCE_TYPES = List.of("住民票の写し（世帯全員）", "住民票の写し（世帯の一部）", "住民票記載事項証明書");
    static final List<String> REGISTER_TYPES = List.of("戸籍謄本（全部事項証明）", "戸籍抄本（個人事項証明）", "除籍謄本", "戸籍の附票の写し");
    static final List<String> TAX_TYPES = List.of("課税証明書", "非課税証明書", "納税証明書");
    static final List<String> SEXES = List.of("male", "female");
    static final List<String> YES_NO = List.of("yes", "no");
    static final List<Field> MEMBER_FIELDS = List.of(
            field(FormFields.NAME, Type.NAME, true, 30),
            field(FormFields.KANA, Type.KANA, true, 60),
            field(FormFields.BIRTH_DATE, Type.BIRTH_DATE, true, 0),
            new Field(FormFields.SEX, Type.SEX, true, 0, SEXES, "preentry.field.sex"),
            field(FormFields.RELATIONSHIP, Type.TEXT, true, 10));
    static final int MAX_MEMBERS = 9;

    private EntryFields() {
    }

    private static Field field(String key, Type type, boolean required, int max) {
        return new Field(key, type, required, max, List.of(), "preentry.field." + key);
    }

    private static Field labelled(String key, Type type, boolean required, int max, String labelKey) {
        return new Field(key, type, required, max, List.of(), labelKey);
    }

    static String formField(FormKind kind, String key) {
        return kind.name() + "." + key;
    }

    static List<Step> steps(Draft draft) {
        List<FormKind> forms = draft.forms();
        boolean move = forms.contains(FormKind.RESIDENT_MOVE);
        boolean out = "tenshutsu".equals(draft.moveType());
        List<Step> steps = new ArrayList<>();
        List<Field> applicant = new ArrayList<>(List.of(
                field(FormFields.NAME, Type.NAME, true, 30),
                field(FormFields.KANA, Type.KANA, true, 60),
                field(FormFields.BIRTH_DATE, Type.BIRTH_DATE, true, 0)));
        if (move) {
            applicant.add(new Field(FormFields.SEX, Type.SEX, true, 0, SEXES, "preentry.field.sex"));
        }
        steps.add(new Step("applicant", List.of(new Group(null, applicant)), false));
        steps.add(new Step("address", List.of(new Group(null, List.of(
                labelled(FormFields.POSTAL_CODE, Type.POSTAL, true, 0,
                        out ? "preentry.field.postalCode.new" : "preentry.field.postalCode"),
                labelled(FormFields.ADDRESS, Type.ADDRESS, true, 100,
                        out ? "preentry.field.address.new" : "preentry.field.address")))), false));
        if (move) {
            steps.add(new Step("move", List.of(new Group(null, List.of(
                    labelled(FormFields.MOVE_DATE, Type.MOVE_DATE, true, 0,
                            out ? "preentry.field.moveDate.planned" : "preentry.field.moveDate"),
                    labelled(FormFields.PREVIOUS_POSTAL_CODE, Type.POSTAL, false, 0,
                            out ? "preentry.field.previousPostalCode.current" : "preentry.field.previousPostalCode"),
                    labelled(FormFields.PREVIOUS_ADDRESS, Type.ADDRESS, true, 100,
                            out ? "preentry.field.previousAddress.current" : "preentry.field.previousAddress"),
                    field(FormFields.PREVIOUS_HOUSEHOLDER, Type.NAME, false, 30)))), false));
        }
        steps.add(new Step("household", List.of(new Group(null, List.of(
                field(FormFields.HOUSEHOLDER, Type.NAME, true, 30),
                field(FormFields.RELATIONSHIP, Type.TEXT, true, 10)))), move));
        steps.add(new Step("contact", List.of(new Group(null, List.of(field(FormFields.PHONE, Type.PHONE, true, 0)))),
                false));
        List<Group> certificates = new ArrayList<>();
        for (FormKind kind : forms) {
            List<Field> fields = new ArrayList<>();
            switch (kind) {
                case RESIDENCE_CERTIFICATE -> {
                    fields.add(choice(kind, RESIDENCE_TYPES));
                    for (String key : List.of(FormFields.RECORD_DOMICILE, FormFields.RECORD_RELATIONSHIP,
                            FormFields.RECORD_INDIVIDUAL_NUMBER, FormFields.RECORD_RESIDENT_CODE)) {
                        fields.add(new Field(formField(kind, key), Type.YESNO, true, 0, YES_NO, "preentry.field." + key));
                    }
                }
                case FAMILY_REGISTER_CERTIFICATE -> {
                    fields.add(choice(kind, REGISTER_TYPES));
                    fields.add(labelled(formField(kind, FormFields.REGISTERED_DOMICILE), Type.ADDRESS, true, 100,
                            "preentry.field." + FormFields.REGISTERED_DOMICILE));
                    fields.add(labelled(formField(kind, FormFields.HEAD_OF_REGISTER), Type.NAME, true, 30,
                            "preentry.field." + FormFields.HEAD_OF_REGISTER));
                }
                case TAX_CERTIFICATE -> {
                    fields.add(choice(kind, TAX_TYPES));
                    fields.add(labelled(formField(kind, FormFields.TAX_YEAR), Type.YEAR, true, 0,
                            "preentry.field." + FormFields.TAX_YEAR));
                }
                default -> {
                    continue;
                }
            }
            fields.add(labelled(formField(kind, FormFields.COPIES), Type.COPIES, true, 0, "preentry.field.copies"));
            fields.add(labelled(formField(kind, FormFields.PURPOSE), Type.TEXT, true, 50, "preentry.field.purpose"));
            certificates.add(new Group("preentry.form." + kind.name(), fields));
        }
        if (!certificates.isEmpty()) {
            steps.add(new Step("certificates", certificates, false));
        }
        return steps;
    }

    private static Field choice(FormKind kind, List<String> options) {
        return new Field(formField(kind, FormFields.CERTIFICATE_TYPE), Type.CHOICE, true, 0, options,
                "preentry.field." + FormFields.CERTIFICATE_TYPE);
    }

    /**
     * Checks the fields against {@code input} and writes every value into {@code values}: the normalised one
     * when valid, what was typed otherwise (so nothing is lost). Returns the messages by field key.
     */
    static Map<String, String> check(List<Field> fields, Function<String, String> input, Map<String, String> values,
                                     String errorPrefix, LocalDate today) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (Field f : fields) {
            String raw = input.apply(f.key());
            raw = raw == null ? "" : raw;
            try {
                values.put(f.key(), normalise(f, raw, today));
            } catch (EntryText.Invalid e) {
                values.put(f.key(), raw.length() > 400 ? raw.substring(0, 400) : raw);
                errors.put(errorPrefix + f.key(), e.getMessage());
            }
        }
        return errors;
    }

    static String normalise(Field f, String raw, LocalDate today) {
        return switch (f.type()) {
            case NAME -> EntryText.name(raw, f.required(), f.max());
            case KANA -> EntryText.kana(raw, f.required(), f.max());
            case BIRTH_DATE -> iso(EntryText.date(raw, f.required(), LocalDate.of(1900, 1, 1), today,
                    "1900年より前の生年月日は窓口でご相談ください。", "生年月日が未来の日付になっています。"));
            case MOVE_DATE -> iso(EntryText.date(raw, f.required(), today.minusYears(1), today.plusMonths(3),
                    "異動日が1年以上前です。窓口でご相談ください。", "異動日は3か月先までの日付を入力してください。"));
            case SEX, YESNO -> {
                String s = EntryText.nfkc(raw);
                if (s.isEmpty() && f.required()) {
                    throw new EntryText.Invalid(f.type() == Type.SEX ? "性別を選んでください。" : "どちらかを選んでください。");
                }
                if (!s.isEmpty() && !f.options().contains(s)) {
                    throw new EntryText.Invalid("選び直してください。");
                }
                yield s;
            }
            case POSTAL -> EntryText.postalCode(raw, f.required());
            case ADDRESS -> EntryText.address(raw, f.required(), f.max());
            case PHONE -> EntryText.phone(raw, f.required());
            case TEXT -> EntryText.text(raw, f.required(), f.max(), label(f));
            case COPIES -> EntryText.number(raw, f.required(), 1, 20, "必要通数");
            case CHOICE -> {
                String s = EntryText.nfkc(raw);
                if (s.isEmpty() && f.required()) {
                    throw new EntryText.Invalid("種類を選んでください。");
                }
                if (!s.isEmpty() && f.options().stream().noneMatch(o -> EntryText.nfkc(o).equals(s))) {
                    throw new EntryText.Invalid("種類を一覧から選んでください。");
                }
                // The option exactly as listed (NFKC turned its full-width brackets half-width).
                yield f.options().stream().filter(o -> EntryText.nfkc(o).equals(s)).findFirst().orElse("");
            }
            case YEAR -> taxYear(raw, f.required(), today);
        };
    }

    private static String label(Field f) {
        return switch (f.baseKey()) {
            case FormFields.RELATIONSHIP -> "続柄";
            case FormFields.PURPOSE -> "使用目的・提出先";
            default -> "この項目";
        };
    }

    private static String iso(LocalDate date) {
        return date == null ? "" : date.toString();
    }

    /** 年度: 2026, 令和8, R8 or 令和8年度. */
    static String taxYear(String raw, boolean required, LocalDate today) {
        String s = EntryText.nfkc(raw).replace(" ", "").replace("年度", "").replace("年", "");
        if (s.isEmpty()) {
            if (required) {
                throw new EntryText.Invalid("年度を入力してください（例: 令和8年度、2026）。");
            }
            return "";
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(令和|平成|[RrHh])(元|\\d{1,2})").matcher(s);
        int year;
        if (m.matches()) {
            int n = "元".equals(m.group(2)) ? 1 : Integer.parseInt(m.group(2));
            year = (m.group(1).startsWith("令") || m.group(1).equalsIgnoreCase("R") ? 2018 : 1988) + n;
        } else if (s.matches("\\d{4}")) {
            year = Integer.parseInt(s);
        } else {
            throw new EntryText.Invalid("年度は「令和8年度」や「2026」のように入力してください。");
        }
        if (year < today.getYear() - 6 || year > today.getYear() + 1) {
            throw new EntryText.Invalid("証明書を発行できる年度ではありません（過去5年度分まで）。");
        }
        return String.valueOf(year);
    }
}
