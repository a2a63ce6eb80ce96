using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Filters;
using System.Reflection;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Umbraco.Cms.Api.Management.Controllers.Media;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.DistributedLocking.Exceptions;
using Umbraco.Cms.Core.Scoping;
using Zaitaku.Web.Hosting;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Media;

/// <summary>
/// Bad timing is not a fault: a media save behind another save waits for it and is stored; one that waits longer than
/// Umbraco allows gets a Japanese "try again" with 503, not a 500.
/// </summary>
[Collection(AloneOnTheSite.Name)]
public sealed class BusyDatabaseTests(SharedSite site)
{
    [Fact]
    public async Task A_photo_saved_while_another_save_holds_the_media_library_waits_and_is_stored()
    {
        var api = await ManagementApi.AsAdminAsync();
        var temporary = Guid.NewGuid();
        Assert.True((await api.UploadTemporaryFileAsync(temporary, "matsu.jpg", MediaSamples.Jpeg(900, 600))).IsSuccessStatusCode);

        // Another save holds the media tree (on SQLite: the database) for longer than Umbraco's 5-second lock timeout.
        using var held = new ManualResetEventSlim();
        var holder = Task.Run(() =>
        {
            using var scope = site.Factory.Services.GetRequiredService<ICoreScopeProvider>().CreateCoreScope();
            scope.EagerWriteLock(Constants.Locks.MediaTree);
            held.Set();
            Thread.Sleep(TimeSpan.FromSeconds(8));
            scope.Complete();
        });
        Assert.True(held.Wait(TimeSpan.FromSeconds(30)));
        var created = await api.CreateMediaAsync(Guid.NewGuid(), UploadSecurityTests.ImageType, UploadSecurityTests.SharedFolder, "松", temporary, [("altText", "松の木")]);
        await holder;

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    [Fact]
    public void A_lock_timeout_in_the_backoffice_is_503_with_a_japanese_try_again()
    {
        // Umbraco's own retries on SQLite stretch a lock wait to minutes, too long to provoke here: the filter is
        // given the exception Umbraco throws when the wait runs out.
        var action = new ControllerActionDescriptor { ControllerTypeInfo = typeof(CreateMediaController).GetTypeInfo() };
        var http = new DefaultHttpContext();
        var context = new ExceptionContext(new ActionContext(http, new RouteData(), action), [])
        {
            Exception = new DistributedWriteLockTimeoutException(Constants.Locks.MediaTree),
        };

        new BusyDatabaseFilter(NullLogger<BusyDatabaseFilter>.Instance).OnException(context);

        Assert.True(context.ExceptionHandled);
        var result = Assert.IsType<ObjectResult>(context.Result);
        Assert.Equal(503, result.StatusCode);
        var problem = Assert.IsType<ProblemDetails>(result.Value);
        Assert.Contains("待ちきれませんでした", problem.Title);
        Assert.Contains("入力した内容はそのままです", problem.Detail);
        Assert.Equal("5", http.Response.Headers.RetryAfter.ToString());
    }
}
