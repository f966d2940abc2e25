using MusicGen.Core.Generations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MusicGen.Core.Data.EntityConfigurations;

internal sealed class TrackEntityTypeConfiguration : IEntityTypeConfiguration<Track>
{
    public void Configure(EntityTypeBuilder<Track> builder)
    {
        builder.ToTable("tracks");
        builder.Property(t => t.Title).HasMaxLength(200);
        builder.Property(t => t.Checksum).HasMaxLength(64);
        builder.Property(t => t.MusicalKey).HasMaxLength(16);
        builder.HasIndex(t => new { t.GenerationId, t.VariantIndex }).IsUnique();
        builder.HasMany(t => t.Files).WithOne().HasForeignKey(f => f.TrackId).OnDelete(DeleteBehavior.Cascade);
    }
}
