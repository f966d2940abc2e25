using MusicGen.Core.Accounts;
using MusicGen.Core.Generations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MusicGen.Core.Data.EntityConfigurations;

internal sealed class GenerationEntityTypeConfiguration : IEntityTypeConfiguration<Generation>
{
    public void Configure(EntityTypeBuilder<Generation> builder)
    {
        builder.ToTable("generations");
        builder.Ignore(g => g.IsTerminal);
        builder.Property(g => g.Name).HasMaxLength(200);
        builder.Property(g => g.OutputFormat).HasMaxLength(40);
        builder.Property(g => g.Provider).HasMaxLength(40);
        builder.Property(g => g.Model).HasMaxLength(80);
        builder.Property(g => g.WebhookUrl).HasMaxLength(2048);
        builder.Property(g => g.Genre).HasMaxLength(16);
        builder.Property(g => g.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(g => g.Stage).HasMaxLength(40);
        builder.Property(g => g.ErrorCode).HasMaxLength(64);
        builder.Property(g => g.ErrorMessage).HasMaxLength(1000);
        builder.Property(g => g.ProviderTaskId).HasMaxLength(200);
        builder.Property(g => g.IdempotencyKey).HasMaxLength(200);
        builder.Property(g => g.RequestHash).HasMaxLength(64);
        builder.HasIndex(g => new { g.UserId, g.CreatedAt });
        builder.HasIndex(g => new { g.UserId, g.IdempotencyKey }).IsUnique();
        builder.HasIndex(g => g.Status);
        builder.HasIndex(g => new { g.UserId, g.Genre });
        builder.HasOne<User>().WithMany().HasForeignKey(g => g.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(g => g.Tracks).WithOne().HasForeignKey(t => t.GenerationId).OnDelete(DeleteBehavior.Cascade);
    }
}
