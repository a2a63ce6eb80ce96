using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Zaitaku.Core.Content;
using Zaitaku.Infrastructure.Accounts;
using Zaitaku.Infrastructure.Audit;

namespace Zaitaku.Infrastructure.Data;

/// <summary>
/// The content database. The model is provider-neutral; each provider has its own subclass so
/// that each keeps its own migrations (SQLite by default, PostgreSQL by configuration).
/// </summary>
public abstract class ZaitakuDbContext(DbContextOptions options) : IdentityDbContext<EditorUser>(options)
{
    public DbSet<ContentNode> ContentNodes => Set<ContentNode>();
    public DbSet<ContentVersion> ContentVersions => Set<ContentVersion>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Content.ReviewRequest> ReviewRequests => Set<Content.ReviewRequest>();
    public DbSet<BackofficeSession> BackofficeSessions => Set<BackofficeSession>();
    public DbSet<BackofficeSetting> BackofficeSettings => Set<BackofficeSetting>();
    public DbSet<Mail.OutgoingMail> OutgoingMails => Set<Mail.OutgoingMail>();
    public DbSet<RedirectUrl> RedirectUrls => Set<RedirectUrl>();
    public DbSet<Zaitaku.Core.Media.MediaItem> MediaItems => Set<Zaitaku.Core.Media.MediaItem>();
    public DbSet<Zaitaku.Core.Media.DownloadCount> DownloadCounts => Set<Zaitaku.Core.Media.DownloadCount>();
    public DbSet<Forms.FormDefinition> Forms => Set<Forms.FormDefinition>();
    public DbSet<Forms.FormEntry> FormEntries => Set<Forms.FormEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<EditorUser>(user => user.Property(u => u.DisplayName).HasMaxLength(100));
        modelBuilder.Entity<BackofficeSession>(session =>
        {
            session.ToTable("BackofficeSession");
            session.HasKey(x => x.Key);
            session.Property(x => x.Key).HasMaxLength(64);
            session.Property(x => x.IpAddress).HasMaxLength(64);
            session.HasIndex(x => x.UserId);
            session.HasOne<EditorUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Content.ReviewRequest>(review =>
        {
            review.ToTable("ReviewRequest");
            review.HasIndex(r => new { r.NodeId, r.State });
            review.HasIndex(r => new { r.State, r.RequestedUtc });
            review.Property(r => r.State).HasConversion<string>().HasMaxLength(16);
            review.Property(r => r.RequestedBy).HasMaxLength(256);
            review.Property(r => r.ReviewedBy).HasMaxLength(256);
            review.Property(r => r.Note).HasMaxLength(2000);
            review.HasOne<ContentNode>().WithMany().HasForeignKey(r => r.NodeId).OnDelete(DeleteBehavior.Cascade);
            review.HasOne<ContentVersion>().WithMany().HasForeignKey(r => r.VersionId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<Mail.OutgoingMail>(mail =>
        {
            mail.ToTable("OutgoingMail");
            mail.HasIndex(m => new { m.SentUtc, m.NextAttemptUtc });
            mail.Property(m => m.To).HasMaxLength(320);
            mail.Property(m => m.Subject).HasMaxLength(500);
            mail.Property(m => m.LastError).HasMaxLength(500);
        });
        modelBuilder.Entity<BackofficeSetting>(setting =>
        {
            setting.ToTable("BackofficeSetting");
            setting.HasKey(x => x.Key);
            setting.Property(x => x.Key).HasMaxLength(64);
        });
        modelBuilder.Entity<AuditEntry>(audit =>
        {
            audit.ToTable("AuditEntry");
            audit.HasIndex(a => a.OccurredUtc);
            audit.HasIndex(a => new { a.UserId, a.OccurredUtc });
            audit.Property(a => a.UserName).HasMaxLength(256);
            audit.Property(a => a.Action).HasMaxLength(64);
            audit.Property(a => a.Target).HasMaxLength(512);
            audit.Property(a => a.IpAddress).HasMaxLength(64);
        });
        modelBuilder.Entity<ContentNode>(node =>
        {
            node.ToTable("ContentNode");
            node.HasIndex(n => n.Key).IsUnique();
            node.HasIndex(n => new { n.ParentId, n.SortOrder });
            node.HasIndex(n => n.PublishAtUtc);
            node.HasIndex(n => n.UnpublishAtUtc);
            node.Property(n => n.ContentTypeAlias).HasMaxLength(100);
            node.HasOne<ContentNode>().WithMany().HasForeignKey(n => n.ParentId).OnDelete(DeleteBehavior.Restrict);
            node.HasOne(n => n.DraftVersion).WithMany().HasForeignKey(n => n.DraftVersionId).OnDelete(DeleteBehavior.Restrict);
            node.HasOne(n => n.PublishedVersion).WithMany().HasForeignKey(n => n.PublishedVersionId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<Zaitaku.Core.Media.MediaItem>(media =>
        {
            media.ToTable("MediaItem");
            media.HasIndex(m => m.Key).IsUnique();
            media.HasIndex(m => new { m.ParentId, m.Name });
            media.Property(m => m.Kind).HasConversion<string>().HasMaxLength(16);
            media.Property(m => m.Name).HasMaxLength(255);
            media.Property(m => m.FileName).HasMaxLength(255);
            media.Property(m => m.MediaType).HasMaxLength(64);
            media.Property(m => m.AltText).HasMaxLength(500);
            media.Property(m => m.CreatedBy).HasMaxLength(255);
            media.Ignore(m => m.Udi);
            media.Ignore(m => m.Extension);
            media.HasOne<Zaitaku.Core.Media.MediaItem>().WithMany().HasForeignKey(m => m.ParentId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<Zaitaku.Core.Media.DownloadCount>(count =>
        {
            count.ToTable("DownloadCount");
            count.HasKey(c => new { c.MediaKey, c.Month });
            count.Property(c => c.Month).HasMaxLength(7);
        });
        modelBuilder.Entity<Forms.FormDefinition>(form =>
        {
            form.ToTable("Form");
            form.HasIndex(f => f.Key).IsUnique();
            form.Property(f => f.Name).HasMaxLength(200);
            form.Property(f => f.SubmitLabel).HasMaxLength(50);
            form.Property(f => f.NotifyEmail).HasMaxLength(254);
        });
        modelBuilder.Entity<Forms.FormEntry>(entry =>
        {
            entry.ToTable("FormEntry");
            entry.HasIndex(e => e.Key).IsUnique();
            entry.HasIndex(e => new { e.FormId, e.CreatedUtc });
            entry.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
            entry.Property(e => e.PageUrl).HasMaxLength(1000);
            entry.Property(e => e.ReceiptNumber).HasMaxLength(24);
            entry.HasIndex(e => e.ReceiptNumber).IsUnique();
            entry.Ignore(e => e.Receipt);
            entry.HasOne<Forms.FormDefinition>().WithMany().HasForeignKey(e => e.FormId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<RedirectUrl>(redirect =>
        {
            redirect.ToTable("RedirectUrl");
            redirect.HasIndex(r => r.Url).IsUnique();
            redirect.HasIndex(r => r.ContentKey);
            redirect.Property(r => r.Url).HasMaxLength(1000);
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
