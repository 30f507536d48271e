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

    // ------------------------------------------------------------------ date questions

    private static final String DATE = """
              - id: day
                type: date
                text: {ja: いつですか。, ja-yasashii: いつですか。, en: "When?", zh: 什么时候？, ko: "언제입니까?"}
            """;

    @Test
    void aDateQuestionWithDeadlineLoads() {
        var flow = FlowLoader.flow(FILE, HEAD + DATE + """
                    optional: true
                    min: -365
                    max: 30
                outcomes:
                  - id: a
                    department: koseki-jumin
                    procedure: tennyu
                    title: {ja: あ, ja-yasashii: あ, en: A, zh: A, ko: A}
                    due: {from: day, days: 14, kind: application, first-day: true, not-before: true}
                """, Flows.DICTIONARY, Flows.FEES);
        var q = flow.question("day").orElseThrow();
        org.assertj.core.api.Assertions.assertThat(q.optional()).isTrue();
        org.assertj.core.api.Assertions.assertThat(q.minDays()).isEqualTo(-365);
        org.assertj.core.api.Assertions.assertThat(flow.outcomes().get(0).due().firstDay()).isTrue();
    }

    @Test
    void aDateQuestionNeedsItsBounds() {
        refused(HEAD + DATE + "outcomes: []\n", 9, "min と max");
    }

    @Test
    void aDateQuestionsBoundsMustBeInOrder() {
        refused(HEAD + DATE + """
                    min: 10
                    max: -10
                outcomes: []
                """, 12, "min（10）は max（-10）以下");
    }

    @Test
    void aDateQuestionHasNoOptions() {
        refused(HEAD + DATE + """
                    min: -10
                    max: 0
                    options: [a, b]
                outcomes: []
                """, 14, "date の質問に options は書けません");
    }

    @Test
    void optionalOnlyForDates() {
        refused(HEAD.replace("    type: yesno\n", "    type: yesno\n    optional: true\n") + "outcomes: []\n", 8,
                "「optional」は date の質問にだけ書けます");
    }

    @Test
    void aDeadlineMustCountFromADateQuestion() {
        refused(HEAD + DATE + """
                    min: -10
                    max: 0
                outcomes:
                  - id: a
                    department: koseki-jumin
                    title: {ja: あ, ja-yasashii: あ, en: A, zh: A, ko: A}
                    due: {from: card, days: 14}
                """, 18, "date の質問の id にしてください（card は yesno の質問です）");
    }

    @Test
    void aDeadlineWithAMisspeltKey() {
        refused(HEAD + DATE + """
                    min: -10
                    max: 0
                outcomes:
                  - id: a
                    department: koseki-jumin
                    title: {ja: あ, ja-yasashii: あ, en: A, zh: A, ko: A}
                    due: {from: day, dayz: 14}
                """, 18, "「dayz」は使えない項目です");
    }

    @Test
    void aDateIsNotACondition() {
        refused(HEAD + DATE + """
                    min: -10
                    max: 0
                outcomes:
                  - id: a
                    department: koseki-jumin
                    title: {ja: あ, ja-yasashii: あ, en: A, zh: A, ko: A}
                    when: {day: "2026-11-23"}
                """, 18, "日付の質問「day」は条件に使えません");
    }
}
