using Microsoft.AspNetCore.Http;
using Umbraco.Cms.Core.Security;

namespace Zaitaku.Web.Media;

/// <summary>
/// Our checks where Umbraco first takes a file in: its <see cref="FileStreamSecurityValidator"/> runs every analyzer
/// on each temporary file upload (the Management API's <c>temporary-file</c> endpoint, which the media library, the
/// image cropper, the upload field and user avatars all use) and again when a property editor copies the temporary
/// file into the media folder. Umbraco only learns "unsafe" and answers 404 "blocked by a validator" in English, so
/// the reason is left for <see cref="UploadRefusalFilter"/>, which answers 400 with it in Japanese.
/// </summary>
public sealed class UploadSecurityAnalyzer(UploadCheck check, IHttpContextAccessor httpContextAccessor) : IFileStreamSecurityAnalyzer
{
    /// <summary>Where the reason waits for the response (HttpContext.Items).</summary>
    public const string RefusalItem = "Zaitaku.Media.Refusal";

    // Every file: what it is comes from its bytes, never from its name.
    public bool ShouldHandle(Stream fileStream) => true;

    public bool IsConsideredSafe(Stream fileStream)
    {
        if (check.Check(fileStream) is UploadVerdict.Refused refused)
        {
            if (httpContextAccessor.HttpContext is { } context) context.Items[RefusalItem] = refused.Message;
            return false;
        }
        return true;
    }
}
