using MusicGen.Core.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MusicGen.Core.Data.EntityConfigurations;

internal sealed class UserEntityTypeConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.ToTable("users");
        builder.Property(u => u.Email).HasMaxLength(320);
        builder.Property(u => u.PasswordHash).HasMaxLength(200);
        builder.Property(u => u.ExternalIssuer).HasMaxLength(300);
        builder.Property(u => u.ExternalSubject).HasMaxLength(200);
        builder.Property(u => u.DisplayName).HasMaxLength(120);
        builder.Property(u => u.Role).HasMaxLength(16);
        builder.Property(u => u.WebhookSecret).HasMaxLength(64);
        builder.HasIndex(u => u.Email).IsUnique();
        builder.HasIndex(u => new { u.ExternalIssuer, u.ExternalSubject }).IsUnique();
    }
}
