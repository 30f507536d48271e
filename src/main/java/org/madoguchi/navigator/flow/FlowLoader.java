package org.madoguchi.navigator.flow;

import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads flow, dictionary and fee files. It walks SnakeYAML's node tree rather than binding objects so every
 * problem is reported with the file and line a reviewer has to look at; unknown keys are errors too, since a
 * misspelt {@code when} would silently show a procedure to everyone.
 */
public final class FlowLoader {

    private static final Set<String> RESERVED = Set.of("at", "from", "lang", "office", "back");
    private static final String ID = "[a-z][a-z0-9-]{0,39}";

    private final String file;

    private FlowLoader(String file) {
        this.file = file;
    }

    // ------------------------------------------------------------------ entry points

    public static Flow flow(String file, String yaml, Dictionary dictionary, FeeTable fees) {
        return new FlowLoader(file).readFlow(yaml, dictionary, fees);
    }

    public static Dictionary dictionary(String file, String yaml) {
        FlowLoader l = new FlowLoader(file);
        MappingNode root = l.root(yaml);
        Map<String, Node> top = l.fields(root, Set.of("version", "bring", "alternatives"), Set.of("version", "bring", "alternatives"));
        Map<String, Text> bring = new LinkedHashMap<>();
        for (NodeTuple t : l.mapping(top.get("bring")).getValue()) {
            bring.put(l.id(t.getKeyNode()), l.text(t.getValueNode(), false));
        }
        Map<String, Dictionary.Alternative> alternatives = new LinkedHashMap<>();
        for (NodeTuple t : l.mapping(top.get("alternatives")).getValue()) {
            String id = l.id(t.getKeyNode());
            Map<String, Node> f = l.fields(l.mapping(t.getValueNode()), Set.of("title", "text", "channel", "confirm"),
                    Set.of("title", "text"));
            String channel = f.containsKey("channel") ? l.scalar(f.get("channel")) : null;
            if (channel != null && !FeeTable.CHANNELS.contains(channel)) {
                throw l.error(f.get("channel"), "channel は " + FeeTable.CHANNELS + " のどれかにしてください（「" + channel + "」）。");
            }
            alternatives.put(id, new Dictionary.Alternative(id, l.text(f.get("title"), true), l.text(f.get("text"), false),
                    channel, f.containsKey("confirm") && l.bool(f.get("confirm"))));
        }
        return new Dictionary(bring, alternatives);
    }

    public static FeeTable fees(String file, String yaml) {
        FlowLoader l = new FlowLoader(file);
        Map<String, Node> top = l.fields(l.root(yaml), Set.of("version", "source", "fees"), Set.of("version", "source", "fees"));
        Map<String, FeeTable.Fee> fees = new LinkedHashMap<>();
        for (NodeTuple t : l.mapping(top.get("fees")).getValue()) {
            String id = l.id(t.getKeyNode());
            Map<String, Node> f = l.fields(l.mapping(t.getValueNode()),
                    Set.of("title", "convenience", "counter", "mail", "online"),
                    Set.of("title", "convenience", "counter", "mail", "online"));
            fees.put(id, new FeeTable.Fee(id, l.text(f.get("title"), true), l.yen(f.get("convenience")),
                    l.yen(f.get("counter")), l.yen(f.get("mail")), l.yen(f.get("online"))));
        }
        return new FeeTable(l.scalar(top.get("source")), fees);
    }

    // ------------------------------------------------------------------ flows

    private Flow readFlow(String yaml, Dictionary dictionary, FeeTable fees) {
        MappingNode root = root(yaml);
        Map<String, Node> top = fields(root, Set.of("version", "id", "group", "order", "title", "lead", "questions", "outcomes"),
                Set.of("version", "id", "group", "title", "questions", "outcomes"));
        int version = integer(top.get("version"));
        String id = id(top.get("id"));
        String expected = file.substring(file.lastIndexOf('/') + 1).replaceFirst("\\.ya?ml$", "");
        if (!id.equals(expected)) {
            throw error(top.get("id"), "id「" + id + "」はファイル名（" + expected + "）と同じにしてください。");
        }
        Flow.Group group = switch (scalar(top.get("group"))) {
            case "life-event" -> Flow.Group.LIFE_EVENT;
            case "certificate" -> Flow.Group.CERTIFICATE;
            default -> throw error(top.get("group"), "group は life-event か certificate にしてください。");
        };
        int order = top.containsKey("order") ? integer(top.get("order")) : 100;
        Text title = text(top.get("title"), true);
        Text lead = top.containsKey("lead") ? text(top.get("lead"), true) : null;

        List<Question> questions = new ArrayList<>();
        Map<String, Question> byId = new LinkedHashMap<>();
        for (Node node : sequence(top.get("questions")).getValue()) {
            Question q = question(node, byId);
            if (byId.put(q.id(), q) != null) {
                throw error(node, "質問 id「" + q.id() + "」が重複しています。");
            }
            questions.add(q);
        }
        if (questions.isEmpty()) {
            throw error(top.get("questions"), "質問が 1 つもありません。");
        }
        List<OutcomeItem> outcomes = new ArrayList<>();
        Set<String> outcomeIds = new HashSet<>();
        for (Node node : sequence(top.get("outcomes")).getValue()) {
            OutcomeItem item = outcome(node, byId, dictionary, fees);
            if (!outcomeIds.add(item.id())) {
                throw error(node, "結果 id「" + item.id() + "」が重複しています。");
            }
            outcomes.add(item);
        }
        return new Flow(id, version, group, order, title, lead, List.copyOf(questions), List.copyOf(outcomes), file);
    }

    private Question question(Node node, Map<String, Question> earlier) {
        Map<String, Node> f = fields(mapping(node), Set.of("id", "type", "text", "hint", "options", "max", "when", "unless", "optional", "min"),
                Set.of("id", "type", "text"));
        String id = id(f.get("id"));
        if (RESERVED.contains(id)) {
            throw error(f.get("id"), "質問 id「" + id + "」は画面で使うため使えません（" + RESERVED + "）。");
        }
        Question.Type type = switch (scalar(f.get("type"))) {
            case "single" -> Question.Type.SINGLE;
            case "yesno" -> Question.Type.YESNO;
            case "multi" -> Question.Type.MULTI;
            case "count" -> Question.Type.COUNT;
            case "date" -> Question.Type.DATE;
            default -> throw error(f.get("type"), "type は single, yesno, multi, count, date のどれかにしてください。");
        };
        if (type != Question.Type.DATE) {
            for (String key : List.of("optional", "min")) {
                if (f.containsKey(key)) {
                    throw error(f.get(key), "「" + key + "」は date の質問にだけ書けます。");
                }
            }
        }
        boolean optional = false;
        int minDays = 0;
        int maxDays = 0;
        List<Question.Option> options = new ArrayList<>();
        int max = 0;
        switch (type) {
            case SINGLE, MULTI -> {
                if (!f.containsKey("options")) {
                    throw error(node, "options がありません（" + scalar(f.get("type")) + " の質問には選択肢が必要です）。");
                }
                Set<String> values = new HashSet<>();
                for (Node o : sequence(f.get("options")).getValue()) {
                    Map<String, Node> of = fields(mapping(o), Set.of("value", "text"), Set.of("value", "text"));
                    String value = id(of.get("value"));
                    if (!values.add(value)) {
                        throw error(o, "選択肢「" + value + "」が重複しています。");
                    }
                    options.add(new Question.Option(value, text(of.get("text"), true)));
                }
                if (options.size() < 2) {
                    throw error(f.get("options"), "選択肢は 2 つ以上にしてください。");
                }
                if (type == Question.Type.MULTI && options.size() > 6) {
                    throw error(f.get("options"), "複数選択の選択肢は 6 つまでにしてください（組合せの確認のため）。");
                }
            }
            case YESNO -> {
                if (f.containsKey("options")) {
                    throw error(f.get("options"), "yesno の質問に options は書けません（はい/いいえ は自動です）。");
                }
                options.add(new Question.Option("yes", null));
                options.add(new Question.Option("no", null));
            }
            case COUNT -> {
                if (!f.containsKey("max")) {
                    throw error(node, "count の質問には max（最後の選択肢「○以上」の数）が必要です。");
                }
                max = integer(f.get("max"));
                if (max < 1 || max > 9) {
                    throw error(f.get("max"), "max は 1〜9 にしてください。");
                }
                for (int i = 0; i <= max; i++) {
                    options.add(new Question.Option(String.valueOf(i), null));
                }
            }
            case DATE -> {
                if (f.containsKey("options")) {
                    throw error(f.get("options"), "date の質問に options は書けません（「わからない」は optional: true で出ます）。");
                }
                if (!f.containsKey("min") || !f.containsKey("max")) {
                    throw error(node, "date の質問には min と max（今日から何日前・何日後までの日付を受け付けるか。例: min: -365, max: 0）が必要です。");
                }
                minDays = integer(f.get("min"));
                maxDays = integer(f.get("max"));
                if (minDays > maxDays) {
                    throw error(f.get("min"), "min（" + minDays + "）は max（" + maxDays + "）以下にしてください。");
                }
                if (minDays < -36600 || maxDays > 3660) {
                    throw error(f.get("min"), "min・max は今日からの日数です（min は -36600 以上、max は 3660 以下）。");
                }
                optional = f.containsKey("optional") && bool(f.get("optional"));
                if (optional) {
                    options.add(new Question.Option(Question.UNKNOWN, null));
                }
            }
        }
        Condition when = f.containsKey("when") ? condition(f.get("when"), earlier) : Condition.ALWAYS;
        Condition unless = f.containsKey("unless") ? condition(f.get("unless"), earlier) : Condition.ALWAYS;
        Text hint = f.containsKey("hint") ? text(f.get("hint"), false) : null;
        return new Question(id, type, text(f.get("text"), true), hint, List.copyOf(options), max, when, unless,
                optional, minDays, maxDays, line(node));
    }

    private OutcomeItem outcome(Node node, Map<String, Question> questions, Dictionary dictionary, FeeTable fees) {
        Map<String, Node> f = fields(mapping(node), Set.of("id", "department", "procedure", "title", "where", "deadline",
                "bring", "fees", "alternatives", "note", "confirm", "due", "when", "unless"), Set.of("id", "title"));
        String id = id(f.get("id"));
        String department = f.containsKey("department") ? id(f.get("department")) : null;
        String procedure = f.containsKey("procedure") ? id(f.get("procedure")) : null;
        if (procedure != null && department == null) {
            throw error(f.get("procedure"), "procedure を書くときは department（受付する課）も書いてください。");
        }
        if (department == null && !f.containsKey("where")) {
            throw error(node, "区役所の窓口でない手続には where（どこで手続するか）を書いてください。");
        }
        List<String> bring = ids(f.get("bring"));
        for (int i = 0; i < bring.size(); i++) {
            if (!dictionary.bring().containsKey(bring.get(i))) {
                throw error(sequence(f.get("bring")).getValue().get(i),
                        "持ち物「" + bring.get(i) + "」は navigator/common.yaml の bring にありません。");
            }
        }
        List<String> feeIds = ids(f.get("fees"));
        for (int i = 0; i < feeIds.size(); i++) {
            if (fees.fee(feeIds.get(i)).isEmpty()) {
                throw error(sequence(f.get("fees")).getValue().get(i),
                        "手数料「" + feeIds.get(i) + "」は navigator/fees.yaml にありません。");
            }
        }
        List<String> alternatives = ids(f.get("alternatives"));
        for (int i = 0; i < alternatives.size(); i++) {
            if (!dictionary.alternatives().containsKey(alternatives.get(i))) {
                throw error(sequence(f.get("alternatives")).getValue().get(i),
                        "代わりの方法「" + alternatives.get(i) + "」は navigator/common.yaml の alternatives にありません。");
            }
        }
        return new OutcomeItem(id, department, procedure, text(f.get("title"), true),
                f.containsKey("where") ? text(f.get("where"), false) : null,
                f.containsKey("deadline") ? text(f.get("deadline"), false) : null,
                bring, feeIds, alternatives, f.containsKey("note") ? text(f.get("note"), false) : null,
                f.containsKey("confirm") && bool(f.get("confirm")),
                f.containsKey("due") ? due(f.get("due"), questions) : null,
                f.containsKey("when") ? condition(f.get("when"), questions) : Condition.ALWAYS,
                f.containsKey("unless") ? condition(f.get("unless"), questions) : Condition.ALWAYS, line(node));
    }

    private Due due(Node node, Map<String, Question> questions) {
        Map<String, Node> f = fields(mapping(node), Set.of("from", "days", "kind", "first-day", "not-before"),
                Set.of("from", "days"));
        String from = scalar(f.get("from"));
        Question q = questions.get(from);
        if (q == null || !q.date()) {
            throw error(f.get("from"), "期限の起算日「" + from + "」は date の質問の id にしてください"
                    + (q == null ? "（その質問がありません）。" : "（" + from + " は " + q.type().name().toLowerCase() + " の質問です）。"));
        }
        int days = integer(f.get("days"));
        if (days < 1 || days > 3660) {
            throw error(f.get("days"), "days は 1〜3660 にしてください。");
        }
        Due.Kind kind = Due.Kind.NOTIFICATION;
        if (f.containsKey("kind")) {
            kind = switch (scalar(f.get("kind"))) {
                case "notification" -> Due.Kind.NOTIFICATION;
                case "application" -> Due.Kind.APPLICATION;
                default -> throw error(f.get("kind"), "kind は notification（届出）か application（申請）にしてください。");
            };
        }
        return new Due(from, days, kind, f.containsKey("first-day") && bool(f.get("first-day")),
                f.containsKey("not-before") && bool(f.get("not-before")), line(node));
    }

    private Condition condition(Node node, Map<String, Question> questions) {
        Map<String, List<String>> required = new LinkedHashMap<>();
        for (NodeTuple t : mapping(node).getValue()) {
            String questionId = scalar(t.getKeyNode());
            Question q = questions.get(questionId);
            if (q == null) {
                throw error(t.getKeyNode(), "条件の質問「" + questionId + "」がありません（条件に使えるのは、それより前の質問だけです）。");
            }
            if (q.date()) {
                throw error(t.getKeyNode(), "日付の質問「" + questionId + "」は条件に使えません（期限は due: で計算します）。");
            }
            List<String> values = new ArrayList<>();
            List<Node> valueNodes = t.getValueNode() instanceof SequenceNode s ? s.getValue() : List.of(t.getValueNode());
            for (Node v : valueNodes) {
                String value = scalar(v);
                boolean ok = q.type() == Question.Type.COUNT
                        ? Condition.isComparison(value) || q.values().contains(value)
                        : q.values().contains(value);
                if (!ok) {
                    throw error(v, "質問「" + questionId + "」に「" + value + "」という答えはありません（" + q.values()
                            + (q.type() == Question.Type.COUNT ? " または >=n, <=n" : "") + "）。");
                }
                values.add(value);
            }
            required.put(questionId, List.copyOf(values));
        }
        return new Condition(required);
    }

    // ------------------------------------------------------------------ node helpers

    private MappingNode root(String yaml) {
        Node node;
        try (Reader reader = new StringReader(yaml)) {
            node = new Yaml(new SafeConstructor(new LoaderOptions())).compose(reader);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 1;
            String hint = e.getContext() != null && e.getContext().contains("flow")
                    ? "（{ } や [ ] の中の文に ? , : などを含めるときは \"…\" で囲んでください）" : "";
            throw new FlowException(file, line, "YAML として読めません: " + e.getProblem() + hint);
        } catch (java.io.IOException e) {
            throw new FlowException(file, 1, "読めません: " + e.getMessage());
        }
        if (!(node instanceof MappingNode m)) {
            throw new FlowException(file, 1, "ファイルが空か、先頭が「キー: 値」の形ではありません。");
        }
        return m;
    }

    private Map<String, Node> fields(MappingNode node, Set<String> allowed, Set<String> required) {
        Map<String, Node> fields = new LinkedHashMap<>();
        for (NodeTuple t : node.getValue()) {
            String key = scalar(t.getKeyNode());
            if (!allowed.contains(key)) {
                throw error(t.getKeyNode(), "「" + key + "」は使えない項目です（使える項目: " + String.join(", ", allowed) + "）。");
            }
            if (fields.put(key, t.getValueNode()) != null) {
                throw error(t.getKeyNode(), "「" + key + "」が 2 回書かれています。");
            }
        }
        for (String key : required) {
            if (!fields.containsKey(key)) {
                throw error(node, "「" + key + "」がありません。");
            }
        }
        return fields;
    }

    private Text text(Node node, boolean allLanguages) {
        Map<String, String> values = new LinkedHashMap<>();
        if (node instanceof ScalarNode s) {
            values.put("ja", s.getValue());
        } else {
            for (NodeTuple t : mapping(node).getValue()) {
                String language = scalar(t.getKeyNode());
                if (!Text.LANGUAGES.contains(language)) {
                    throw error(t.getKeyNode(), "言語「" + language + "」は使えません（" + Text.LANGUAGES + "）。");
                }
                String value = scalar(t.getValueNode());
                if (value.isBlank()) {
                    throw error(t.getValueNode(), "「" + language + "」の文が空です。");
                }
                values.put(language, value.strip());
            }
        }
        if (!values.containsKey("ja")) {
            throw error(node, "日本語（ja）の文がありません。");
        }
        if (allLanguages) {
            List<String> missing = Text.LANGUAGES.stream().filter(l -> !values.containsKey(l)).toList();
            if (!missing.isEmpty()) {
                throw error(node, "訳がありません: " + String.join(", ", missing) + "（質問・選択肢・結果の見出しは全言語が必要です）。");
            }
        }
        return new Text(values);
    }

    private List<String> ids(Node node) {
        if (node == null) {
            return List.of();
        }
        return sequence(node).getValue().stream().map(this::id).toList();
    }

    private String id(Node node) {
        String value = scalar(node);
        if (!value.matches(ID)) {
            throw error(node, "「" + value + "」は id に使えません（英小文字・数字・ハイフン、40 文字まで）。");
        }
        return value;
    }

    private int integer(Node node) {
        try {
            return Integer.parseInt(scalar(node));
        } catch (NumberFormatException e) {
            throw error(node, "整数を書いてください（「" + scalar(node) + "」）。");
        }
    }

    /** A fee in yen; {@code null} or {@code ―} means the channel does not offer it. */
    private Integer yen(Node node) {
        String value = scalar(node);
        if (value.equals("null") || value.equals("―") || value.equals("~") || value.isEmpty()) {
            return null;
        }
        int yen = integer(node);
        if (yen < 0) {
            throw error(node, "手数料は 0 以上にしてください。");
        }
        return yen;
    }

    private boolean bool(Node node) {
        return switch (scalar(node)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw error(node, "true か false を書いてください。");
        };
    }

    private String scalar(Node node) {
        if (!(node instanceof ScalarNode s)) {
            throw error(node, "ここには値を 1 つ書いてください。");
        }
        return s.getValue();
    }

    private MappingNode mapping(Node node) {
        if (!(node instanceof MappingNode m)) {
            throw error(node, "ここには「キー: 値」の形で書いてください。");
        }
        return m;
    }

    private SequenceNode sequence(Node node) {
        if (!(node instanceof SequenceNode s)) {
            throw error(node, "ここには「- 」で始まるリストを書いてください。");
        }
        return s;
    }

    private static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    private FlowException error(Node node, String problem) {
        return new FlowException(file, line(node), problem);
    }
}
