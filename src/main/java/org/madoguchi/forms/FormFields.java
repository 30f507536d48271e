package org.madoguchi.forms;

/**
 * Keys of {@link FilledForm#fields()} and of each household member. Values are already validated and
 * normalised by whoever fills the form (pre-entry or counter staff): dates ISO {@code yyyy-MM-dd} (the form
 * prints them in 和暦), フリガナ in full-width katakana, postal codes as {@code 123-4567}. A blank or missing
 * value leaves the box empty for the resident to write by hand.
 */
public final class FormFields {

    private FormFields() {
    }

    // The applicant (届出人・申請者); on a certificate request also the person the certificate is about.
    public static final String NAME = "name";                       // 氏名
    public static final String KANA = "kana";                       // フリガナ
    public static final String BIRTH_DATE = "birthDate";            // 生年月日
    public static final String SEX = "sex";                         // 性別: "male" | "female" | blank
    public static final String POSTAL_CODE = "postalCode";          // 郵便番号 (current / new address)
    public static final String ADDRESS = "address";                 // 住所 (normalised 丁目・番地・号)
    public static final String PHONE = "phone";                     // 電話番号
    public static final String HOUSEHOLDER = "householder";         // 世帯主 氏名
    public static final String RELATIONSHIP = "relationship";       // 続柄 (to the householder)

    // 住民異動届
    public static final String MOVE_TYPE = "moveType";              // "tennyu" | "tenshutsu" | "tenkyo"
    public static final String MOVE_DATE = "moveDate";              // 異動日 (planned for 転出)
    public static final String PREVIOUS_POSTAL_CODE = "previousPostalCode";
    public static final String PREVIOUS_ADDRESS = "previousAddress"; // 前住所
    public static final String PREVIOUS_HOUSEHOLDER = "previousHouseholder"; // 前住所の世帯主

    // Certificate requests
    public static final String COPIES = "copies";                   // 必要通数 (a number)
    public static final String PURPOSE = "purpose";                 // 使用目的・提出先
    public static final String CERTIFICATE_TYPE = "certificateType"; // e.g. 戸籍謄本 / 戸籍抄本 / 課税証明書 / 納税証明書
    public static final String REGISTERED_DOMICILE = "registeredDomicile"; // 本籍
    public static final String HEAD_OF_REGISTER = "headOfRegister"; // 筆頭者
    public static final String TAX_YEAR = "taxYear";                // 年度 (e.g. "2026")

    // 住民票の写し: whether the copy shows 本籍・筆頭者 and 続柄 ("yes" | "no"; blank leaves the box for the
    // resident to tick by hand). Both are omitted unless asked for.
    public static final String RECORD_DOMICILE = "recordDomicile";
    public static final String RECORD_RELATIONSHIP = "recordRelationship";
    // Whether the 住民票 shows the 個人番号 (マイナンバー) and the 住民票コード ("yes" | "no" | blank), nothing more:
    // the numbers themselves are never asked for, read or stored.
    public static final String RECORD_INDIVIDUAL_NUMBER = "recordIndividualNumber";
    public static final String RECORD_RESIDENT_CODE = "recordResidentCode";

    // Values of CERTIFICATE_TYPE the forms recognise (several may be joined with "、"; each may carry its own
    // number of copies as "戸籍謄本×2"; anything else is printed under その他 as typed).
    public static final String TYPE_WHOLE_HOUSEHOLD = "世帯全員";          // 住民票の写し
    public static final String TYPE_PART_OF_HOUSEHOLD = "世帯の一部";      // 住民票の写し
    public static final String TYPE_RECORD_CERTIFICATE = "住民票記載事項証明書";
    public static final String TYPE_KOSEKI_TOHON = "戸籍謄本";             // 全部事項証明書
    public static final String TYPE_KOSEKI_SHOHON = "戸籍抄本";            // 個人事項証明書
    public static final String TYPE_JOSEKI = "除籍謄本";
    public static final String TYPE_KAISEI_GENKOSEKI = "改製原戸籍謄本";
    public static final String TYPE_FUHYO = "戸籍の附票の写し";
    public static final String TYPE_IDENTITY = "身分証明書";
    public static final String TYPE_TAXATION = "課税証明書";
    public static final String TYPE_NON_TAXATION = "非課税証明書";
    public static final String TYPE_TAX_PAYMENT = "納税証明書";
}
