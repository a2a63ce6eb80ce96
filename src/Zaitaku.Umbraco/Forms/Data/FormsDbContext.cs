using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Zaitaku.Infrastructure.Forms;
using Zaitaku.Infrastructure.Mail;

namespace Zaitaku.Web.Forms.Data;

/// <summary>
/// Our tables in Umbraco's own database, through Umbraco's EF Core support (<c>AddUmbracoDbContext</c>, used through
/// <c>IEFCoreScopeProvider&lt;FormsDbContext&gt;</c>, so a form's entry, its place and its mail are one transaction
/// on Umbraco's connection): the forms, their entries (answers encrypted), and the mail outbox. The entity classes
/// are the plain ones in Zaitaku.Infrastructure, shared with the previous engine.
/// </summary>
public class FormsDbContext : DbContext
{
    /// <summary>Where EF Core records our migrations: apart from Umbraco's own __EFMigrationsHistory.</summary>
    public const string MigrationsHistoryTable = "zaitakuFormsMigrations";

    public FormsDbContext(DbContextOptions<FormsDbContext> options) : base(options) { }

    /// <summary>For the provider-specific contexts that carry the migrations (<see cref="SqliteFormsDbContext"/>, <see cref="SqlServerFormsDbContext"/>).</summary>
    protected FormsDbContext(DbContextOptions options) : base(options) { }

    public DbSet<FormDefinition> Forms => Set<FormDefinition>();
    public DbSet<FormEntry> Entries => Set<FormEntry>();
    public DbSet<OutgoingMail> Outbox => Set<OutgoingMail>();

    /// <summary>
    /// Makes the transaction a writer before it reads. Umbraco opens SQLite transactions deferred: one that reads
    /// first and writes later fails with "database is locked" (after a 30-second wait) when another writer committed
    /// in between, so every transaction of ours that reads and then writes starts with this (a write that changes
    /// nothing). Harmless on SQL Server.
    /// </summary>
    public Task BeginWritingAsync() =>
        Database.ExecuteSqlRawAsync("UPDATE zaitakuForm SET ConfirmedCount = ConfirmedCount WHERE 1 = 0");

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // Table names follow Umbraco's (camelCase, with our prefix), so they read as ours among umbraco*/cms* tables.
        modelBuilder.Entity<FormDefinition>(form =>
        {
            form.ToTable("zaitakuForm");
            form.HasIndex(f => f.Key).IsUnique();
            form.Property(f => f.Name).HasMaxLength(200);
            form.Property(f => f.SubmitLabel).HasMaxLength(50);
            form.Property(f => f.NotifyEmail).HasMaxLength(254);
            form.Property(f => f.EntryAssociationKeys).HasMaxLength(2000);
        });
        modelBuilder.Entity<FormEntry>(entry =>
        {
            entry.ToTable("zaitakuFormEntry");
            entry.HasIndex(e => e.Key).IsUnique();
            entry.HasIndex(e => new { e.FormId, e.CreatedUtc });
            entry.HasIndex(e => new { e.FormId, e.Status });
            entry.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
            entry.Property(e => e.PageUrl).HasMaxLength(1000);
            entry.Property(e => e.ReceiptNumber).HasMaxLength(24);
            entry.HasIndex(e => e.ReceiptNumber).IsUnique();
            entry.Property(e => e.HandledBy).HasMaxLength(256);
            entry.Ignore(e => e.Receipt);
            entry.HasOne<FormDefinition>().WithMany().HasForeignKey(e => e.FormId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<OutgoingMail>(mail =>
        {
            mail.ToTable("zaitakuMailOutbox");
            mail.HasIndex(m => new { m.SentUtc, m.NextAttemptUtc });
            mail.HasIndex(m => new { m.To, m.CreatedUtc });
            mail.Property(m => m.To).HasMaxLength(320);
            mail.Property(m => m.Subject).HasMaxLength(500);
            mail.Property(m => m.LastError).HasMaxLength(500);
        });
    }

    /// <summary>Umbraco's provider names (ConnectionStrings:umbracoDbDSN_ProviderName) that we carry migrations for.</summary>
    public const string SqliteProvider = "Microsoft.Data.Sqlite";
    public const string SqlServerProvider = "Microsoft.Data.SqlClient";

    /// <summary>
    /// A context that can migrate the database Umbraco uses: the same model, with that provider's migrations. EF Core
    /// keeps one set of migrations per provider (SQLite and SQL Server differ in types and in how tables change).
    /// </summary>
    public static FormsDbContext ForMigrations(string providerName, string connectionString) => providerName switch
    {
        SqliteProvider or "Microsoft.Data.SQLite" => new SqliteFormsDbContext(new DbContextOptionsBuilder<SqliteFormsDbContext>()
            .UseSqlite(connectionString, o => o.MigrationsHistoryTable(MigrationsHistoryTable)).Options),
        SqlServerProvider => new SqlServerFormsDbContext(new DbContextOptionsBuilder<SqlServerFormsDbContext>()
            .UseSqlServer(connectionString, o => o.MigrationsHistoryTable(MigrationsHistoryTable)).Options),
        _ => throw new NotSupportedException($"フォームの表は {providerName} のデータベースに対応していません（SQLite と SQL Server のみ）。"),
    };
}

/// <summary>The forms' model with its SQLite migrations (Data/Migrations/Sqlite).</summary>
public sealed class SqliteFormsDbContext(DbContextOptions<SqliteFormsDbContext> options) : FormsDbContext(options);

/// <summary>The forms' model with its SQL Server migrations (Data/Migrations/SqlServer). Generated, not run here: no SQL Server on this machine.</summary>
public sealed class SqlServerFormsDbContext(DbContextOptions<SqlServerFormsDbContext> options) : FormsDbContext(options);

/// <summary>
/// For <c>dotnet ef migrations add</c> only (Data/add-migration.sh): the model without booting Umbraco. No database
/// is opened to add a migration.
/// </summary>
public sealed class SqliteFormsDesignTimeFactory : IDesignTimeDbContextFactory<SqliteFormsDbContext>
{
    public SqliteFormsDbContext CreateDbContext(string[] args) =>
        (SqliteFormsDbContext)FormsDbContext.ForMigrations(FormsDbContext.SqliteProvider, "Data Source=design-time.sqlite.db");
}

/// <inheritdoc cref="SqliteFormsDesignTimeFactory"/>
public sealed class SqlServerFormsDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerFormsDbContext>
{
    public SqlServerFormsDbContext CreateDbContext(string[] args) =>
        (SqlServerFormsDbContext)FormsDbContext.ForMigrations(FormsDbContext.SqlServerProvider, "Server=design-time;Database=design-time;Trusted_Connection=True;TrustServerCertificate=True");
}
