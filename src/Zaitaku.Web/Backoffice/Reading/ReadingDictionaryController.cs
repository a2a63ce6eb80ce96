using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Zaitaku.Core.Reading;
using Zaitaku.Infrastructure.Reading;
using Zaitaku.Web.Backoffice.Accounts;
using Zaitaku.Web.Backoffice.Audit;

namespace Zaitaku.Web.Backoffice.Reading;

/// <summary>
/// 読みの辞書: the secretariat corrects readings MeCab gets wrong (place and people's names). Saving
/// refreshes the ふりがな of every page, the words read aloud, and the readings search uses.
/// </summary>
[Route("umbraco/readings")]
[Authorize(Policy = BackofficeSetup.PublishersPolicy)]
public sealed class ReadingDictionaryController(Readings readings, AuditTrail audit,
    Zaitaku.Core.Notifications.INotificationPublisher notifications) : BackofficeController
{
    private const string ViewPath = "~/Backoffice/Reading/ReadingDictionary.cshtml";

    public sealed class DictionaryForm
    {
        [Display(Name = "読みの辞書")]
        // An emptied box ("") empties the dictionary; a request without the field at all is refused.
        [DisplayFormat(ConvertEmptyStringToNull = false)]
        [Required(AllowEmptyStrings = true, ErrorMessage = "読みの辞書の内容が送られていません。もう一度保存してください。")]
        public string? Entries { get; set; }
    }

    /// <param name="Preview">The sample text with ruby, as the public site would show it.</param>
    public sealed record ReadingDictionaryModel(DictionaryForm Form, bool MecabAvailable, string? Sample, IReadOnlyList<RubyPart>? Preview);

    [HttpGet("")]
    public IActionResult Edit(string? sample) =>
        View(ViewPath, Model(new DictionaryForm { Entries = readings.Dictionary.Format() }, sample));

    [HttpPost("")]
    public async Task<IActionResult> Save([Bind(Prefix = nameof(ReadingDictionaryModel.Form))] DictionaryForm form)
    {
        var parsed = ReadingDictionary.Parse(form.Entries, out var problems);
        if (form.Entries is null) problems = [];
        foreach (var problem in problems)
            ModelState.AddModelError($"{nameof(ReadingDictionaryModel.Form)}.{nameof(DictionaryForm.Entries)}", problem);
        if (!ModelState.IsValid)
        {
            // What was typed stays in the box, with each problem line named.
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(ViewPath, Model(form, null));
        }
        await readings.SaveAsync(parsed);
        await notifications.PublishAsync(new Zaitaku.Core.Notifications.SettingChangedNotification(ReadingDictionary.SettingKey));
        await audit.RecordAsync("reading.dictionary", detail: parsed.Format());
        TempData["Message"] = $"読みの辞書を保存しました（{parsed.Entries.Count}語）。ふりがなと読み上げ、検索に使われます。";
        return RedirectToAction(nameof(Edit));
    }

    private ReadingDictionaryModel Model(DictionaryForm form, string? sample)
    {
        sample = string.IsNullOrWhiteSpace(sample) ? null : sample.Trim()[..Math.Min(sample.Trim().Length, 200)];
        return new(form, readings.IsAvailable, sample, sample is not null && readings.IsAvailable ? readings.Annotate(sample) : null);
    }
}
