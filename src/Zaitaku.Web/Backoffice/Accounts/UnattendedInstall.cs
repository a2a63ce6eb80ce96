using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Zaitaku.Infrastructure.Accounts;
using Zaitaku.Web.Backoffice.Audit;

namespace Zaitaku.Web.Backoffice.Accounts;

/// <summary>The unattended install: Zaitaku__Backoffice__Unattended__Email / __Password / __DisplayName.</summary>
public sealed class UnattendedInstall(IServiceProvider services, IOptions<BackofficeOptions> options, ILogger<UnattendedInstall> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Unattended is not { Email: { Length: > 0 } email, Password: { Length: > 0 } password } unattended) return;
        await using var scope = services.CreateAsyncScope();
        var install = scope.ServiceProvider.GetRequiredService<InstallService>();
        if (await install.IsInstalledAsync(cancellationToken)) return;
        var result = await install.CreateFirstAdministratorAsync(email, unattended.DisplayName ?? "管理者", password, "unattended");
        if (result.Succeeded) logger.LogInformation("Unattended install: administrator {Email} created", email);
        else logger.LogError("Unattended install failed: {Errors}", string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
