using Umbraco.Cms.Infrastructure.Migrations;

namespace Zaitaku.Web.Schema;

/// <summary>
/// The uSync files as a migration plan: its final state is the files' hash, so Umbraco's upgrader applies them
/// once per change and records the state in umbracoKeyValue, as it does for its own schema and for packages.
/// </summary>
public sealed class SchemaMigrationPlan : MigrationPlan
{
    public const string PlanName = "Zaitaku.Schema";

    public SchemaMigrationPlan(string filesHash) : base(PlanName)
    {
        From(string.Empty).To<ApplyUSyncFiles>(filesHash);
    }

    /// <summary>
    /// The state is a hash: an earlier hash is not a state this plan knows, so it always starts from the beginning
    /// (as Umbraco's automatic package plans do); <see cref="SchemaOnStart"/> runs it only when the hash differs.
    /// </summary>
    public override bool IgnoreCurrentState => true;
}

/// <summary>The one step of <see cref="SchemaMigrationPlan"/>: create or update everything in the files.</summary>
public sealed class ApplyUSyncFiles(IMigrationContext context, USyncFiles files, SchemaImport import) : AsyncMigrationBase(context)
{
    protected override Task MigrateAsync() => import.ApplyAsync(files);
}
