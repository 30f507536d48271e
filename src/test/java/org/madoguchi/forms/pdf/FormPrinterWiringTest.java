package org.madoguchi.forms.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.madoguchi.TestApp;
import org.madoguchi.forms.FormKind;
import org.madoguchi.forms.FormPrinter;

/** The running application offers the printer as a bean, with the default fonts. */
class FormPrinterWiringTest {

    @Test
    void theApplicationPrintsWithItsConfiguredFonts() throws IOException {
        FormPrinter printer = TestApp.shared().bean(FormPrinter.class);

        byte[] pdf = printer.print(List.of(PdfFormPrinterTest.sample(FormKind.TAX_CERTIFICATE),
                PdfFormPrinterTest.sample(FormKind.RESIDENT_MOVE)));

        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isEqualTo(2);
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("板橋 太郎", "髙橋 花子", "1 / 2", "2 / 2");
        }
        assertThat(TestApp.shared().bean(FormFontProperties.class).font()).isEqualTo(FormFontProperties.DEFAULT_FONT);
    }
}
