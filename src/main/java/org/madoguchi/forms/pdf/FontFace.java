package org.madoguchi.forms.pdf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.madoguchi.forms.FormPrintException;

/**
 * One TrueType font file and the code points it has glyphs for. The coverage is read once from the font's
 * Unicode cmap (the same table PDFBox encodes with), so every print knows beforehand which characters need
 * the 〓 placeholder instead of failing half way.
 */
final class FontFace {

    private final Path path;
    private final BitSet coverage;

    private FontFace(Path path, BitSet coverage) {
        this.path = path;
        this.coverage = coverage;
    }

    /**
     * @param debianPackage named in the error so whoever runs the server knows what to install
     * @param property      the setting that points elsewhere
     */
    static FontFace open(Path path, String debianPackage, String property) {
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new FormPrintException("帳票用のフォントが見つかりません（" + path + "）。Debian パッケージ "
                    + debianPackage + " をインストールするか、設定 " + property
                    + " に TrueType フォント（.ttf）の場所を指定してください。");
        }
        BitSet coverage = new BitSet(0x30000);
        try (TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBufferedFile(path.toFile()))) {
            CmapLookup cmap = ttf.getUnicodeCmapLookup();
            for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
                if (cp == Character.MIN_SURROGATE) {
                    cp = Character.MAX_SURROGATE; // surrogate halves are never characters of their own
                    continue;
                }
                if (cmap.getGlyphId(cp) > 0) {
                    coverage.set(cp);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new FormPrintException("帳票用のフォントを読み込めません（" + path + "）。TrueType 形式（.ttf）の"
                    + "フォントを指定してください（.ttc は使えません）。Debian パッケージ " + debianPackage
                    + " の版を確かめるか、設定 " + property + " を見直してください。");
        }
        return new FontFace(path, coverage);
    }

    Path path() {
        return path;
    }

    boolean canDraw(int codePoint) {
        return coverage.get(codePoint);
    }

    /** Embeds the font as a subset: only the glyphs used go into the PDF. */
    PDType0Font load(PDDocument document) {
        try {
            return PDType0Font.load(document, path.toFile());
        } catch (IOException e) {
            throw new FormPrintException("帳票用のフォントを PDF に埋め込めません（" + path + "）。フォントファイルが"
                    + "壊れていないか確かめてください。");
        }
    }
}
