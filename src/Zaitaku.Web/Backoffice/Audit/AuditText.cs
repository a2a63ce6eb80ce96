using Zaitaku.Core.Dates;

namespace Zaitaku.Web.Backoffice;

/// <summary>How the audit trail reads to the secretariat.</summary>
public static class AuditText
{
    public static readonly IReadOnlyDictionary<string, string> Actions = new Dictionary<string, string>
    {
        ["account.install"] = "管理者の登録（初期設定）",
        ["account.login"] = "ログイン",
        ["account.login-failed"] = "ログイン失敗",
        ["account.lockout"] = "アカウントのロック",
        ["account.logout"] = "ログアウト",
        ["account.2fa-enabled"] = "二要素認証を有効化",
        ["account.2fa-disabled"] = "二要素認証を無効化",
        ["account.2fa-disable-refused"] = "二要素認証の無効化を拒否（確認の失敗）",
        ["account.2fa-required"] = "二要素認証の必須設定",
        ["account.password-changed"] = "パスワードの変更",
        ["user.create"] = "ユーザーの登録",
        ["user.unlock"] = "ロックの解除",
        ["user.update"] = "ユーザーの設定変更",
        ["user.delete"] = "ユーザーの削除",
        ["user.password-reset"] = "パスワードの再設定（管理者）",
        ["content.save"] = "下書きの保存",
        ["content.submit"] = "確認の依頼",
        ["content.return"] = "差し戻し",
        ["content.publish"] = "公開",
        ["content.conflict"] = "保存の衝突（保存せず）",
        ["content.rollback"] = "前の版に戻す",
        ["content.preview-revoked"] = "プレビューのリンクの取り消し",
        ["content.schedule"] = "予約の設定",
        ["content.scheduled-publish"] = "予約による公開",
        ["content.scheduled-unpublish"] = "予約による公開終了",
        ["content.create"] = "ページの作成",
        ["content.move"] = "ページの移動",
        ["content.sort"] = "並べ替え",
        ["content.trash"] = "ごみ箱へ移動",
        ["content.restore"] = "ごみ箱から戻す",
        ["content.destroy"] = "完全に削除",
        ["content.url-changed"] = "URLの変更",
        ["redirect.delete"] = "転送の削除",
        ["media.upload"] = "メディアの登録",
        ["media.refused"] = "メディアの登録を拒否",
        ["media.save"] = "メディアの保存",
        ["media.replace"] = "メディアのファイルの置き換え",
        ["media.folder"] = "メディアのフォルダー作成",
        ["media.trash"] = "メディアをごみ箱へ",
        ["media.restore"] = "メディアをごみ箱から戻す",
        ["media.destroy"] = "メディアを完全に削除",
        ["column.slot-added"] = "コラムの号を追加",
        ["column.slot-moved"] = "コラムの号の担当を変更",
        ["column.reminder"] = "締切のお知らせを送信",
        ["search.rebuild"] = "検索インデックスの再構築",
        ["delivery.key-created"] = "プレビュー用 API キーの発行",
        ["delivery.key-revoked"] = "プレビュー用 API キーの取り消し",
        ["search.synonyms"] = "検索の同義語の変更",
        ["reading.dictionary"] = "読みの辞書の変更",
        ["forms.create"] = "フォームの作成",
        ["forms.design"] = "フォームの編集",
        ["forms.delete"] = "フォームの削除",
        ["forms.entries.list"] = "受付の一覧を表示",
        ["forms.entry.view"] = "受付の内容を表示",
        ["forms.entries.export"] = "受付を CSV で書き出し",
        ["forms.entry.handled"] = "受付を対応済みに",
        ["forms.entry.unhandled"] = "受付を未対応に戻す",
        ["forms.entry.cancel"] = "申し込みの取り消し",
        ["forms.entry.delete"] = "受付の削除",
        ["forms.retention"] = "保存期間を過ぎた受付の自動削除",
    };

    public static string Action(string action) => Actions.GetValueOrDefault(action, action);

    /// <summary>「令和8年（2026年）11月24日 13:45」 in Japan time.</summary>
    public static string When(DateTime utc) =>
        $"{JapaneseDates.FormatUtc(utc)} {JapaneseDates.ToJapanTime(utc):HH:mm}";
}
