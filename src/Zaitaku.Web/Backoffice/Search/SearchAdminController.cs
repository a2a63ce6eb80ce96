using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Zaitaku.Infrastructure.Search;
using Zaitaku.Web.Backoffice.Accounts;
using Zaitaku.Web.Backoffice.Audit;
using Zaitaku.Web.Site.Search;

namespace Zaitaku.Web.Backoffice.Search;

/// <summary>The secretariat's side of site search: the synonym list, and a rebuild of the index.</summary>
[Route("umbraco/search")]
[Authorize(Policy = BackofficeSetup.AdministratorsPolicy)]
public sealed class SearchAdminController(
    SearchIndex index, SearchIndexer indexer, SynonymStore synonyms, AuditTrail audit,
    Zaitaku.Core.Notifications.INotificationPublisher notifications) : BackofficeController
{
    /// <summary>A rebuild of a site this size takes well under this; a longer one finishes in the background.</summary>
    private static readonly TimeSpan RebuildWait = TimeSpan.FromSeconds(20);

    public sealed class SynonymForm
    {
        [Display(Name = "同義語の一覧")]
        [Required(ErrorMessage = "同義語の一覧を入力してください。")]
        public string? Synonyms { get; set; }
    }

    public sealed record SearchAdminModel(
        SynonymForm Form, bool Ready, bool Rebuilding, int Documents, SearchIndexer.RebuildReport? LastRebuild);

    [HttpGet("")]
    public IActionResult SearchAdmin() => View(Model(new SynonymForm { Synonyms = synonyms.Current.Format() }));

    [HttpPost("synonyms")]
    public async Task<IActionResult> SaveSynonyms([Bind(Prefix = nameof(SearchAdminModel.Form))] SynonymForm form)
    {
        SearchSynonyms? parsed = null;
        if (ModelState.IsValid)
        {
            parsed = SearchSynonyms.Parse(form.Synonyms, out var problems);
            foreach (var problem in problems) ModelState.AddModelError($"{nameof(SearchAdminModel.Form)}.{nameof(SynonymForm.Synonyms)}", problem);
        }
        if (!ModelState.IsValid || parsed is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("SearchAdmin", Model(form));
        }
        await synonyms.SaveAsync(parsed);
        await notifications.PublishAsync(new Zaitaku.Core.Notifications.SettingChangedNotification(SearchSynonyms.SettingKey));
        await audit.RecordAsync("search.synonyms", detail: parsed.Format());
        TempData["Message"] = $"同義語の一覧を保存しました（{parsed.Groups.Count}行）。次の検索から使われます。";
        return RedirectToAction(nameof(SearchAdmin));
    }

    [HttpPost("rebuild")]
    public async Task<IActionResult> Rebuild()
    {
        await audit.RecordAsync("search.rebuild");
        var rebuild = indexer.RebuildAsync("バックオフィスから");
        if (await Task.WhenAny(rebuild, Task.Delay(RebuildWait)) == rebuild && rebuild.IsCompletedSuccessfully)
            TempData["Message"] = $"検索インデックスを再構築しました（{indexer.LastRebuild?.Documents}件）。";
        else if (rebuild.IsFaulted)
            TempData["Message"] = "検索インデックスを再構築できませんでした。ログを確認してください。";
        else
            TempData["Message"] = "検索インデックスの再構築を始めました。終わるまでの間も、今までの内容で検索できます。";
        return RedirectToAction(nameof(SearchAdmin));
    }

    private SearchAdminModel Model(SynonymForm form) =>
        new(form, index.IsReady, indexer.IsRebuilding, index.Count(), indexer.LastRebuild);
}
