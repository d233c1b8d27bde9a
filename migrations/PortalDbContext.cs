using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Portal.Database.Api;
using Portal.Database.Audit;
using Portal.Database.Contacts;
using Portal.Database.Identity;
using Portal.Database.Numbers;
using Portal.Database.Settings;

namespace Portal.Database;

/// <summary>The portal's one database: Identity's stores, the data protection key ring and the domain tables.</summary>
public class PortalDbContext(DbContextOptions<PortalDbContext> options)
    : IdentityDbContext<PortalUser>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<TwilioNumber> Numbers => Set<TwilioNumber>();

    public DbSet<AccountSettings> AccountSettings => Set<AccountSettings>();

    public DbSet<Contact> Contacts => Set<Contact>();

    public DbSet<Send> Sends => Set<Send>();

    public DbSet<AssignmentChange> AssignmentChanges => Set<AssignmentChange>();

    public DbSet<ContactResolution> ContactResolutions => Set<ContactResolution>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // Limitation: Identity names its tables itself ("AspNetUsers", "AspNetRoles"…), so those tables keep
        // PascalCase names while every column, and every other table, is snake_case.

        builder.Entity<PortalUser>(user =>
        {
            user.Property(u => u.DisplayName).HasMaxLength(200);
            user.Property(u => u.IsActive).HasDefaultValue(true);
            user.Property(u => u.Version).IsRowVersion();
            user.HasOne(u => u.InboundNumber).WithMany().HasForeignKey(u => u.InboundNumberId)
                .OnDelete(DeleteBehavior.Restrict);

            // A number is the inbound number of at most one user.
            user.HasIndex(u => u.InboundNumberId).IsUnique().HasFilter("inbound_number_id is not null");
            user.HasIndex(u => new { u.DisplayName, u.Id });
        });

        ConfigureNumbers(builder);
        ConfigureContacts(builder);
        ConfigureAudit(builder);
    }

    private static void ConfigureNumbers(ModelBuilder builder)
    {
        builder.Entity<TwilioNumber>(number =>
        {
            number.ToTable("numbers");
            number.HasIndex(n => n.E164).IsUnique();
            number.Property(n => n.E164).HasMaxLength(16);
            number.Property(n => n.Capabilities).HasConversion<int>();
            number.Property(n => n.Version).IsRowVersion();
        });

        builder.Entity<AccountSettings>(settings =>
        {
            settings.Property(s => s.Id).ValueGeneratedNever();
            settings.Property(s => s.Version).IsRowVersion();
            settings.HasOne(s => s.DefaultOutboundNumber).WithMany().HasForeignKey(s => s.DefaultOutboundNumberId)
                .OnDelete(DeleteBehavior.Restrict);
            settings.HasData(new AccountSettings { Id = Settings.AccountSettings.SingletonId });
        });
    }

    private static void ConfigureContacts(ModelBuilder builder)
    {
        builder.Entity<Contact>(contact =>
        {
            contact.HasIndex(c => c.ExternalId).IsUnique();
            contact.HasIndex(c => c.Phone).IsUnique().HasFilter("phone is not null");
            contact.HasIndex(c => c.Email).IsUnique().HasFilter("email is not null");
            // Sorting by phone or by assigned user walks these instead of sorting every contact; the assigned user
            // index also finds the contacts one user's inbound number serves, in id order.
            contact.HasIndex(c => new { c.Phone, c.Id });
            contact.HasIndex(c => new { c.AssignedUserId, c.Id });
            contact.HasIndex(c => c.PreviousNumberId);
            contact.HasIndex(c => new { c.LastName, c.FirstName, c.Id });
            contact.HasIndex(c => c.CreatedAt);
            contact.Property(c => c.Version).IsRowVersion();
            contact.HasOne(c => c.AssignedUser).WithMany().HasForeignKey(c => c.AssignedUserId)
                .OnDelete(DeleteBehavior.Restrict);
            contact.HasOne(c => c.PreviousNumber).WithMany().HasForeignKey(c => c.PreviousNumberId)
                .OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Send>(send =>
        {
            send.HasIndex(s => s.Sid).IsUnique().HasFilter("sid is not null");
            send.HasIndex(s => new { s.ContactId, s.SentAt, s.Id });
            send.HasIndex(s => s.FromNumberId);
            send.Property(s => s.Counts)
                .HasComputedColumnSql("status not in ('failed', 'canceled', 'unknown')", stored: true);
            send.Property(s => s.Trace).HasColumnType("jsonb");
            send.HasOne(s => s.Contact).WithMany().HasForeignKey(s => s.ContactId).OnDelete(DeleteBehavior.Cascade);
            send.HasOne(s => s.FromNumber).WithMany().HasForeignKey(s => s.FromNumberId)
                .OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<ContactResolution>(resolution =>
        {
            resolution.HasNoKey();
            resolution.ToView("contact_resolutions");
        });

        builder.Entity<AssignmentChange>(change =>
        {
            change.HasIndex(c => new { c.ContactId, c.ChangedAt });
            change.HasOne<Contact>().WithMany().HasForeignKey(c => c.ContactId).OnDelete(DeleteBehavior.Cascade);
        });
    }

    private static void ConfigureAudit(ModelBuilder builder)
    {
        builder.Entity<AuditEvent>(audit =>
        {
            audit.HasIndex(a => a.OccurredAt);
            audit.HasIndex(a => a.Actor);
            audit.HasIndex(a => a.Numbers).HasMethod("gin");
        });

        builder.Entity<ApiKey>(key =>
        {
            key.HasIndex(k => k.Hash).IsUnique();
        });
    }
}
