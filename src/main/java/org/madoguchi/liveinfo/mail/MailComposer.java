package org.madoguchi.liveinfo.mail;

/**
 * The text of a notice: plain, Japanese, short enough for a phone's lock screen in the subject, and with
 * the two links a visitor needs. Mails are Japanese only; the ticket page they link to has the languages.
 */
final class MailComposer {

    record Composed(String subject, String body) {
    }

    private MailComposer() {
    }

    /** The confirmation code of a registration; a line in English too, as the code is all it asks for. */
    static Composed confirmation(String officeNameJa, String code, long validMinutes) {
        String prefix = officeNameJa == null || officeNameJa.isBlank() ? "" : "【" + officeNameJa + "】";
        String body = (officeNameJa == null ? "" : officeNameJa + " ") + "窓口の呼出通知のメールアドレス確認です。\n\n"
                + "確認コード: " + code + "\n\n"
                + "受付票のメール通知のページで、" + validMinutes + "分以内にこの6桁の数字を入力してください。\n"
                + "入力が済むまで、呼出のお知らせはお送りしません。\n\n"
                + "Confirmation code: " + code + " (enter it on your ticket's mail page within " + validMinutes
                + " minutes)\n\n"
                + "――――――――――――――――\n"
                + "心当たりのない場合は、このメールを破棄してください。確認されないメールアドレスには何も届かず、"
                + "本日の業務終了後に削除します。\n"
                + "このメールは送信専用です。返信いただいてもお答えできません。\n";
        return new Composed(prefix + "メールアドレスの確認コード " + code, body);
    }

    static Composed compose(MailStore.OutboxItem item, String officeNameJa, String ticketUrl, String unsubscribeUrl) {
        String prefix = officeNameJa == null || officeNameJa.isBlank() ? "" : "【" + officeNameJa + "】";
        String number = "受付番号 " + item.ticketNumber() + " 番";
        String where = item.departmentNameJa() + (item.placeJa() == null || item.placeJa().isBlank()
                ? "" : "（" + item.placeJa() + "）");
        String subject;
        StringBuilder body = new StringBuilder();
        body.append(officeNameJa == null ? "" : officeNameJa + " ").append("窓口の呼出のお知らせです。\n\n");
        body.append(number).append("\n").append(where).append("\n\n");
        if (item.kind() == NotifyLevel.CALLED) {
            String counter = item.counterLabelJa() == null ? "窓口" : item.counterLabelJa();
            subject = prefix + number + "をお呼びしています（" + counter + "）";
            body.append("お待たせしました。受付番号 ").append(item.ticketNumber()).append(" 番のお客様、")
                    .append(counter).append("へお越しください。\n");
        } else if (item.ahead() == null) {
            subject = prefix + number + "の順番が来ました";
            body.append("順番が来ました。呼出表示をご確認のうえ、窓口へお越しください。\n");
        } else if (item.ahead() == 0) {
            subject = prefix + number + "は次にお呼びします";
            body.append("次にお呼びします。").append(item.departmentNameJa()).append("の近くでお待ちください。\n");
        } else {
            subject = prefix + number + "まで、あと " + item.ahead() + " 人です";
            body.append("あなたの前にお待ちの方は ").append(item.ahead()).append(" 人です。\n")
                    .append("まもなくお呼びしますので、").append(item.departmentNameJa()).append("の近くにお戻りください。\n");
        }
        body.append("\n最新の状況は次のページで確認できます。\n").append(ticketUrl).append("\n\n");
        body.append("――――――――――――――――\n");
        body.append("このメールは、受付票のページで呼出通知を登録された方にお送りしています。\n");
        body.append("通知を止めるには、次のページを開いて「通知を停止する」を押してください。\n")
                .append(unsubscribeUrl).append("\n");
        body.append("ご登録のメールアドレスは、本日の業務終了後に削除します。\n");
        body.append("このメールは送信専用です。返信いただいてもお答えできません。\n");
        return new Composed(subject, body.toString());
    }
}
