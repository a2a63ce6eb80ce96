using Microsoft.EntityFrameworkCore;
using Zaitaku.Core.Content;

namespace Zaitaku.Infrastructure.Data;

/// <summary>
/// The content database. The model is provider-neutral; each provider has its own subclass so
/// that each keeps its own migrations (SQLite by default, PostgreSQL by configuration).
/// </summary>
public abstract class ZaitakuDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<ContentNode> ContentNodes => Set<ContentNode>();
    public DbSet<ContentVersion> ContentVersions => Set<ContentVersion>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ContentNode>(node =>
        {
            node.ToTable("ContentNode");
            node.HasIndex(n => n.Key).IsUnique();
            node.HasIndex(n => new { n.ParentId, n.SortOrder });
            node.Property(n => n.ContentTypeAlias).HasMaxLength(100);
            node.HasOne<ContentNode>().WithMany().HasForeignKey(n => n.ParentId).OnDelete(DeleteBehavior.Restrict);
            node.HasOne(n => n.DraftVersion).WithMany().HasForeignKey(n => n.DraftVersionId).OnDelete(DeleteBehavior.Restrict);
            node.HasOne(n => n.PublishedVersion).WithMany().HasForeignKey(n => n.PublishedVersionId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<ContentVersion>(version =>
        {
            version.ToTable("ContentVersion");
            version.HasIndex(v => v.NodeId);
            version.Property(v => v.Name).HasMaxLength(255);
            version.Property(v => v.UrlSegment).HasMaxLength(255);
            version.Property(v => v.CreatedBy).HasMaxLength(255);
            version.HasOne<ContentNode>().WithMany().HasForeignKey(v => v.NodeId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}

public sealed class SqliteZaitakuDbContext(DbContextOptions<SqliteZaitakuDbContext> options) : ZaitakuDbContext(options);

public sealed class PostgreSqlZaitakuDbContext(DbContextOptions<PostgreSqlZaitakuDbContext> options) : ZaitakuDbContext(options);
