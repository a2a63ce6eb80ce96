using Zaitaku.Web.Hosting;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Umbraco.Cms.Persistence.EFCore.Scoping;
using Zaitaku.Core.Forms;
using Zaitaku.Infrastructure.Forms;
using Zaitaku.Web.Forms.Data;

namespace Zaitaku.Web.Forms;

/// <summary>
/// The seeded forms, content-seed/forms/*.json (sign-ups, the page feedback form, the enquiry form), imported once
/// into a site that has no form yet, with the keys the JSON gives (pages' <c>form</c> properties name them).
/// </summary>
public sealed class FormSeed(IEFCoreScopeProvider<FormsDbContext> scopes, SiteClock clock, ILogger<FormSeed> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() }, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true,
    };

    private sealed record SeedForm(
        Guid Key, string Name, string? Introduction, string? SubmitLabel, string? ThankYouMessage, string? NotifyEmail,
        bool ConfirmToSubmitter, int? Capacity, bool WaitingList, int RetentionDays, string? PrivacyNotice, bool OnEveryPage,
        DateTime? ClosesAtUtc, List<FormField> Fields);

    /// <returns>How many forms were imported (none when the site already has forms).</returns>
    public async Task<int> ImportIfEmptyAsync(string seedFolder)
    {
        var folder = Path.Combine(seedFolder, "forms");
        if (!Directory.Exists(folder)) return 0;
        // Read and checked before anything is written: a broken file stops the import, naming the file.
        var forms = new List<FormDefinition>();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            SeedForm seed;
            try { seed = JsonSerializer.Deserialize<SeedForm>(await File.ReadAllTextAsync(file), Json) ?? throw new JsonException("空のファイルです"); }
            catch (JsonException e) { throw new InvalidDataException($"content-seed/forms/{Path.GetFileName(file)} を読めません: {e.Message}", e); }
            for (var i = 0; i < seed.Fields.Count; i++) seed.Fields[i].SortOrder = i;
            foreach (var field in seed.Fields)
                if (FormSubmission.PatternProblem(field.Pattern) is { } problem)
                    throw new InvalidDataException($"content-seed/forms/{Path.GetFileName(file)}「{field.Label}」: {problem}");
            var form = new FormDefinition
            {
                Key = seed.Key, Name = seed.Name, Introduction = seed.Introduction,
                SubmitLabel = seed.SubmitLabel ?? "送信する", ThankYouMessage = seed.ThankYouMessage ?? "送信しました。ありがとうございました。",
                NotifyEmail = seed.NotifyEmail, ConfirmToSubmitter = seed.ConfirmToSubmitter, Capacity = seed.Capacity,
                WaitingList = seed.WaitingList, RetentionDays = seed.RetentionDays > 0 ? seed.RetentionDays : 365,
                PrivacyNotice = seed.PrivacyNotice, OnEveryPage = seed.OnEveryPage, CreatedUtc = now, UpdatedUtc = now,
                ClosesAtUtc = seed.ClosesAtUtc is { } closes ? DateTime.SpecifyKind(closes.ToUniversalTime(), DateTimeKind.Utc) : null,
            };
            form.SetFields(seed.Fields);
            forms.Add(form);
        }

        using var scope = scopes.CreateScope();
        var imported = await scope.ExecuteWithContextAsync(async db =>
        {
            await db.BeginWritingAsync();
            if (await db.Forms.AnyAsync()) return 0;
            db.Forms.AddRange(forms);
            await db.SaveChangesAsync();
            return forms.Count;
        });
        scope.Complete();
        if (imported > 0) logger.LogInformation("Imported {Count} forms from content-seed/forms", imported);
        return imported;
    }
}
