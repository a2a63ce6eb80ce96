using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Zaitaku.Core.Forms;
using Zaitaku.Infrastructure.Data;

namespace Zaitaku.Infrastructure.Forms;

/// <summary>
/// Loads the seeded forms from content-seed/forms/*.json into a database that has none yet (as
/// uSync.Forms exports Umbraco Forms), so a new site starts with its sign-up, feedback and enquiry forms.
/// </summary>
public sealed class FormSeedImporter(ZaitakuDbContext db, TimeProvider clock, ILogger<FormSeedImporter> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() }, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true,
    };

    private sealed record SeedForm(
        Guid Key, string Name, string? Introduction, string? SubmitLabel, string? ThankYouMessage, string? NotifyEmail,
        bool ConfirmToSubmitter, int? Capacity, bool WaitingList, int RetentionDays, string? PrivacyNotice, bool OnEveryPage,
        DateTime? ClosesAtUtc, List<FormField> Fields);

    public async Task<int> ImportIfEmptyAsync(string seedFolder, CancellationToken ct = default)
    {
        var folder = Path.Combine(seedFolder, "forms");
        if (!Directory.Exists(folder) || await db.Forms.AnyAsync(ct)) return 0;
        var now = clock.GetUtcNow().UtcDateTime;
        var count = 0;
        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            SeedForm seed;
            try { seed = JsonSerializer.Deserialize<SeedForm>(await File.ReadAllTextAsync(file, ct), Json) ?? throw new JsonException("empty"); }
            catch (JsonException e) { throw new InvalidDataException($"content-seed/forms/{Path.GetFileName(file)} を読めません: {e.Message}", e); }
            for (var i = 0; i < seed.Fields.Count; i++) seed.Fields[i].SortOrder = i;
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
            db.Forms.Add(form);
            count++;
        }
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Imported {Count} forms from the content seed", count);
        return count;
    }
}
