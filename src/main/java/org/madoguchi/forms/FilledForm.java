package org.madoguchi.forms;

import java.util.List;
import java.util.Map;

/**
 * One form with its entries. {@code fields} uses the keys of {@link FormFields}; {@code members} are the
 * other household members who move together (住民異動届 only), each with NAME, KANA, BIRTH_DATE, SEX and
 * RELATIONSHIP.
 */
public record FilledForm(FormKind kind, Map<String, String> fields, List<Map<String, String>> members) {

    public FilledForm {
        fields = Map.copyOf(fields);
        members = members.stream().map(Map::copyOf).toList();
    }
}
