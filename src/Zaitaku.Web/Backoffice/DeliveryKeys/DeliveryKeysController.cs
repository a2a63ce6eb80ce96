using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Zaitaku.Web.Backoffice.Accounts;
using Zaitaku.Web.Backoffice.Audit;
using Zaitaku.Web.Delivery;

namespace Zaitaku.Web.Backoffice.DeliveryKeys;

/// <summary>
/// Administrators issue and revoke the preview keys of the Delivery API. A new key is shown once,
/// on the answer to the form (not after a redirect, so it is kept nowhere), and stored only as a hash.
/// </summary>
[Route("umbraco/api-keys")]
[Authorize(Policy = BackofficeSetup.AdministratorsPolicy)]
public sealed class DeliveryKeysController(PreviewKeys keys, AuditTrail audit) : BackofficeController
{
    public sealed class KeyForm
    {
        [Display(Name = "キーの名前（使う先）")]
        [Required(ErrorMessage = "キーの名前を入力してください。例：市公式アプリのプレビュー")]
        [StringLength(100, ErrorMessage = "キーの名前は100文字以内で入力してください。")]
        public string? Name { get; set; }
    }

    public sealed record DeliveryKeysModel(KeyForm Form, IReadOnlyList<PreviewKey> Keys, string? NewSecret, PreviewKey? NewKey);

    [HttpGet("")]
    public async Task<IActionResult> DeliveryKeys() => View(new DeliveryKeysModel(new KeyForm(), await keys.ListAsync(), null, null));

    [HttpPost("")]
    public async Task<IActionResult> Create([Bind(Prefix = nameof(DeliveryKeysModel.Form))] KeyForm form)
    {
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(DeliveryKeys), new DeliveryKeysModel(form, await keys.ListAsync(), null, null));
        }
        var (key, secret) = await keys.CreateAsync(form.Name!.Trim(), User.Identity?.Name ?? "");
        await audit.RecordAsync("delivery.key-created", key.Name, $"{key.Hint}（ID {key.Id}）");
        return View(nameof(DeliveryKeys), new DeliveryKeysModel(new KeyForm(), await keys.ListAsync(), secret, key));
    }

    [HttpPost("{id:guid}/revoke")]
    public async Task<IActionResult> Revoke(Guid id)
    {
        if (await keys.RevokeAsync(id, User.Identity?.Name ?? "") is not { } key) return NotFound();
        await audit.RecordAsync("delivery.key-revoked", key.Name, $"{key.Hint}（ID {key.Id}）");
        TempData["Message"] = $"API キー「{key.Name}」を取り消しました。このキーでは、もう下書きを読めません。";
        return RedirectToAction(nameof(DeliveryKeys));
    }
}
