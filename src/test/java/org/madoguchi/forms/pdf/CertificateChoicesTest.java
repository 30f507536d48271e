package org.madoguchi.forms.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.madoguchi.forms.FormFields;
import org.madoguchi.forms.pdf.CertificateChoices.Row;

class CertificateChoicesTest {

    @Test
    void knownKindsTickTheirRowWithTheirOwnOrTheCommonNumberOfCopies() {
        List<Row> rows = CertificateChoices.rows(CertificateLayouts.FAMILY_KINDS, "戸籍謄本×２、除籍謄本、戸籍の附票の写し 3通", "1");

        assertThat(rows).extracting(Row::label, Row::ticked, Row::copies).containsExactly(
                org.assertj.core.groups.Tuple.tuple("戸籍謄本（全部事項証明書）", true, "2"),
                org.assertj.core.groups.Tuple.tuple("戸籍抄本（個人事項証明書）", false, ""),
                org.assertj.core.groups.Tuple.tuple("除籍謄本・抄本", true, "1"),
                org.assertj.core.groups.Tuple.tuple("改製原戸籍謄本・抄本", false, ""),
                org.assertj.core.groups.Tuple.tuple("戸籍の附票の写し", true, "3"),
                org.assertj.core.groups.Tuple.tuple("身分証明書", false, ""),
                org.assertj.core.groups.Tuple.tuple("その他", false, ""));
    }

    @Test
    void nonTaxationIsNotMistakenForTaxation() {
        List<Row> rows = CertificateChoices.rows(CertificateLayouts.TAX_KINDS, FormFields.TYPE_NON_TAXATION, "1");

        assertThat(rows.get(0)).extracting(Row::label, Row::ticked).containsExactly("非課税証明書", true);
        assertThat(rows.get(1).ticked()).isFalse();
    }

    @Test
    void unknownKindsAreKeptUnderOtherAsTyped() {
        List<Row> rows = CertificateChoices.rows(CertificateLayouts.RESIDENCE_KINDS, "除票の写し", "2");

        assertThat(rows).filteredOn(Row::ticked).singleElement()
                .extracting(Row::label, Row::detail, Row::copies).containsExactly("その他", "除票の写し", "2");
    }

    @Test
    void copiesWithoutAKindStayVisible() {
        List<Row> rows = CertificateChoices.rows(CertificateLayouts.RESIDENCE_KINDS, "", "2");

        assertThat(rows.get(rows.size() - 1)).extracting(Row::ticked, Row::copies).containsExactly(true, "2");
        assertThat(rows.get(rows.size() - 1).detail()).contains("窓口でご確認ください");
    }
}
