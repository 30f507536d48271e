package org.madoguchi.navigator;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.madoguchi.navigator.flow.FlowException;
import org.madoguchi.navigator.flow.FlowLoader;

/** Broken flow files are refused with a message naming the file and the line to fix. */
class FlowSchemaTest {

    private static final String FILE = "navigator/flows/sample.yaml";

    private static final String HEAD = """
            version: 1
            id: sample
            group: life-event
            title: {ja: 見本, ja-yasashii: みほん, en: Sample, zh: 样本, ko: 견본}
            questions:
              - id: card
                type: yesno
                text: {ja: カードはありますか。, ja-yasashii: カードは ありますか。, en: "Card?", zh: 有卡吗？, ko: "카드?"}
            """;

    private static void refused(String yaml, int line, String problem) {
        assertThatThrownBy(() -> FlowLoader.flow(FILE, yaml, Flows.DICTIONARY, Flows.FEES))
                .isInstanceOf(FlowException.class)
                .hasMessageStartingWith(FILE + " " + line + "行目: ")
                .hasMessageContaining(problem);
    }

    @Test
    void aValidFileLoads() {
        FlowLoader.flow(FILE, HEAD + """
                outcomes:
                  - id: a
                    department: koseki-jumin
                    procedure: tennyu
                    title: {ja: あ, ja-yasashii: あ, en: A, zh: A, ko: A}
                    when: {card: yes}
                """, Flows.DICTIONARY, Flows.FEES);
    }

    @Test
    void aMisspeltKeyIsNamed() {
        refused(HEAD + """
                outcomes:
                  - id: a
                    department: koseki-jumin
                    title: {ja: あ, ja-yasashii: あ, en: A, zh: A, ko: A}
                    wehn: {card: yes}
                """, 13, "「wehn」は使えない項目です");
    }

    @Test
    void anAnswerThatDoesNotExist() {
        refused(HEAD + """
                outcomes:
                  - id: a
                    department: koseki-jumin
                    title: {ja: あ, ja-yasashii: あ, en: A, zh: A, ko: A}
                    when: {card: maybe}
                """, 13, "質問「card」に「maybe」という答えはありません");
    }

    @Test
    void aConditionOnAnUnknownQuestion() {
        refused(HEAD + """
                outcomes:
                  - id: a
                    department: koseki-jumin
                    title: {ja: あ, ja-yasashii: あ, en: A, zh: A, ko: A}
                    when: {children: ">=1"}
                """, 13, "条件の質問「children」がありません");
    }

    @Test
    void aMissingTranslation() {
        refused(HEAD + """
                  - id: more
                    type: yesno
                    text: {ja: もう一つ, en: One more}
                outcomes: []
                """, 11, "訳がありません: ja-yasashii, zh, ko");
    }

    @Test
    void anUnknownThingToBring() {
        refused(HEAD + """
                outcomes:
                  - id: a
                    department: koseki-jumin
                    title: {ja: あ, ja-yasashii: あ, en: A, zh: A, ko: A}
                    bring: [honnin-kakunin, umbrella]
                """, 13, "持ち物「umbrella」は navigator/common.yaml の bring にありません");
    }

    @Test
    void anUnknownFee() {
        refused(HEAD + """
                outcomes:
                  - id: a
                    department: koseki-jumin
                    title: {ja: あ, ja-yasashii: あ, en: A, zh: A, ko: A}
                    fees: [juminhyo, passport]
                """, 13, "手数料「passport」は navigator/fees.yaml にありません");
    }

    @Test
    void brokenYamlSyntax() {
        refused(HEAD + """
                outcomes:
                  - id: a
                    title: {ja: あ, en: [unclosed
                """, 12, "YAML として読めません");
    }

    @Test
    void aProcedureWithoutItsDepartment() {
        refused(HEAD + """
                outcomes:
                  - id: a
                    procedure: tennyu
                    title: {ja: あ, ja-yasashii: あ, en: A, zh: A, ko: A}
                """, 11, "department（受付する課）も書いてください");
    }

    @Test
    void theIdMustMatchTheFileName() {
        refused(HEAD.replace("id: sample", "id: other") + "outcomes: []\n", 2, "ファイル名（sample）と同じ");
    }

    @Test
    void aQuestionIdTheScreensUse() {
        refused(HEAD.replace("- id: card", "- id: lang") + "outcomes: []\n", 6, "画面で使うため使えません");
    }
}
