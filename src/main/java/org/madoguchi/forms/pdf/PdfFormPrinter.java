package org.madoguchi.forms.pdf;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.madoguchi.forms.FilledForm;
import org.madoguchi.forms.FormFields;
import org.madoguchi.forms.FormKind;
import org.madoguchi.forms.FormPrintException;
import org.madoguchi.forms.FormPrinter;
import org.madoguchi.forms.PrintedForms;
import org.madoguchi.forms.UnprintableCharacter;
import org.madoguchi.platform.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Prints the forms with PDFBox, fonts embedded as subsets. A missing font does not stop the application
 * (everything else on the floor still works): it is logged in Japanese at start-up and every print attempt
 * is refused with the same message.
 */
@Component
class PdfFormPrinter implements FormPrinter {

    private static final Logger log = LoggerFactory.getLogger(PdfFormPrinter.class);
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    private final Clock clock;
    private final FontFace entryFace;
    private final FontFace labelFace;
    private final FormPrintException unavailable;

    PdfFormPrinter(FormFontProperties properties, Clock clock) {
        this.clock = clock;
        FontFace entry = null;
        FormPrintException problem = null;
        try {
            entry = FontFace.open(properties.font(), "fonts-morisawa-bizud-mincho", "madoguchi.forms.font");
        } catch (FormPrintException e) {
            problem = e;
            log.error("帳票を印刷できません: {}", e.getMessage());
        }
        FontFace label = entry;
        if (entry != null) {
            try {
                label = FontFace.open(properties.labelFont(), "fonts-morisawa-bizud-gothic", "madoguchi.forms.label-font");
            } catch (FormPrintException e) {
                log.warn("帳票の見出しは本文と同じフォントで印刷します: {}", e.getMessage());
            }
        }
        this.entryFace = entry;
        this.labelFace = label;
        this.unavailable = problem;
    }

    @Override
    public byte[] print(List<FilledForm> forms) {
        return printWithReport(forms).pdf();
    }

    @Override
    public PrintedForms printWithReport(List<FilledForm> forms) {
        requireFont();
        if (forms == null || forms.isEmpty()) {
            throw ProblemException.invalid("no-forms", "印刷する帳票がありません。");
        }
        String today = Wareki.date(LocalDate.now(clock.withZone(TOKYO)));
        try (FormDocument document = new FormDocument(entryFace, labelFace)) {
            for (FilledForm form : forms) {
                switch (form.kind()) {
                    case RESIDENT_MOVE -> ResidentMoveLayout.draw(document, form, today);
                    case RESIDENCE_CERTIFICATE -> CertificateLayouts.residence(document, form, today);
                    case SEAL_REGISTRATION -> CertificateLayouts.seal(document, form, today);
                    case FAMILY_REGISTER_CERTIFICATE -> CertificateLayouts.familyRegister(document, form, today);
                    case TAX_CERTIFICATE -> CertificateLayouts.tax(document, form, today);
                }
            }
            return document.finish();
        }
    }

    @Override
    public List<UnprintableCharacter> unprintableCharacters(List<FilledForm> forms) {
        requireFont();
        Set<UnprintableCharacter> found = new LinkedHashSet<>();
        for (FilledForm form : forms) {
            check(form.kind(), "", form.fields(), found);
            int number = 2;
            for (Map<String, String> member : form.members()) {
                check(form.kind(), "異動する人 " + number++ + " ", member, found);
            }
        }
        return new ArrayList<>(found);
    }

    private void check(FormKind kind, String prefix, Map<String, String> fields, Set<UnprintableCharacter> found) {
        fields.forEach((key, text) -> Glyphs.printable(text, entryFace,
                c -> found.add(new UnprintableCharacter(kind, prefix + placeOf(key), c))));
    }

    private static String placeOf(String key) {
        return switch (key) {
            case FormFields.NAME -> "氏名";
            case FormFields.KANA -> "フリガナ";
            case FormFields.BIRTH_DATE -> "生年月日";
            case FormFields.POSTAL_CODE -> "郵便番号";
            case FormFields.ADDRESS -> "住所";
            case FormFields.PHONE -> "電話番号";
            case FormFields.HOUSEHOLDER -> "世帯主";
            case FormFields.RELATIONSHIP -> "続柄";
            case FormFields.MOVE_DATE -> "異動日";
            case FormFields.PREVIOUS_POSTAL_CODE -> "今までの住所（郵便番号）";
            case FormFields.PREVIOUS_ADDRESS -> "今までの住所";
            case FormFields.PREVIOUS_HOUSEHOLDER -> "今までの住所 世帯主";
            case FormFields.COPIES -> "通数";
            case FormFields.PURPOSE -> "使用目的・提出先";
            case FormFields.CERTIFICATE_TYPE -> "証明書の種類";
            case FormFields.REGISTERED_DOMICILE -> "本籍";
            case FormFields.HEAD_OF_REGISTER -> "筆頭者";
            case FormFields.TAX_YEAR -> "年度";
            default -> key;
        };
    }

    private void requireFont() {
        if (unavailable != null) {
            throw unavailable;
        }
    }
}
