package org.madoguchi.navigator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.madoguchi.navigator.flow.FeeTable;

/**
 * navigator/fees.yaml against the audit's reference table B (申請方法別証明書交付手数料一覧, in yen; ― not offered),
 * transcribed here row by row: コンビニ, 窓口, 郵送, オンライン.
 */
class FeeTableTest {

    private static final String TABLE_B = """
            住民票の写し                 200 300 400 400
            除票の写し                   ―   300 400 ―
            住民票記載事項証明書         ―   300 400 400
            印鑑登録証明書               200 300 ―   ―
            戸籍謄(抄)本                 350 450 450 450
            除籍謄(抄)本                 ―   750 750 750
            改製原戸籍謄(抄)本           ―   750 750 750
            戸籍の附票の写し             200 300 400 400
            戸籍の附票の除票の写し       ―   300 400 400
            身分証明書                   ―   300 300 300
            独身証明書                   ―   300 300 300
            不在住証明書                 ―   300 400 400
            不在籍証明書                 ―   300 300 300
            受理証明書                   ―   350 350 ―
            届書記載事項証明書           ―   350 350 ―
            住居表示実施証明書           ―   無料 無料 無料
            地番整理・区画整理証明書     ―   無料 無料 無料
            課税（非課税）証明書         200 300 300 ―
            納税証明書                   200 300 300 ―
            """;

    /** The fee ids in the order of table B's rows. */
    private static final List<String> IDS = List.of("juminhyo", "jojo", "juminhyo-kisai", "inkan-shomei", "koseki",
            "joseki", "kaisei-genkoseki", "fuhyo", "fuhyo-jojo", "mibun", "dokushin", "fuzaiju", "fuzaiseki", "juri",
            "todokesho-kisai", "jukyo-hyoji", "chiban-seiri", "kazei-shomei", "nozei-shomei");

    @Test
    void everyRowOfTableBIsInTheFeeFile() {
        List<String> rows = TABLE_B.lines().filter(l -> !l.isBlank()).toList();
        assertThat(rows).hasSize(19);
        assertThat(Flows.FEES.fees().keySet()).containsExactlyElementsOf(IDS);
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            String[] cells = rows.get(i).trim().split("\\s+");
            FeeTable.Fee fee = Flows.FEES.fee(IDS.get(i)).orElseThrow();
            for (int c = 0; c < FeeTable.CHANNELS.size(); c++) {
                Integer expected = switch (cells[c + 1]) {
                    case "―" -> null;
                    case "無料" -> 0;
                    default -> Integer.valueOf(cells[c + 1]);
                };
                Integer actual = fee.byChannel(FeeTable.CHANNELS.get(c));
                if (expected == null ? actual != null : !expected.equals(actual)) {
                    mismatches.add(cells[0] + " " + FeeTable.CHANNELS.get(c) + ": table B " + cells[c + 1] + ", file " + actual);
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void theConvenienceStoreIsCheaperWhereverItIsOffered() {
        Flows.FEES.fees().values().stream().filter(f -> f.convenience() != null)
                .forEach(f -> assertThat(f.convenience()).as(f.id()).isLessThan(f.counter()));
    }
}
